package dev.retort.core.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** information_schema COLUMN_TYPE strings of MariaDB (with display widths) and MySQL 8.0.19+ (without). */
class MySqlColumnTypesTest {

    static Stream<Arguments> types() {
        return Stream.of(
                // integers: MariaDB and MySQL < 8.0.19 spellings, then MySQL 8.0.19+
                Arguments.of("int(11)", "int", Types.INTEGER),
                Arguments.of("int", "int", Types.INTEGER),
                Arguments.of("int(10) unsigned", "int", Types.BIGINT),
                Arguments.of("int unsigned", "int", Types.BIGINT),
                Arguments.of("int(5) unsigned zerofill", "int", Types.BIGINT),
                Arguments.of("mediumint(9)", "mediumint", Types.INTEGER),
                Arguments.of("mediumint unsigned", "mediumint", Types.INTEGER),
                Arguments.of("bigint(20)", "bigint", Types.BIGINT),
                Arguments.of("bigint", "bigint", Types.BIGINT),
                Arguments.of("bigint(20) unsigned", "bigint", Types.BIGINT),
                Arguments.of("bigint unsigned", "bigint", Types.BIGINT),
                Arguments.of("smallint(6)", "smallint", Types.SMALLINT),
                Arguments.of("smallint", "smallint", Types.SMALLINT),
                Arguments.of("smallint(5) unsigned", "smallint", Types.INTEGER),
                // booleans: TINYINT(1) keeps its width on MySQL 8.0.19+ too; a bare tinyint is not a boolean
                Arguments.of("tinyint(1)", "tinyint", Types.BOOLEAN),
                Arguments.of("tinyint", "tinyint", Types.SMALLINT),
                Arguments.of("tinyint(4)", "tinyint", Types.SMALLINT),
                Arguments.of("tinyint(1) unsigned", "tinyint", Types.SMALLINT),
                Arguments.of("tinyint(3) unsigned", "tinyint", Types.SMALLINT),
                // strings
                Arguments.of("varchar(50)", "varchar", Types.string(50)),
                Arguments.of("char(36)", "char", Types.string(36)),
                Arguments.of("char(1)", "char", Types.string(1)),
                Arguments.of("tinytext", "tinytext", Types.TEXT),
                Arguments.of("text", "text", Types.TEXT),
                Arguments.of("mediumtext", "mediumtext", Types.text(16_777_215L)),
                Arguments.of("longtext", "longtext", Types.text(4_294_967_295L)),
                // dates and times
                Arguments.of("datetime", "datetime", Types.DATETIME),
                Arguments.of("datetime(6)", "datetime", Types.datetime(6)),
                Arguments.of("timestamp", "timestamp", Types.TIMESTAMP),
                Arguments.of("timestamp(3)", "timestamp", Types.timestamp(3)),
                Arguments.of("time", "time", Types.TIME),
                Arguments.of("time(3)", "time", Types.time(3)),
                Arguments.of("date", "date", Types.DATE),
                // numbers
                Arguments.of("float", "float", Types.FLOAT),
                Arguments.of("float(7,4)", "float", Types.FLOAT),
                Arguments.of("float unsigned", "float", Types.FLOAT),
                Arguments.of("double", "double", Types.DOUBLE),
                Arguments.of("double(10,2)", "double", Types.DOUBLE),
                Arguments.of("decimal(10,2)", "decimal", Types.numeric(10, 2)),
                Arguments.of("decimal(65,30)", "decimal", Types.numeric(65, 30)),
                Arguments.of("decimal(10,0)", "decimal", Types.numeric(10, 0)),
                Arguments.of("decimal(8,3) unsigned", "decimal", Types.numeric(8, 3)),
                // the rest
                Arguments.of("json", "json", Types.JSON),
                Arguments.of("uuid", "uuid", Types.UUID),
                Arguments.of("blob", "blob", Types.LARGE_BINARY),
                Arguments.of("tinyblob", "tinyblob", Types.LARGE_BINARY),
                Arguments.of("mediumblob", "mediumblob", Types.largeBinary(16_777_215L)),
                Arguments.of("longblob", "longblob", Types.largeBinary(4_294_967_295L)),
                Arguments.of("enum('draft','published')", "enum", Types.enumOf("draft", "published")));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("types")
    void mapsTheReportedType(String columnType, String dataType, SqlType<?> expected) {
        assertThat((Object) MySqlColumnTypes.parse(columnType, dataType)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("types")
    void ignoresCaseAndTakesTheBaseNameFromTheColumnTypeWhenNoDataTypeIsGiven(String columnType, String dataType,
            SqlType<?> expected) {
        if (!dataType.equals("enum")) {
            assertThat((Object) MySqlColumnTypes.parse(columnType.toUpperCase(), dataType.toUpperCase()))
                    .isEqualTo(expected);
        }
        assertThat((Object) MySqlColumnTypes.parse(columnType, null)).isEqualTo(expected);
        assertThat((Object) MySqlColumnTypes.parse(columnType, " ")).isEqualTo(expected);
    }

    @Test
    void textAndBlobCapacitiesCompileBackToTheSameTypes() {
        assertThat(MySqlColumnTypes.MEDIUM_MAX).isEqualTo(16_777_215L);
        assertThat(MySqlColumnTypes.LONG_MAX).isEqualTo(4_294_967_295L);
    }

    @Test
    void readsEnumLabelsWithEscapedQuotesCommasParenthesesAndBackslashes() {
        assertThat((Object) MySqlColumnTypes.parse("enum('it''s','a,b','(x)','back\\\\slash','é')", "enum"))
                .isEqualTo(Types.enumOf("it's", "a,b", "(x)", "back\\slash", "é"));
        assertThat(MySqlColumnTypes.enumLabels("ENUM('Draft', 'Published')")).containsExactly("Draft", "Published");
        assertThat(MySqlColumnTypes.enumLabels("enum('')")).containsExactly("");
        assertThat(MySqlColumnTypes.enumLabels("enum('a\\'b')")).containsExactly("a'b");
    }

    @Test
    void keepsTheCaseOfEnumLabels() {
        assertThat((Object) MySqlColumnTypes.parse("enum('Draft','PUBLISHED')", "ENUM"))
                .isEqualTo(Types.enumOf("Draft", "PUBLISHED"));
    }

    @Test
    void refusesMalformedEnumTypes() {
        assertThatThrownBy(() -> MySqlColumnTypes.parse("enum('a','b'", "enum")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("enum('a','b'");
        assertThatThrownBy(() -> MySqlColumnTypes.parse("enum(a)", "enum")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> MySqlColumnTypes.parse("enum()", "enum")).isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"geometry", "point", "bit(1)", "year", "year(4)", "set('a','b')", "binary(16)",
            "varbinary(255)", "inet6", "vector(3)"})
    void refusesTypesWithoutARetortTypeNamingTheType(String columnType) {
        assertThatThrownBy(() -> MySqlColumnTypes.parse(columnType, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'" + columnType + "'")
                .hasMessageContaining("no type");
    }

    @Test
    void unquotesStringLiteralsAsTheServerWritesThem() {
        assertThat(MySqlColumnTypes.unquote("'draft'")).isEqualTo("draft");
        assertThat(MySqlColumnTypes.unquote("''")).isEmpty();
        assertThat(MySqlColumnTypes.unquote("'it''s'")).isEqualTo("it's");
        assertThat(MySqlColumnTypes.unquote("'x\\\\y''z'")).isEqualTo("x\\y'z");
        assertThat(MySqlColumnTypes.unquote("'a\\nb\\tc\\0'")).isEqualTo("a\nb\tc\0");
        assertThat(MySqlColumnTypes.unquote("'50\\%'")).isEqualTo("50\\%");
        assertThat(MySqlColumnTypes.unquote("'NULL'")).isEqualTo("NULL");
        assertThatThrownBy(() -> MySqlColumnTypes.unquote("draft")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MySqlColumnTypes.unquote("'")).isInstanceOf(IllegalArgumentException.class);
    }
}
