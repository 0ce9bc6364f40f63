package dev.retort.core.result;

import dev.retort.core.sql.expression.Expression;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.RowMetadata;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Copies driver rows into {@link Row}s. One reader serves one statement execution: it reads the
 * column labels from the first row's metadata and shares them with every later row. Not
 * thread-safe; the driver calls it serially.
 */
public final class RowReader {

    private final List<? extends Expression<?>> resultColumns;
    private @Nullable RowShape shape;

    /** A reader for a statement whose result columns are not known (text). */
    public RowReader() {
        this(List.of());
    }

    /**
     * A reader for a compiled statement that returns {@code resultColumns} in order, so that
     * {@code row.get(column)} finds a column by position even when two result columns share a name.
     */
    public RowReader(List<? extends Expression<?>> resultColumns) {
        this.resultColumns = resultColumns;
    }

    /** Copies the values of a driver row; call it inside the driver's {@code Result.map}. */
    public Row read(io.r2dbc.spi.Row row, RowMetadata metadata) {
        RowShape current = shape;
        if (current == null) {
            List<String> names = new ArrayList<>();
            for (ColumnMetadata column : metadata.getColumnMetadatas()) {
                names.add(column.getName());
            }
            current = new RowShape(names, resultColumns.size() == names.size() ? resultColumns : List.of());
            shape = current;
        }
        int size = current.names().size();
        @Nullable Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            values[i] = row.get(i);
        }
        return new ArrayRow(current, values);
    }
}
