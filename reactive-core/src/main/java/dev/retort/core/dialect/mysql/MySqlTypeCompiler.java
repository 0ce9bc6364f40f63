package dev.retort.core.dialect.mysql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.types.AnyType;
import dev.retort.core.types.BigIntegerType;
import dev.retort.core.types.BooleanType;
import dev.retort.core.types.DateTimeType;
import dev.retort.core.types.DateType;
import dev.retort.core.types.DoubleType;
import dev.retort.core.types.EnumType;
import dev.retort.core.types.FloatType;
import dev.retort.core.types.IntegerType;
import dev.retort.core.types.JsonType;
import dev.retort.core.types.LargeBinaryType;
import dev.retort.core.types.NumericType;
import dev.retort.core.types.SmallIntegerType;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.StringType;
import dev.retort.core.types.TextType;
import dev.retort.core.types.TimestampType;
import dev.retort.core.types.TimeType;
import dev.retort.core.types.TypeVisitor;
import dev.retort.core.types.UuidType;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes the MySQL/MariaDB column type of a {@link dev.retort.core.types.SqlType} for one column,
 * as used in {@code CREATE TABLE}. One instance per column: {@code where} ({@code table.column})
 * names the column in errors, for a VARCHAR without length or a DECIMAL without precision.
 *
 * <p>TEXT and BLOB grow to their MEDIUM and LONG variants when the declared length needs it;
 * both JSON flavours are {@code JSON} (an alias of LONGTEXT with a validity check on MariaDB);
 * UUIDs are {@code CHAR(36)}.
 */
final class MySqlTypeCompiler implements TypeVisitor<String> {

    /** The largest byte count a TEXT or BLOB holds; MEDIUM variants hold up to {@link #MEDIUM_MAX}. */
    private static final long SMALL_MAX = 65_535L;
    private static final long MEDIUM_MAX = 16_777_215L;

    private final MySqlDialect dialect;
    private final String where;

    MySqlTypeCompiler(MySqlDialect dialect, String where) {
        this.dialect = dialect;
        this.where = where;
    }

    @Override
    public String visitInteger(IntegerType type) {
        return "INTEGER";
    }

    @Override
    public String visitBigInteger(BigIntegerType type) {
        return "BIGINT";
    }

    @Override
    public String visitSmallInteger(SmallIntegerType type) {
        return "SMALLINT";
    }

    @Override
    public String visitString(StringType type) {
        if (type.length() == null) {
            throw new InvalidRequestException("Column " + where + ": VARCHAR needs a length on MySQL; use Types.string(n)");
        }
        return "VARCHAR(" + type.length() + ")";
    }

    @Override
    public String visitText(TextType type) {
        return sized("TEXT", type.length());
    }

    @Override
    public String visitBoolean(BooleanType type) {
        return "BOOL";
    }

    @Override
    public String visitDateTime(DateTimeType type) {
        return withFsp("DATETIME", type.fsp());
    }

    @Override
    public String visitDate(DateType type) {
        return "DATE";
    }

    @Override
    public String visitTime(TimeType type) {
        return withFsp("TIME", type.fsp());
    }

    @Override
    public String visitTimestamp(TimestampType type) {
        return withFsp("TIMESTAMP", type.fsp());
    }

    @Override
    public String visitFloat(FloatType type) {
        return "FLOAT";
    }

    @Override
    public String visitDouble(DoubleType type) {
        return "DOUBLE";
    }

    @Override
    public String visitNumeric(NumericType type) {
        Integer precision = type.precision();
        if (precision == null) {
            throw new InvalidRequestException("Column " + where
                    + ": DECIMAL needs a precision on MySQL; use Types.numeric(precision, scale)");
        }
        return "DECIMAL(" + precision + ", " + type.scale() + ")";
    }

    @Override
    public String visitJson(JsonType type) {
        return "JSON";
    }

    @Override
    public String visitEnum(EnumType<?> type) {
        return type.labels().stream().map(dialect::quoteLiteral).collect(Collectors.joining(", ", "ENUM(", ")"));
    }

    @Override
    public String visitLargeBinary(LargeBinaryType type) {
        return sized("BLOB", type.length());
    }

    @Override
    public String visitUuid(UuidType type) {
        return "CHAR(36)";
    }

    @Override
    public String visitAny(AnyType type) {
        throw new InvalidRequestException("Column " + where + " has no SQL type (Types.ANY); give it one of the standard types");
    }

    /** Integer types, the only ones AUTO_INCREMENT is allowed on here. */
    static boolean isInteger(SqlType<?> type) {
        return type instanceof IntegerType || type instanceof BigIntegerType || type instanceof SmallIntegerType;
    }

    /** Types whose literal defaults are written as bare numbers (BOOL is TINYINT(1)). */
    static boolean isNumeric(SqlType<?> type) {
        return isInteger(type) || type instanceof FloatType || type instanceof DoubleType || type instanceof NumericType
                || type instanceof BooleanType;
    }

    /** TEXT, BLOB and JSON: MySQL accepts a default on them only as an expression in parentheses. */
    static boolean isLargeObject(SqlType<?> type) {
        return type instanceof TextType || type instanceof LargeBinaryType || type instanceof JsonType;
    }

    private static String sized(String base, @Nullable Long length) {
        if (length == null || length <= SMALL_MAX) {
            return base;
        }
        return (length <= MEDIUM_MAX ? "MEDIUM" : "LONG") + base;
    }

    private static String withFsp(String base, int fsp) {
        return fsp == 0 ? base : base + "(" + fsp + ")";
    }
}
