package dev.retort.core.result;

import dev.retort.core.sql.expression.Expression;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result, read out of the driver when it arrived: reading it does no IO and it stays
 * valid after the connection is released. Columns are addressed by 0-based index or by label
 * (case-insensitive). Typed reads convert between numeric types when no precision is lost and read
 * booleans from {@code TINYINT}; anything else that does not fit fails with a message naming the
 * column.
 */
public interface Row {

    /** Number of columns. */
    int size();

    /** Column labels in select order. */
    List<String> columnNames();

    /** The raw value the driver produced, or {@code null}. */
    @Nullable Object get(int index);

    /** The raw value of the column with this label. */
    @Nullable Object get(String column);

    /** The value converted to {@code type} (primitive classes accepted), or {@code null}. */
    <T> @Nullable T get(int index, Class<T> type);

    /** The value of the labelled column converted to {@code type}, or {@code null}. */
    <T> @Nullable T get(String column, Class<T> type);

    /**
     * The value of a selected column or expression, converted by its type: a Java enum from its
     * label, a JSON document parsed, an {@code Instant} from a TIMESTAMP, and so on. Found by
     * position when the statement was built with Retort's builders (so two selected columns named
     * {@code id} are told apart), else by the column's name or the expression's label.
     */
    <T> @Nullable T get(Expression<T> expression);

    /** The row as an insertion-ordered map from label to value (SQLAlchemy's {@code row._mapping}). */
    Map<String, @Nullable Object> toMap();
}
