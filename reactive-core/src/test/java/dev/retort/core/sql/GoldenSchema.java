package dev.retort.core.sql;

import static dev.retort.core.schema.Schema.options;
import static dev.retort.core.types.Types.BOOLEAN;
import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.DOUBLE;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.numeric;
import static dev.retort.core.types.Types.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared schema and assertion helpers of the golden (exact-SQL) compile tests, in the spirit of
 * SQLAlchemy's {@code assert_compile}.
 */
final class GoldenSchema {

    static final Dialect MYSQL = MySqlDialect.forServer("8.0.36", false);
    static final Dialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);
    static final Dialect MYSQL_8030 = MySqlDialect.forServer("8.0.30", false);
    static final Dialect MYSQL_8018 = MySqlDialect.forServer("8.0.18", false);
    static final List<Dialect> BOTH = List.of(MYSQL, MARIADB);

    /** Post status, bound as its label. */
    enum Status { draft, published, archived }

    static final LocalDateTime CLOCK = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    static final class Users extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(50)).notNull();
        final Column<String> email = column("email", string(100));
        final Column<Integer> age = column("age", INTEGER);
        final Column<Integer> managerId = column("manager_id", INTEGER).references("users.id");

        Users(MetaData metadata) {
            super(metadata, "users");
        }
    }

    static final class Posts extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<Integer> userId = column("user_id", INTEGER).notNull().references("users.id");
        final Column<String> title = column("title", string(200)).notNull();
        final Column<String> body = column("body", TEXT);
        final Column<Status> status = column("status", enumOf(Status.class)).defaultValue(Status.draft);
        final Column<Integer> views = column("views", INTEGER);
        final Column<Double> score = column("score", DOUBLE);
        final Column<BigDecimal> price = column("price", numeric(10, 2));
        final Column<LocalDateTime> publishedAt = column("published_at", DATETIME);
        final Column<LocalDateTime> updatedAt = column("updated_at", DATETIME).onUpdate(() -> CLOCK);

        Posts(MetaData metadata) {
            super(metadata, "posts");
        }
    }

    static final class Comments extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<Integer> postId = column("post_id", INTEGER).notNull().references("posts.id");
        final Column<String> content = column("content", TEXT).notNull();
        final Column<Boolean> approved = column("approved", BOOLEAN).defaultValue(false);
        final Column<Integer> seq = column("seq", INTEGER).defaultValue(SEQUENCE::incrementAndGet);

        Comments(MetaData metadata) {
            super(metadata, "comments");
        }
    }

    /** Two foreign keys to users: joining is ambiguous. */
    static final class Messages extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<Integer> senderId = column("sender_id", INTEGER).references("users.id");
        final Column<Integer> recipientId = column("recipient_id", INTEGER).references("users.id");
        final Column<String> body = column("body", TEXT);

        Messages(MetaData metadata) {
            super(metadata, "messages");
        }
    }

    /** No foreign key to anything. */
    static final class Tags extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> label = column("label", string(30));

        Tags(MetaData metadata) {
            super(metadata, "tags");
        }
    }

    /** Reserved words and odd names everywhere. */
    static final class Order extends Table {
        final Column<Integer> key = column("key", INTEGER).primaryKey();
        final Column<String> select = column("select", string(20));
        final Column<Integer> group = column("group", INTEGER);
        final Column<String> mixedCase = column("MixedCase", string(20));

        Order(MetaData metadata) {
            super(metadata, "order");
        }
    }

    /** A table in another schema. */
    static final class Events extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> kind = column("kind", string(20));

        Events(MetaData metadata) {
            super(metadata, "events", options().schema("analytics"));
        }
    }

    /** An upsert target. */
    static final class Counters extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(50)).unique();
        final Column<Integer> hits = column("hits", INTEGER);

        Counters(MetaData metadata) {
            super(metadata, "counters");
        }
    }

    static final MetaData METADATA = new MetaData();
    static final Users USERS = new Users(METADATA);
    static final Posts POSTS = new Posts(METADATA);
    static final Comments COMMENTS = new Comments(METADATA);
    static final Messages MESSAGES = new Messages(METADATA);
    static final Tags TAGS = new Tags(METADATA);
    static final Order ORDER = new Order(METADATA);
    static final Events EVENTS = new Events(METADATA);
    static final Counters COUNTERS = new Counters(METADATA);

    private GoldenSchema() {
    }

    /** Anonymous bind names {@code #1…#n}. */
    static List<String> anon(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("#" + i);
        }
        return names;
    }

    /**
     * Asserts SQL, parameter names (all anonymous) and bound (driver) values on MySQL 8.0.36 and
     * MariaDB 10.11.
     */
    static void assertCompiles(Executable statement, String sql, Object... values) {
        for (Dialect dialect : BOTH) {
            assertCompiles(dialect, statement, sql, values);
        }
    }

    static void assertCompiles(Dialect dialect, Executable statement, String sql, Object... values) {
        Compiled compiled = statement.compile(dialect);
        assertThat(compiled.sql()).as("SQL on %s", dialect).isEqualTo(sql);
        assertThat(compiled.parameterNames()).as("parameter names on %s", dialect).isEqualTo(anon(values.length));
        assertThat(compiled.bind(Map.of())).as("bound values on %s", dialect).isEqualTo(Arrays.asList(values));
    }

    static String sql(Executable statement) {
        String sql = statement.compile(MYSQL).sql();
        assertThat(statement.compile(MARIADB).sql()).isEqualTo(sql);
        return sql;
    }
}
