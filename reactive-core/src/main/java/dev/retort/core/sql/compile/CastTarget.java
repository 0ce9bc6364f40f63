package dev.retort.core.sql.compile;

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
import dev.retort.core.types.StringType;
import dev.retort.core.types.TextType;
import dev.retort.core.types.TimeType;
import dev.retort.core.types.TimestampType;
import dev.retort.core.types.TypeVisitor;
import dev.retort.core.types.UuidType;

/** The type names MySQL's {@code CAST(x AS …)} accepts, for each standard type. */
final class CastTarget implements TypeVisitor<String> {

    private final boolean mariaDb;

    /** @param mariaDb whether the server is MariaDB, which has no {@code CAST(… AS JSON)} */
    CastTarget(boolean mariaDb) {
        this.mariaDb = mariaDb;
    }

    CastTarget() {
        this(false);
    }

    @Override
    public String visitInteger(IntegerType type) {
        return "SIGNED";
    }

    @Override
    public String visitBigInteger(BigIntegerType type) {
        return "SIGNED";
    }

    @Override
    public String visitSmallInteger(SmallIntegerType type) {
        return "SIGNED";
    }

    @Override
    public String visitString(StringType type) {
        return type.length() == null ? "CHAR" : "CHAR(" + type.length() + ")";
    }

    @Override
    public String visitText(TextType type) {
        return "CHAR";
    }

    @Override
    public String visitBoolean(BooleanType type) {
        return "SIGNED";
    }

    @Override
    public String visitDateTime(DateTimeType type) {
        return type.fsp() == 0 ? "DATETIME" : "DATETIME(" + type.fsp() + ")";
    }

    @Override
    public String visitDate(DateType type) {
        return "DATE";
    }

    @Override
    public String visitTime(TimeType type) {
        return type.fsp() == 0 ? "TIME" : "TIME(" + type.fsp() + ")";
    }

    @Override
    public String visitTimestamp(TimestampType type) {
        return type.fsp() == 0 ? "DATETIME" : "DATETIME(" + type.fsp() + ")";
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
        return type.precision() == null ? "DECIMAL" : "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
    }

    @Override
    public String visitJson(JsonType type) {
        // MariaDB's JSON is LONGTEXT and its CAST knows no JSON target
        return mariaDb ? "CHAR" : "JSON";
    }

    @Override
    public String visitEnum(EnumType<?> type) {
        return "CHAR";
    }

    @Override
    public String visitLargeBinary(LargeBinaryType type) {
        return "BINARY";
    }

    @Override
    public String visitUuid(UuidType type) {
        return "CHAR(36)";
    }

    @Override
    public String visitAny(AnyType type) {
        throw new InvalidRequestException("CAST needs a target type; Types.ANY is not one");
    }
}
