package dev.retort.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpResources;

/**
 * Builds the three stacks with the same server, the same number of connections and the same
 * driver settings, and warms their pools.
 *
 * <ul>
 *   <li><b>Retort</b>: {@code Engine.create(url, poolSize(N).maxOverflow(0))}, a QUEUE pool of N.</li>
 *   <li><b>raw</b>: r2dbc-mysql's {@code ConnectionFactory} from the same options Retort gives it
 *       (the URL's options plus {@code tcpNoDelay}, UTC session time zone) in an r2dbc-pool of N with
 *       r2dbc-pool's defaults otherwise (see {@link #rawPool}).</li>
 *   <li><b>JDBC</b>: mysql-connector-j in HikariCP with {@code maximumPoolSize = minimumIdle = N} and
 *       the settings HikariCP recommends for MySQL (client-side statement cache, local session state,
 *       {@code rewriteBatchedStatements}).</li>
 * </ul>
 *
 * <p>Both reactive pools are warmed from the benchmark thread before measuring, so their
 * connections are opened outside an event loop; {@link LoopCheck} reports how they spread over
 * the event loops (r2dbc-pool#190: a pool warmed with {@code initialSize == maxSize} may put them
 * all on one).
 */
final class Stacks {

    /** Connections per pool, the same for every stack (override with {@code -Dretort.bench.connections}). */
    static final int CONNECTIONS = Integer.getInteger("retort.bench.connections", 16);

    /** Statements in flight in the concurrent suites (flatMap concurrency / JDBC threads). */
    static final int IN_FLIGHT = 64;

    /**
     * With {@code -Dretort.bench.colocate=false} both reactive stacks run on event loops without
     * colocation (reactor-netty's global {@code TcpResources} replaced before any connection factory
     * is made): a connection opened from an event-loop thread is then not pinned to that loop.
     * Retort's engine takes no {@code LoopResources}, so this global switch is the only way to give
     * it, and the raw baseline, the same loops.
     */
    static final boolean COLOCATE = Boolean.parseBoolean(System.getProperty("retort.bench.colocate", "true"));

    static {
        if (!COLOCATE) {
            TcpResources.set(LoopResources.create("bench-tcp", 1, LoopResources.DEFAULT_IO_WORKER_COUNT, true, false));
        }
    }

    /** The event loops the reactive stacks use, for reports. */
    static String loops() {
        return LoopResources.DEFAULT_IO_WORKER_COUNT + " event loops (reactor-netty default for "
                + Runtime.getRuntime().availableProcessors() + " CPUs), " + (COLOCATE ? "colocated (driver default)"
                        : "without colocation (-Dretort.bench.colocate=false)");
    }

    private Stacks() {
    }

    // ---- Retort -------------------------------------------------------------------------------------

    /**
     * An engine with a QUEUE pool of N and otherwise Retort's defaults (among them a 30 s
     * {@code poolTimeout}, r2dbc-pool's {@code maxAcquireTime}). Its pool opens connections on demand
     * only, so it is warmed by holding N checkouts at once from this (non-event-loop) thread.
     */
    static Engine engine(BenchUrl url) {
        return engine(url, EngineOptions.builder());
    }

    /** {@link #engine} without a pool timeout ({@code poolTimeout(null)}): no timer armed per checkout. */
    static Engine engineWithoutPoolTimeout(BenchUrl url) {
        return engine(url, EngineOptions.builder().poolTimeout(null));
    }

    private static Engine engine(BenchUrl url, EngineOptions.Builder options) {
        Engine engine = Engine.create(url.engineUrl(), options
                .name("retort-bench")
                .poolSize(CONNECTIONS)
                .maxOverflow(0)
                .build());
        warm(i -> engine.connect(connection -> hold()));
        return engine;
    }

    // ---- raw r2dbc-mysql + r2dbc-pool --------------------------------------------------------------

    static ConnectionFactory rawFactory(BenchUrl url) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "mysql")
                .option(ConnectionFactoryOptions.HOST, url.host())
                .option(ConnectionFactoryOptions.PORT, url.port())
                .option(ConnectionFactoryOptions.USER, url.user())
                .option(ConnectionFactoryOptions.DATABASE, url.database())
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(10));
        if (!url.password().isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, url.password());
        }
        for (Map.Entry<String, String> option : url.options().entrySet()) {
            options.option(Option.valueOf(option.getKey()), option.getValue());
        }
        return ConnectionFactories.get(options.build());
    }

    /**
     * r2dbc-pool with its defaults except the size: {@code initialSize = maxSize = N} and
     * {@code warmup()} before measuring, LOCAL validation, no acquire timeout (r2dbc-pool's default;
     * Retort's engine sets one, see {@link #engine}), no acquire retry. This is the limit a careful
     * user of the raw driver gets.
     */
    static ConnectionPool rawPool(BenchUrl url) {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(rawFactory(url))
                .name("raw-bench")
                .initialSize(CONNECTIONS)
                .maxSize(CONNECTIONS)
                .acquireRetry(0)
                .validationDepth(ValidationDepth.LOCAL)
                .build());
        pool.warmup().block(Duration.ofSeconds(60));
        return pool;
    }

    // ---- JDBC: mysql-connector-j + HikariCP --------------------------------------------------------

    static String jdbcUrl(BenchUrl url) {
        return "jdbc:mysql://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    /** Connection properties: the URL's options plus HikariCP's recommended MySQL settings. */
    static Properties jdbcProperties(BenchUrl url) {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        properties.setProperty("password", url.password());
        url.options().forEach(properties::setProperty);
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("cachePrepStmts", "true");
        properties.setProperty("prepStmtCacheSize", "250");
        properties.setProperty("prepStmtCacheSqlLimit", "2048");
        properties.setProperty("useServerPrepStmts", "false");
        properties.setProperty("useLocalSessionState", "true");
        properties.setProperty("rewriteBatchedStatements", "true");
        properties.setProperty("cacheResultSetMetadata", "true");
        properties.setProperty("cacheServerConfiguration", "true");
        properties.setProperty("maintainTimeStats", "false");
        return properties;
    }

    static HikariDataSource hikari(BenchUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("jdbc-bench");
        config.setJdbcUrl(jdbcUrl(url));
        config.setDataSourceProperties(jdbcProperties(url));
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(CONNECTIONS);
        config.setConnectionTimeout(30_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dataSource.getHikariPoolMXBean().getTotalConnections() < CONNECTIONS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // benchmark set-up, not library code
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dataSource;
    }

    // ---- warm-up ------------------------------------------------------------------------------------

    /** Holds a connection long enough for all N checkouts to overlap, so the pool opens N connections. */
    private static Mono<Integer> hold() {
        return Mono.delay(Duration.ofMillis(200)).thenReturn(1);
    }

    private static void warm(java.util.function.IntFunction<Mono<Integer>> checkout) {
        Flux.range(0, CONNECTIONS).flatMap(checkout::apply, CONNECTIONS).blockLast(Duration.ofSeconds(60));
    }
}
