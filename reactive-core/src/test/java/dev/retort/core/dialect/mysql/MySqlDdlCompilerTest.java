package dev.retort.core.dialect.mysql;

import static dev.retort.core.schema.Schema.*;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.NamingConvention;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.compile.DdlCompiler;
import dev.retort.core.types.Types;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact DDL from {@link MySqlDdlCompiler}, for MySQL 8 and MariaDB alike unless a test says otherwise. */
class MySqlDdlCompilerTest {

    private static final MySqlDialect MYSQL = MySqlDialect.forServer("8.0.36", false);
    private static final MySqlDialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);

    static Stream<MySqlDialect> dialects() {
        return Stream.of(MYSQL, MARIADB);
    }

    private static String create(MySqlDialect dialect, Table table) {
        return dialect.ddlCompiler().createTable(table, List.of());
    }

    // ---- the tutorial's blog schema ------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void blogSchema(MySqlDialect dialect) {
        BlogSchema blog = BlogSchema.define();

        assertThat(create(dialect, blog.users())).isEqualTo(BlogSchema.USERS);
        assertThat(create(dialect, blog.posts())).isEqualTo(BlogSchema.POSTS);
        assertThat(create(dialect, blog.comments())).isEqualTo(BlogSchema.COMMENTS);
        assertThat(dialect.ddlCompiler().dropTable(blog.comments())).isEqualTo("DROP TABLE comments");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void omittedForeignKeysAreLeftOut(MySqlDialect dialect) {
        BlogSchema blog = BlogSchema.define();
        ForeignKey toPosts = blog.comments().foreignKeys().get(0);

        assertThat(dialect.ddlCompiler().createTable(blog.comments(), List.of(toPosts)))
                .doesNotContain("fk_comments_post_id_posts")
                .contains("\tINDEX idx_approved (approved),\n"
                        + "\tCONSTRAINT fk_comments_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)\n)");
        assertThat(dialect.ddlCompiler().addForeignKey(blog.comments(), toPosts)).isEqualTo(
                "ALTER TABLE comments ADD CONSTRAINT fk_comments_post_id_posts FOREIGN KEY (post_id) REFERENCES posts (id)");
    }

    // ---- types ---------------------------------------------------------------------------------

    enum Mood { HAPPY, SAD }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void everyType(MySqlDialect dialect) {
        Table table = new MetaData().table("everything",
                column("id", BIGINT).primaryKey(),
                column("i", INTEGER), column("s", SMALLINT), column("v", string(20)),
                column("t", TEXT), column("t_medium", Types.text(70_000)), column("t_long", Types.text(16_777_216)),
                column("t_small", Types.text(65_535)), column("b", BOOLEAN),
                column("dt", DATETIME), column("dt6", datetime(6)), column("d", DATE),
                column("tm", TIME), column("tm3", time(3)), column("ts", TIMESTAMP), column("ts6", timestamp(6)),
                column("f", FLOAT), column("db", DOUBLE), column("n", numeric(10, 2)),
                column("j", JSON), column("jt", JSON_TEXT),
                column("e", enumOf("a", "it's")), column("m", enumOf(Mood.class)),
                column("bin", LARGE_BINARY), column("bin_medium", largeBinary(65_536)),
                column("bin_long", largeBinary(20_000_000)), column("u", Types.UUID));

        assertThat(create(dialect, table)).isEqualTo("CREATE TABLE everything (\n"
                + "\tid BIGINT NOT NULL AUTO_INCREMENT,\n"
                + "\ti INTEGER,\n"
                + "\ts SMALLINT,\n"
                + "\tv VARCHAR(20),\n"
                + "\tt TEXT,\n"
                + "\tt_medium MEDIUMTEXT,\n"
                + "\tt_long LONGTEXT,\n"
                + "\tt_small TEXT,\n"
                + "\tb BOOL,\n"
                + "\tdt DATETIME,\n"
                + "\tdt6 DATETIME(6),\n"
                + "\td DATE,\n"
                + "\ttm TIME,\n"
                + "\ttm3 TIME(3),\n"
                + "\tts TIMESTAMP NULL,\n"
                + "\tts6 TIMESTAMP(6) NULL,\n"
                + "\tf FLOAT,\n"
                + "\tdb DOUBLE,\n"
                + "\tn DECIMAL(10, 2),\n"
                + "\tj JSON,\n"
                + "\tjt JSON,\n"
                + "\te ENUM('a', 'it''s'),\n"
                + "\tm ENUM('HAPPY', 'SAD'),\n"
                + "\tbin BLOB,\n"
                + "\tbin_medium MEDIUMBLOB,\n"
                + "\tbin_long LONGBLOB,\n"
                + "\tu CHAR(36),\n"
                + "\tPRIMARY KEY (id)\n"
                + ")");
    }

    // ---- defaults ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void defaultsOfEveryKind(MySqlDialect dialect) {
        Table table = new MetaData().table("defaults",
                column("id", INTEGER).primaryKey(),
                column("word", string(20)).serverDefault("draft"),
                column("quoted", string(20)).serverDefault("it's \\ done"),
                column("digits", string(5)).serverDefault("007"),
                column("count", INTEGER).notNull().serverDefault("42"),
                column("negative", SMALLINT).serverDefault("-3"),
                column("price", numeric(8, 2)).serverDefault("9.99"),
                column("ratio", DOUBLE).serverDefault("1.5e3"),
                column("not_a_number", INTEGER).serverDefault("abc"),
                column("flag", BOOLEAN).serverDefault("1"),
                column("yes", BOOLEAN).serverDefault("true"),
                column("expression", INTEGER).serverDefault(text("(1 + 2)")),
                column("stamp", TIMESTAMP).serverDefault(text("CURRENT_TIMESTAMP"))
                        .serverOnUpdate(text("CURRENT_TIMESTAMP")),
                column("stamp_required", timestamp(3)).notNull().serverDefault(text("CURRENT_TIMESTAMP(3)")),
                column("noted", INTEGER).serverDefault("0").comment("It's a note"));

        assertThat(create(dialect, table)).isEqualTo("CREATE TABLE defaults (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tword VARCHAR(20) DEFAULT 'draft',\n"
                + "\tquoted VARCHAR(20) DEFAULT 'it''s \\\\ done',\n"
                + "\tdigits VARCHAR(5) DEFAULT '007',\n"
                + "\tcount INTEGER NOT NULL DEFAULT 42,\n"
                + "\tnegative SMALLINT DEFAULT -3,\n"
                + "\tprice DECIMAL(8, 2) DEFAULT 9.99,\n"
                + "\tratio DOUBLE DEFAULT 1.5e3,\n"
                + "\tnot_a_number INTEGER DEFAULT 'abc',\n"
                + "\tflag BOOL DEFAULT 1,\n"
                + "\tyes BOOL DEFAULT TRUE,\n"
                + "\texpression INTEGER DEFAULT (1 + 2),\n"
                + "\tstamp TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "\tstamp_required TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n"
                + "\tnoted INTEGER DEFAULT 0 COMMENT 'It''s a note',\n"
                + "\tPRIMARY KEY (id)\n"
                + ")");
    }

    private static Table textDefaults() {
        return new MetaData().table("notes",
                column("id", INTEGER).primaryKey(),
                column("body", TEXT).serverDefault("none yet"),
                column("big", Types.text(100_000)).serverDefault("x"),
                column("doc", JSON).serverDefault("[]"),
                column("raw", LARGE_BINARY).serverDefault("abc"),
                column("made", TEXT).serverDefault(text("UUID()")),
                column("wrapped", TEXT).serverDefault(text("(UUID())")));
    }

    @Test
    void mysqlWritesTextBlobAndJsonDefaultsAsExpressions() {
        assertThat(create(MYSQL, textDefaults())).isEqualTo("CREATE TABLE notes (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tbody TEXT DEFAULT ('none yet'),\n"
                + "\tbig MEDIUMTEXT DEFAULT ('x'),\n"
                + "\tdoc JSON DEFAULT ('[]'),\n"
                + "\traw BLOB DEFAULT ('abc'),\n"
                + "\tmade TEXT DEFAULT (UUID()),\n"
                + "\twrapped TEXT DEFAULT (UUID()),\n"
                + "\tPRIMARY KEY (id)\n"
                + ")");
    }

    @Test
    void mariaDbWritesTextBlobAndJsonDefaultsAsLiterals() {
        assertThat(create(MARIADB, textDefaults())).isEqualTo("CREATE TABLE notes (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tbody TEXT DEFAULT 'none yet',\n"
                + "\tbig MEDIUMTEXT DEFAULT 'x',\n"
                + "\tdoc JSON DEFAULT '[]',\n"
                + "\traw BLOB DEFAULT 'abc',\n"
                + "\tmade TEXT DEFAULT UUID(),\n"
                + "\twrapped TEXT DEFAULT (UUID()),\n"
                + "\tPRIMARY KEY (id)\n"
                + ")");
    }

    @Test
    void mysqlBefore8013CannotDefaultTextColumns() {
        MySqlDialect old = MySqlDialect.forServer("8.0.12", false);

        assertThatThrownBy(() -> create(old, textDefaults())).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column notes.body: MySQL 8.0.12 cannot give a TEXT, BLOB or JSON column a default; "
                        + "that needs MySQL 8.0.13 or later");
        assertThat(create(old, BlogSchema.define().posts())).isEqualTo(BlogSchema.POSTS);
    }

    // ---- keys and constraints ------------------------------------------------------------------

    private static MetaData orders(NamingConvention convention) {
        MetaData metadata = new MetaData(convention);
        metadata.table("orders",
                column("region", string(10)),
                column("number", INTEGER),
                column("note", string(20)),
                primaryKey("region", "number"));
        metadata.table("order_lines",
                column("id", INTEGER).primaryKey(),
                column("region", string(10)),
                column("number", INTEGER),
                column("sku", string(20)).notNull(),
                foreignKey(List.of("region", "number"), "orders", List.of("region", "number"))
                        .onDelete(ReferentialAction.CASCADE).onUpdate(ReferentialAction.SET_NULL),
                unique("region", "number", "sku"),
                check("sku <> ''"));
        return metadata;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void compositeKeysNamedByTheDefaultConvention(MySqlDialect dialect) {
        MetaData metadata = orders(NamingConvention.DEFAULT);

        assertThat(create(dialect, metadata.get("orders").orElseThrow())).isEqualTo("CREATE TABLE orders (\n"
                + "\tregion VARCHAR(10) NOT NULL,\n"
                + "\tnumber INTEGER NOT NULL,\n"
                + "\tnote VARCHAR(20),\n"
                + "\tPRIMARY KEY (region, number)\n"
                + ")");
        assertThat(create(dialect, metadata.get("order_lines").orElseThrow())).isEqualTo("CREATE TABLE order_lines (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tregion VARCHAR(10),\n"
                + "\tnumber INTEGER,\n"
                + "\tsku VARCHAR(20) NOT NULL,\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tCONSTRAINT uq_order_lines_region_number_sku UNIQUE (region, number, sku),\n"
                + "\tCONSTRAINT fk_order_lines_region_number_orders FOREIGN KEY (region, number) "
                + "REFERENCES orders (region, number) ON DELETE CASCADE ON UPDATE SET NULL,\n"
                + "\tCHECK (sku <> '')\n"
                + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void unnamedConstraintsWithoutAConvention(MySqlDialect dialect) {
        MetaData metadata = orders(NamingConvention.NONE);
        Table users = metadata.table("users",
                column("id", INTEGER).primaryKey(),
                column("email", string(100)).unique().index());

        assertThat(create(dialect, metadata.get("order_lines").orElseThrow())).isEqualTo("CREATE TABLE order_lines (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tregion VARCHAR(10),\n"
                + "\tnumber INTEGER,\n"
                + "\tsku VARCHAR(20) NOT NULL,\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tUNIQUE (region, number, sku),\n"
                + "\tFOREIGN KEY (region, number) REFERENCES orders (region, number) ON DELETE CASCADE ON UPDATE SET NULL,\n"
                + "\tCHECK (sku <> '')\n"
                + ")");
        assertThat(create(dialect, users)).isEqualTo("CREATE TABLE users (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\temail VARCHAR(100),\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tUNIQUE (email),\n"
                + "\tINDEX (email)\n"
                + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void explicitNamesAndACheckTemplate(MySqlDialect dialect) {
        MetaData metadata = new MetaData(NamingConvention.DEFAULT.withCheck("ck_{table}"));
        metadata.table("users", column("id", INTEGER).primaryKey());
        Table accounts = metadata.table("accounts",
                column("id", INTEGER).primaryKey(),
                column("owner", INTEGER).index(),
                column("balance", numeric(12, 2)).notNull(),
                uniqueNamed("one_per_owner", "owner"),
                foreignKey(List.of("owner"), "users", List.of("id")).named("owned_by").onDelete(ReferentialAction.RESTRICT),
                check("positive", "balance >= 0"),
                check("balance < 1000000"));

        assertThat(create(dialect, accounts)).isEqualTo("CREATE TABLE accounts (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\towner INTEGER,\n"
                + "\tbalance DECIMAL(12, 2) NOT NULL,\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tCONSTRAINT one_per_owner UNIQUE (owner),\n"
                + "\tINDEX ix_accounts_owner (owner),\n"
                + "\tCONSTRAINT owned_by FOREIGN KEY (owner) REFERENCES users (id) ON DELETE RESTRICT,\n"
                + "\tCONSTRAINT positive CHECK (balance >= 0),\n"
                + "\tCONSTRAINT ck_accounts CHECK (balance < 1000000)\n"
                + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void namesLongerThan64CharactersAreShortened(MySqlDialect dialect) {
        Table table = new MetaData().table("subscription_preferences",
                column("id", INTEGER).primaryKey(),
                column("notification_channel", string(20)),
                column("preferred_locale", string(10)),
                unique("notification_channel", "preferred_locale"));

        assertThat(create(dialect, table)).contains("\tCONSTRAINT uq_subscription_preferences_notification_channel_prefer_5cc3fa00 "
                + "UNIQUE (notification_channel, preferred_locale)\n");
    }

    // ---- names ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void schemaQualifiedTablesAndReferences(MySqlDialect dialect) {
        MetaData metadata = new MetaData();
        metadata.table("users", options().schema("archive"), column("id", INTEGER).primaryKey());
        Table log = metadata.table("audit_log", options().schema("archive"),
                column("id", INTEGER).primaryKey(),
                column("user_id", INTEGER).references("archive.users.id"),
                column("editor_id", INTEGER).references("users.id"));

        assertThat(create(dialect, log)).isEqualTo("CREATE TABLE archive.audit_log (\n"
                + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\tuser_id INTEGER,\n"
                + "\teditor_id INTEGER,\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tCONSTRAINT fk_audit_log_user_id_users FOREIGN KEY (user_id) REFERENCES archive.users (id),\n"
                + "\tCONSTRAINT fk_audit_log_editor_id_users FOREIGN KEY (editor_id) REFERENCES archive.users (id)\n"
                + ")");
        assertThat(dialect.ddlCompiler().dropTable(log)).isEqualTo("DROP TABLE archive.audit_log");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void reservedWordsAndMixedCaseAreQuoted(MySqlDialect dialect) {
        MetaData metadata = new MetaData();
        metadata.table("Group", column("key", INTEGER).primaryKey());
        Table order = metadata.table("order",
                column("select", INTEGER).primaryKey(),
                column("userName", string(30)).notNull().index(),
                column("group", INTEGER).references("Group.key"),
                column("desc", string(10)),
                index("Order By Name", "userName", "desc"));

        assertThat(create(dialect, order)).isEqualTo("CREATE TABLE `order` (\n"
                + "\t`select` INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "\t`userName` VARCHAR(30) NOT NULL,\n"
                + "\t`group` INTEGER,\n"
                + "\t`desc` VARCHAR(10),\n"
                + "\tPRIMARY KEY (`select`),\n"
                + "\tINDEX `ix_order_userName` (`userName`),\n"
                + "\tINDEX `Order By Name` (`userName`, `desc`),\n"
                + "\tCONSTRAINT `fk_order_group_Group` FOREIGN KEY (`group`) REFERENCES `Group` (`key`)\n"
                + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void tableOptions(MySqlDialect dialect) {
        Table table = new MetaData().table("settings",
                column("name", string(40)).primaryKey(),
                options().engine("InnoDB").charset("utf8mb4").collation("utf8mb4_unicode_ci").comment("It's: settings"));
        Table commentOnly = new MetaData().table("flags", column("name", string(40)).primaryKey(),
                options().comment("flags"));

        assertThat(create(dialect, table)).isEqualTo("CREATE TABLE settings (\n"
                + "\tname VARCHAR(40) NOT NULL,\n"
                + "\tPRIMARY KEY (name)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='It''s: settings'");
        assertThat(create(dialect, commentOnly)).endsWith("\n) COMMENT='flags'");
    }

    // ---- single statements ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void indexStatements(MySqlDialect dialect) {
        BlogSchema blog = BlogSchema.define();
        DdlCompiler ddl = dialect.ddlCompiler();

        assertThat(ddl.createIndex(blog.posts(), index("idx_user_status", "user_id", "status")))
                .isEqualTo("CREATE INDEX idx_user_status ON posts (user_id, status)");
        assertThat(ddl.createIndex(blog.users(), uniqueIndex("uq_email", "email")))
                .isEqualTo("CREATE UNIQUE INDEX uq_email ON users (email)");
        assertThat(ddl.createIndex(blog.posts(), new dev.retort.core.schema.Index(null, List.of("title"), false)))
                .isEqualTo("CREATE INDEX ix_posts_title ON posts (title)");
        assertThat(ddl.createIndex(blog.posts(), new dev.retort.core.schema.Index(null, List.of("title"), true)))
                .isEqualTo("CREATE UNIQUE INDEX ix_posts_title ON posts (title)");
        assertThat(ddl.dropIndex(blog.posts(), index("idx_published", "published_at")))
                .isEqualTo("DROP INDEX idx_published ON posts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void foreignKeyStatements(MySqlDialect dialect) {
        MetaData metadata = orders(NamingConvention.DEFAULT);
        Table lines = metadata.get("order_lines").orElseThrow();
        ForeignKey key = lines.foreignKeys().get(0);
        DdlCompiler ddl = dialect.ddlCompiler();

        assertThat(ddl.addForeignKey(lines, key)).isEqualTo("ALTER TABLE order_lines ADD CONSTRAINT "
                + "fk_order_lines_region_number_orders FOREIGN KEY (region, number) REFERENCES orders (region, number) "
                + "ON DELETE CASCADE ON UPDATE SET NULL");
        assertThat(ddl.dropForeignKey(lines, key))
                .isEqualTo("ALTER TABLE order_lines DROP FOREIGN KEY fk_order_lines_region_number_orders");
        assertThat(ddl.dropForeignKey(lines, key.named("lines_to_orders")))
                .isEqualTo("ALTER TABLE order_lines DROP FOREIGN KEY lines_to_orders");

        MetaData unnamed = orders(NamingConvention.NONE);
        Table unnamedLines = unnamed.get("order_lines").orElseThrow();
        assertThat(ddl.addForeignKey(unnamedLines, unnamedLines.foreignKeys().get(0))).isEqualTo("ALTER TABLE order_lines "
                + "ADD FOREIGN KEY (region, number) REFERENCES orders (region, number) ON DELETE CASCADE ON UPDATE SET NULL");
    }

    // ---- errors --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void refusesTypesMySqlCannotCreate(MySqlDialect dialect) {
        Table users = new MetaData().table("users", column("id", INTEGER).primaryKey(), column("name", STRING));
        Table prices = new MetaData().table("prices", column("id", INTEGER).primaryKey(), column("amount", NUMERIC));

        assertThatThrownBy(() -> create(dialect, users)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column users.name: VARCHAR needs a length on MySQL; use Types.string(n)");
        assertThatThrownBy(() -> create(dialect, prices)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column prices.amount: DECIMAL needs a precision on MySQL; use Types.numeric(precision, scale)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void refusesBadAutoIncrementColumns(MySqlDialect dialect) {
        Table two = new MetaData().table("two",
                column("id", INTEGER).primaryKey().autoincrement(true),
                column("seq", INTEGER).autoincrement(true).unique());
        Table loose = new MetaData().table("loose",
                column("id", INTEGER).primaryKey().autoincrement(false),
                column("seq", INTEGER).autoincrement(true),
                index("ix_loose_id_seq", "id", "seq"));
        Table textual = new MetaData().table("textual", column("code", string(5)).primaryKey().autoincrement(true));
        Table defaulted = new MetaData().table("defaulted",
                column("id", INTEGER).primaryKey().autoincrement(true).serverDefault("1"));

        assertThatThrownBy(() -> create(dialect, two)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Table two has more than one AUTO_INCREMENT column: [id, seq]; MySQL allows one");
        assertThatThrownBy(() -> create(dialect, loose)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column loose.seq: an AUTO_INCREMENT column must be the first column of the primary key "
                        + "or of a unique constraint or index");
        assertThatThrownBy(() -> create(dialect, textual)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column textual.code: AUTO_INCREMENT needs an integer type");
        assertThatThrownBy(() -> create(dialect, defaulted)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Column defaulted.id: an AUTO_INCREMENT column cannot have a server default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void autoIncrementMayLeadAUniqueKeyInsteadOfThePrimaryKey(MySqlDialect dialect) {
        Table table = new MetaData().table("tickets",
                column("code", string(8)).primaryKey(),
                column("seq", BIGINT).notNull().autoincrement(true),
                uniqueIndex("uq_tickets_seq", "seq"));

        assertThat(create(dialect, table)).isEqualTo("CREATE TABLE tickets (\n"
                + "\tcode VARCHAR(8) NOT NULL,\n"
                + "\tseq BIGINT NOT NULL AUTO_INCREMENT,\n"
                + "\tPRIMARY KEY (code),\n"
                + "\tUNIQUE INDEX uq_tickets_seq (seq)\n"
                + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void validationAndReferenceErrorsPropagate(MySqlDialect dialect) {
        Table broken = new MetaData().table("broken", column("id", INTEGER).primaryKey(), index("ix_missing", "nope"));
        Table orphan = new MetaData().table("orphan", column("id", INTEGER).primaryKey(),
                column("owner_id", INTEGER).references("owners.id"));

        assertThatThrownBy(() -> create(dialect, broken)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("broken").hasMessageContaining("nope");
        assertThatThrownBy(() -> create(dialect, orphan)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("orphan").hasMessageContaining("owners");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void refusesSetDefaultOnInnoDb(MySqlDialect dialect) {
        MetaData metadata = new MetaData();
        metadata.table("users", column("id", INTEGER).primaryKey());
        Table posts = metadata.table("posts", column("id", INTEGER).primaryKey(),
                column("user_id", INTEGER).references("users.id", ReferentialAction.SET_DEFAULT));

        assertThatThrownBy(() -> create(dialect, posts)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("posts[user_id]").hasMessageContaining("SET DEFAULT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void refusesTableOptionsThatAreNotPlainNames(MySqlDialect dialect) {
        Table table = new MetaData().table("t", column("id", INTEGER).primaryKey(), options().engine("InnoDB; DROP"));

        assertThatThrownBy(() -> create(dialect, table)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Table t: ENGINE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void statementsThatNeedANameRefuseUnnamedOnes(MySqlDialect dialect) {
        MetaData metadata = orders(NamingConvention.NONE);
        Table lines = metadata.get("order_lines").orElseThrow();
        dev.retort.core.schema.Index unnamed = new dev.retort.core.schema.Index(null, List.of("sku"), false);
        DdlCompiler ddl = dialect.ddlCompiler();

        assertThatThrownBy(() -> ddl.createIndex(lines, unnamed)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("order_lines[sku]").hasMessageContaining("no name");
        assertThatThrownBy(() -> ddl.dropIndex(lines, unnamed)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("order_lines[sku]");
        assertThatThrownBy(() -> ddl.dropForeignKey(lines, lines.foreignKeys().get(0)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("order_lines[region, number]").hasMessageContaining("no name");
    }
}
