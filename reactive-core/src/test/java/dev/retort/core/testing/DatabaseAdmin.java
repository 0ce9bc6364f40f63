package dev.retort.core.testing;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Creates and drops databases on the {@linkplain TestServers test server}, each time through a
 * short-lived engine without a pool ({@link PoolKind#NULL}) that is disposed right after. Blocking:
 * for test set-up and tear-down on test threads only.
 */
public final class DatabaseAdmin {

    /** The longest identifier MySQL and MariaDB accept. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final String PREFIX = "retort_";
    private static final int SUFFIX_LENGTH = 6;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DatabaseAdmin() {
    }

    /**
     * A fresh database name for a test class: {@code retort_<simple name, lower case>_<6 random>},
     * only {@code [a-z0-9_]}, at most {@value #MAX_NAME_LENGTH} characters.
     */
    public static String uniqueName(Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        int room = MAX_NAME_LENGTH - PREFIX.length() - 1 - SUFFIX_LENGTH;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        StringBuilder name = new StringBuilder(PREFIX).append(base).append('_');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** Creates database {@code name} (character set utf8mb4); fails if it exists. */
    public static void create(String name) {
        run(engine -> engine.execute(text("CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4")).rowcount());
    }

    /**
     * Drops database {@code name} if it exists. A metadata lock held by a leaked transaction makes
     * the drop fail after 10 seconds instead of waiting for the server's default (a year).
     */
    public static void drop(String name) {
        run(engine -> engine.connect(connection -> connection.execute(text("SET SESSION lock_wait_timeout = 10"))
                .rowcount()
                .then(connection.execute(text("DROP DATABASE IF EXISTS " + quote(name))).rowcount())));
    }

    /** Whether database {@code name} exists. */
    public static boolean exists(String name) {
        Long count = run(engine -> engine.execute(text("SELECT COUNT(*) FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = :name"), Map.of("name", name)).scalar(Long.class));
        return count != null && count > 0;
    }

    private static String quote(String name) {
        if (!name.matches("[A-Za-z0-9_]{1," + MAX_NAME_LENGTH + "}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return "`" + name + "`";
    }

    private static <T> @Nullable T run(Function<Engine, Mono<T>> work) {
        Engine admin = Engine.create(TestServers.serverUrl(),
                EngineOptions.builder().poolKind(PoolKind.NULL).name("retort-test-admin").build());
        try {
            return work.apply(admin).block(TIMEOUT);
        } finally {
            admin.dispose().block(TIMEOUT);
        }
    }
}
