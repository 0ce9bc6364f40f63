package dev.retort.spring;

import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.pool.PoolKind;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Turns {@link RetortProperties} — and, when {@code retort.url} is not set, Spring's
 * {@code spring.r2dbc.*} settings — into the engine's URL and {@link EngineOptions}. Runs once at
 * startup; no IO.
 *
 * <p>{@code spring.r2dbc.*} mapping: {@code url}, {@code username}, {@code password} (used when the
 * URL has none, as Spring Boot does), {@code name} (the database when the URL names none),
 * {@code properties.*} (driver options), and from {@code pool.*}: {@code max-size} → pool size +
 * overflow, {@code initial-size} → pool size (Retort still opens connections on demand),
 * {@code max-acquire-time} → pool timeout, {@code max-life-time} → recycle, {@code max-idle-time} →
 * idle timeout, {@code validation-query} or {@code validation-depth=REMOTE} → pre-ping (a driver
 * ping, not the query), {@code enabled=false} → NULL pool. {@code min-idle} has no counterpart
 * (Retort keeps no idle minimum) and is ignored with a warning. Only settings actually present
 * count; Spring Boot's own defaults for them do not.
 */
final class EngineSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSettings.class);
    private static final int DEFAULT_POOL_SIZE = 5;

    /** The message of the failure when no URL is configured. */
    static final String NO_URL = "No database URL for Retort: set 'retort.url' (or Spring's 'spring.r2dbc.url'), "
            + "e.g. retort.url=mysql://user:secret@localhost:3306/shop";

    private EngineSettings() {
    }

    /** The URL and options an engine is made with, and where the URL came from. */
    record Resolved(EngineUrl url, EngineOptions.Builder options, String source) {
    }

    /**
     * @throws ConfigurationException without a URL (message {@link #NO_URL}), for a bad URL or a
     *     bad option value
     */
    static Resolved resolve(RetortProperties retort, Binder binder) {
        boolean fallback = !hasText(retort.getUrl());
        String urlText = fallback ? binder.bind("spring.r2dbc.url", String.class).orElse(null) : retort.getUrl();
        if (!hasText(urlText)) {
            throw new ConfigurationException(NO_URL);
        }
        EngineUrl url = EngineUrl.parse(urlText);
        String username = retort.getUsername();
        String password = retort.getPassword();
        SpringPool springPool = SpringPool.NONE;
        if (fallback) {
            username = username != null ? username : binder.bind("spring.r2dbc.username", String.class).orElse(null);
            password = password != null ? password : binder.bind("spring.r2dbc.password", String.class).orElse(null);
            String database = binder.bind("spring.r2dbc.name", String.class).orElse(null);
            if (url.database() == null && hasText(database)) {
                url = url.withDatabase(database);
            }
            Map<String, String> driverOptions = binder.bind("spring.r2dbc.properties",
                    Bindable.mapOf(String.class, String.class)).orElse(Map.of());
            for (Map.Entry<String, String> option : driverOptions.entrySet()) {
                url = url.withOption(option.getKey(), option.getValue());
            }
            springPool = SpringPool.read(binder);
        }
        if (url.user() == null && hasText(username)) {
            url = url.withUser(username);
        }
        if (!url.hasPassword() && password != null) {
            url = url.withPassword(password);
        }
        return new Resolved(url, options(retort, springPool), fallback ? "spring.r2dbc.url" : "retort.url");
    }

    private static EngineOptions.Builder options(RetortProperties retort, SpringPool spring) {
        EngineOptions.Builder options = EngineOptions.builder()
                .echo(retort.isEcho())
                .echoPool(retort.isEchoPool())
                .hideParameters(retort.isHideParameters())
                .isolationLevel(retort.getIsolationLevel());
        if (hasText(retort.getName())) {
            options.name(retort.getName());
        }
        if (retort.getConnectTimeout() != null) {
            options.connectTimeout(retort.getConnectTimeout());
        }
        if (retort.getReleaseTimeout() != null) {
            options.releaseTimeout(retort.getReleaseTimeout());
        }
        RetortProperties.Pool pool = retort.getPool();
        PoolKind kind = pool.getKind() != null ? pool.getKind() : Boolean.FALSE.equals(spring.enabled) ? PoolKind.NULL : null;
        if (kind != null) {
            options.poolKind(kind);
        }
        sizes(options, pool.getSize() != null ? pool.getSize() : spring.initialSize,
                pool.getMaxOverflow(), pool.getMaxSize() != null ? pool.getMaxSize() : spring.maxSize);
        Duration timeout = pool.getTimeout() != null ? pool.getTimeout() : spring.maxAcquireTime;
        if (timeout != null) {
            options.poolTimeout(noneIfZero(timeout));
        }
        Duration lifeTime = pool.getMaxLifeTime() != null ? pool.getMaxLifeTime() : spring.maxLifeTime;
        if (lifeTime != null) {
            options.poolRecycle(noneIfZero(lifeTime));
        }
        Duration idleTime = pool.getMaxIdleTime() != null ? pool.getMaxIdleTime() : spring.maxIdleTime;
        if (idleTime != null) {
            options.idleTimeout(noneIfZero(idleTime));
        }
        if (pool.getPrePing() != null) {
            options.prePing(pool.getPrePing());
        } else if (spring.validationQuery != null || "REMOTE".equalsIgnoreCase(spring.validationDepth)) {
            options.prePing(true);
        }
        if (spring.minIdle != null && spring.minIdle > 0) {
            LOG.warn("spring.r2dbc.pool.min-idle={} is ignored: Retort opens connections on demand and keeps no idle "
                    + "minimum", spring.minIdle);
        }
        return options;
    }

    /** Pool size and overflow from size, overflow and max size, any of which may be unset. */
    private static void sizes(EngineOptions.Builder options, @Nullable Integer size, @Nullable Integer overflow,
            @Nullable Integer maxSize) {
        if (maxSize == null) {
            if (size != null) {
                options.poolSize(size);
            }
            if (overflow != null) {
                options.maxOverflow(overflow);
            }
            return;
        }
        if (maxSize < 1) {
            throw new ConfigurationException("The pool's max size must be at least 1, was " + maxSize);
        }
        int core = Math.min(size != null ? size : DEFAULT_POOL_SIZE, maxSize);
        if (overflow != null && core + overflow != maxSize) {
            throw new ConfigurationException("retort.pool.max-size=" + maxSize + " disagrees with retort.pool.size="
                    + core + " plus retort.pool.max-overflow=" + overflow + "; set max-size or max-overflow, not both");
        }
        options.poolSize(core).maxOverflow(maxSize - core);
    }

    private static @Nullable Duration noneIfZero(Duration value) {
        return value.isZero() ? null : value;
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    /** The {@code spring.r2dbc.pool.*} settings present in the environment (null where absent). */
    private record SpringPool(@Nullable Integer maxSize, @Nullable Integer initialSize, @Nullable Integer minIdle,
            @Nullable Duration maxAcquireTime, @Nullable Duration maxLifeTime, @Nullable Duration maxIdleTime,
            @Nullable String validationQuery, @Nullable String validationDepth, @Nullable Boolean enabled) {

        static final SpringPool NONE = new SpringPool(null, null, null, null, null, null, null, null, null);

        static SpringPool read(Binder binder) {
            String prefix = "spring.r2dbc.pool.";
            return new SpringPool(
                    binder.bind(prefix + "max-size", Integer.class).orElse(null),
                    binder.bind(prefix + "initial-size", Integer.class).orElse(null),
                    binder.bind(prefix + "min-idle", Integer.class).orElse(null),
                    binder.bind(prefix + "max-acquire-time", Duration.class).orElse(null),
                    binder.bind(prefix + "max-life-time", Duration.class).orElse(null),
                    binder.bind(prefix + "max-idle-time", Duration.class).orElse(null),
                    binder.bind(prefix + "validation-query", String.class).orElse(null),
                    binder.bind(prefix + "validation-depth", String.class).orElse(null),
                    binder.bind(prefix + "enabled", Boolean.class).orElse(null));
        }
    }
}
