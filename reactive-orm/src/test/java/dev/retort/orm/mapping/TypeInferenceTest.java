package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL types inferred from Java types (the table in {@link ColumnType}'s Javadoc), the
 * {@link Column} overrides and the {@link Entity} table options, as exact CREATE TABLE text for
 * MariaDB and MySQL 8, compiled without a server.
 */
class TypeInferenceTest {

    private static final MySqlDialect MYSQL = MySqlDialect.forServer("8.0.36", false);
    private static final MySqlDialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);

    static Stream<MySqlDialect> dialects() {
        return Stream.of(MYSQL, MARIADB);
    }

    enum Status { NEW, SHIPPED }

    record Address(String street, int number) {
    }

    @Entity(engine = "InnoDB", charset = "utf8mb4", collation = "utf8mb4_unicode_ci", comment = "Every type's column",
            indexes = {@Index(name = "ix_pair", columns = {"quantity", "price"}), @Index(columns = "day", unique = true)},
            uniqueConstraints = {@Unique(columns = {"code", "day"}), @Unique(name = "uq_named", columns = "token")})
    static class OrderLine {
        @Id @GeneratedValue Long id;
        int quantity;
        Integer boxedInt;
        long bigCount;
        Long boxedLong;
        short small;
        Short boxedShort;
        boolean active;
        Boolean boxedBoolean;
        double ratio;
        Double boxedDouble;
        float weight;
        Float boxedFloat;
        String name;
        @Column(length = 40) String code;
        BigDecimal price;
        @Column(precision = 10, scale = 2) BigDecimal total;
        LocalDateTime createdAt;
        Instant seenAt;
        LocalDate day;
        LocalTime startsAt;
        UUID token;
        byte[] data;
        @Column(length = 100_000) byte[] bigData;
        @Column(length = 20_000_000) byte[] hugeData;
        Status status;
        Address address;
        List<String> tags;
        Map<String, Integer> counts;
        @Column(type = ColumnType.TEXT) String notes;
        @Column(type = ColumnType.TEXT, length = 70_000) String longNotes;
        @Column(type = ColumnType.DATETIME, precision = 6) LocalDateTime updatedAt;
        @Column(precision = 3) Instant stampedAt;
        @Column(precision = 3) LocalTime clock;
        @Column(name = "display_name") String label;
        @Column(unique = true) String email;
        @Column(index = true) Integer rank;
        @Column(nullable = false) String title;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime insertedAt;
        @Column(serverDefault = "CURRENT_TIMESTAMP", serverOnUpdate = "CURRENT_TIMESTAMP") LocalDateTime modifiedAt;
        @Column(serverDefault = "'draft'") String state;
        @Column(comment = "It's shown") String shown;
        @Column(defaultValue = "7") Integer priority;
        @Version long version;
    }

    @Entity(table = "shipments")
    static class Shipment {
        @Id @Column(length = 20) String code;
        @Id int part;
        @ForeignKey(entity = OrderLine.class, onDelete = ReferentialAction.CASCADE) Long orderLineId;
        @ForeignKey(target = "order_line.id") Long replacedLineId;
        @Column(type = ColumnType.TEXT, serverDefault = "'none'") String remark;
        @Column(serverDefault = "'[]'") List<String> labels;
    }

    static final Mapping MAPPING = Mapping.of(Shipment.class);

    private static String create(MySqlDialect dialect, Class<?> entity) {
        return dialect.ddlCompiler().createTable(MAPPING.mapper(entity).table(), List.of());
    }

    private static final String ORDER_LINE = "CREATE TABLE order_line (\n"
            + "\tid BIGINT NOT NULL AUTO_INCREMENT,\n"
            + "\tquantity INTEGER NOT NULL,\n"
            + "\tboxed_int INTEGER,\n"
            + "\tbig_count BIGINT NOT NULL,\n"
            + "\tboxed_long BIGINT,\n"
            + "\tsmall SMALLINT NOT NULL,\n"
            + "\tboxed_short SMALLINT,\n"
            + "\tactive BOOL NOT NULL,\n"
            + "\tboxed_boolean BOOL,\n"
            + "\tratio DOUBLE NOT NULL,\n"
            + "\tboxed_double DOUBLE,\n"
            + "\tweight FLOAT NOT NULL,\n"
            + "\tboxed_float FLOAT,\n"
            + "\tname VARCHAR(255),\n"
            + "\tcode VARCHAR(40),\n"
            + "\tprice DECIMAL(19, 4),\n"
            + "\ttotal DECIMAL(10, 2),\n"
            + "\tcreated_at DATETIME,\n"
            + "\tseen_at TIMESTAMP NULL,\n"
            + "\tday DATE,\n"
            + "\tstarts_at TIME,\n"
            + "\ttoken CHAR(36),\n"
            + "\tdata BLOB,\n"
            + "\tbig_data MEDIUMBLOB,\n"
            + "\thuge_data LONGBLOB,\n"
            + "\tstatus ENUM('NEW', 'SHIPPED'),\n"
            + "\taddress JSON,\n"
            + "\ttags JSON,\n"
            + "\tcounts JSON,\n"
            + "\tnotes TEXT,\n"
            + "\tlong_notes MEDIUMTEXT,\n"
            + "\tupdated_at DATETIME(6),\n"
            + "\tstamped_at TIMESTAMP(3) NULL,\n"
            + "\tclock TIME(3),\n"
            + "\tdisplay_name VARCHAR(255),\n"
            + "\temail VARCHAR(255),\n"
            + "\t`rank` INTEGER,\n"
            + "\ttitle VARCHAR(255) NOT NULL,\n"
            + "\tinserted_at DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
            + "\tmodified_at DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
            + "\tstate VARCHAR(255) DEFAULT 'draft',\n"
            + "\tshown VARCHAR(255) COMMENT 'It''s shown',\n"
            + "\tpriority INTEGER,\n"
            + "\tversion BIGINT NOT NULL,\n"
            + "\tPRIMARY KEY (id),\n"
            + "\tCONSTRAINT uq_order_line_email UNIQUE (email),\n"
            + "\tCONSTRAINT uq_order_line_code_day UNIQUE (code, day),\n"
            + "\tCONSTRAINT uq_named UNIQUE (token),\n"
            + "\tINDEX ix_order_line_rank (`rank`),\n"
            + "\tINDEX ix_pair (quantity, price),\n"
            + "\tUNIQUE INDEX ix_order_line_day (day)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Every type''s column'";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void everyInferredTypeOverrideAndTableOption(MySqlDialect dialect) {
        assertThat(create(dialect, OrderLine.class)).isEqualTo(ORDER_LINE);
    }

    @Test
    void textAndJsonServerDefaultsAreExpressionsOnMySql() {
        assertThat(create(MYSQL, Shipment.class)).isEqualTo("CREATE TABLE shipments (\n"
                + "\tcode VARCHAR(20) NOT NULL,\n"
                + "\tpart INTEGER NOT NULL,\n"
                + "\torder_line_id BIGINT,\n"
                + "\treplaced_line_id BIGINT,\n"
                + "\tremark TEXT DEFAULT ('none'),\n"
                + "\tlabels JSON DEFAULT ('[]'),\n"
                + "\tPRIMARY KEY (code, part),\n"
                + "\tCONSTRAINT fk_shipments_order_line_id_order_line FOREIGN KEY (order_line_id) REFERENCES order_line (id)"
                + " ON DELETE CASCADE,\n"
                + "\tCONSTRAINT fk_shipments_replaced_line_id_order_line FOREIGN KEY (replaced_line_id) REFERENCES order_line (id)\n"
                + ")");
    }

    @Test
    void textServerDefaultsAreLiteralsOnMariaDb() {
        assertThat(create(MARIADB, Shipment.class)).isEqualTo("CREATE TABLE shipments (\n"
                + "\tcode VARCHAR(20) NOT NULL,\n"
                + "\tpart INTEGER NOT NULL,\n"
                + "\torder_line_id BIGINT,\n"
                + "\treplaced_line_id BIGINT,\n"
                + "\tremark TEXT DEFAULT 'none',\n"
                + "\tlabels JSON DEFAULT ('[]'),\n"
                + "\tPRIMARY KEY (code, part),\n"
                + "\tCONSTRAINT fk_shipments_order_line_id_order_line FOREIGN KEY (order_line_id) REFERENCES order_line (id)"
                + " ON DELETE CASCADE,\n"
                + "\tCONSTRAINT fk_shipments_replaced_line_id_order_line FOREIGN KEY (replaced_line_id) REFERENCES order_line (id)\n"
                + ")");
    }

    @Test
    void aForeignKeyEntityIsMappedAlongIntoTheSameMetaData() {
        assertThat(MAPPING.tables()).extracting(Table::name).containsExactly("shipments", "order_line");
        assertThat(Mapping.mapperOf(OrderLine.class).table()).isSameAs(MAPPING.mapper(OrderLine.class).table());
        assertThat(MAPPING.metadata().creationOrder(MAPPING.tables()).tables()).extracting(Table::name)
                .containsExactly("order_line", "shipments");
    }

    @Test
    void attributesDescribeKeysDefaultsAndVersion() {
        Mapper<OrderLine> lines = MAPPING.mapper(OrderLine.class);
        Mapper<Shipment> shipments = MAPPING.mapper(Shipment.class);

        assertThat(lines.attributes()).hasSize(44);
        assertThat(lines.attributes()).extracting(a -> a.column().name()).containsExactlyElementsOf(
                lines.table().columns().stream().map(c -> c.name()).toList());
        assertThat(lines.primaryKey()).extracting(Attribute::name).containsExactly("id");
        assertThat(lines.attribute("id").isGenerated()).isTrue();
        assertThat(lines.version()).map(Attribute::name).contains("version");
        assertThat(lines.attribute("quantity").javaType()).isEqualTo(int.class);
        assertThat(lines.attribute("label").column().name()).isEqualTo("display_name");
        assertThat(lines.attribute("insertedAt").hasServerDefault()).isTrue();
        assertThat(lines.attribute("insertedAt").hasServerOnUpdate()).isFalse();
        assertThat(lines.attribute("modifiedAt").hasServerOnUpdate()).isTrue();
        assertThat(lines.attribute("priority").clientDefault().orElseThrow().get()).isEqualTo(7);
        assertThat(lines.attribute("priority").hasServerDefault()).isFalse();
        assertThat(lines.attribute("name").clientDefault()).isEmpty();
        assertThat(shipments.primaryKey()).extracting(Attribute::name).containsExactly("code", "part");
        assertThat(shipments.primaryKey()).noneMatch(Attribute::isGenerated);
        assertThat(shipments.version()).isEmpty();
    }

    @Test
    void snakeCaseDefaults() {
        assertThat(Names.snakeCase("createdAt")).isEqualTo("created_at");
        assertThat(Names.snakeCase("OrderLine")).isEqualTo("order_line");
        assertThat(Names.snakeCase("userID")).isEqualTo("user_id");
        assertThat(Names.snakeCase("HTTPServer")).isEqualTo("http_server");
        assertThat(Names.snakeCase("line2Total")).isEqualTo("line2_total");
        assertThat(Names.snakeCase("name")).isEqualTo("name");
        assertThat(MAPPING.mapper(OrderLine.class).table().name()).isEqualTo("order_line");
        assertThat(MAPPING.mapper(OrderLine.class).attribute("createdAt").column().name()).isEqualTo("created_at");
    }
}
