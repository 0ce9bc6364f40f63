package dev.retort.core.types;

/** Visits each kind of {@link SqlType}; the DDL type compiler and reflection use it. */
public interface TypeVisitor<R> {

    R visitInteger(IntegerType type);

    R visitBigInteger(BigIntegerType type);

    R visitSmallInteger(SmallIntegerType type);

    R visitString(StringType type);

    R visitText(TextType type);

    R visitBoolean(BooleanType type);

    R visitDateTime(DateTimeType type);

    R visitDate(DateType type);

    R visitTime(TimeType type);

    R visitTimestamp(TimestampType type);

    R visitFloat(FloatType type);

    R visitDouble(DoubleType type);

    R visitNumeric(NumericType type);

    R visitJson(JsonType type);

    R visitEnum(EnumType<?> type);

    R visitLargeBinary(LargeBinaryType type);

    R visitUuid(UuidType type);

    /** The unknown type of untyped values; DDL compilers refuse it. */
    R visitAny(AnyType type);
}
