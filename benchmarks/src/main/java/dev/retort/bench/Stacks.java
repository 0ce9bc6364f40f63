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

/**
 * Builds the three stacks with the same server, the same number of connections and the same
 * driver settings, and warms their pools.
 *
 * <ul>
 *   <li><b>Retort</b>: {@code Engine.create(url, poolSize(N).maxOverflow(0))}, a QUEUE pool of N.</li>
 *   <li><b>raw</b>: r2dbc-mysql's {@code ConnectionFactory} from the same options Retort gives it
 *       (the URL's options plus {@code tcpNoDelay}, UTC session time zone) in an r2dbc-pool configured
 *       as Retort configures its own: {@code maxSize = N}, {@code initialSize = minIdle = 0}, LOCAL
 *       validation, no acquire retry.</li>
 *   <li><b>JDBC</b>: mysql-connector-j in HikariCP with {@code maximumPoolSize = minimumIdle = N} and
 *       the settings HikariCP recommends for MySQL (client-side statement cache, local session state,
 *       {@code rewriteBatchedStatements}).</li>
 * </ul>
 *
 * <p>Both reactive pools are warmed from the benchmark thread (N checkouts held at once), so their
 * connections are opened outside an event loop and spread round-robin over the event loops
 * instead of being co-located on the loop that happened to ask for them (r2dbc-pool#190).
 */
final class Stacks {

    /** Connections per pool, the same for every stack (override with {@code -Dretort.bench.connections}). */
    static final int CONNECTIONS = Integer.getInteger("retort.bench.connections", 16);

    /** Statements in flight in the concurrent suites (flatMap concurrency / JDBC threads). */
    static final int IN_FLIGHT = 64;

    private Stacks() {
    }

    // ---- Retort -------------------------------------------------------------------------------------

    static Engine engine(BenchUrl url) {
        Engine engine = Engine.create(url.engineUrl(), EngineOptions.builder()
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

    static ConnectionPool rawPool(BenchUrl url) {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(rawFactory(url))
                .name("raw-bench")
                .initialSize(0)
                .minIdle(0)
                .maxSize(CONNECTIONS)
                .maxAcquireTime(Duration.ofSeconds(30))
                .acquireRetry(0)
                .validationDepth(ValidationDepth.LOCAL)
                .build());
        warm(i -> Mono.usingWhen(pool.create(), connection -> hold(), io.r2dbc.spi.Connection::close));
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
