package dev.retort.core.result;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column labels of one result, shared by all its rows, with a case-insensitive index. */
final class RowShape {

    private final List<String> names;
    private final Map<String, Integer> positions;
    private final List<? extends Expression<?>> expressions;

    RowShape(List<String> names, List<? extends Expression<?>> expressions) {
        this.names = List.copyOf(names);
        this.expressions = expressions;
        this.positions = new HashMap<>(names.size() * 2);
        for (int i = names.size() - 1; i >= 0; i--) {
            positions.put(names.get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    List<String> names() {
        return names;
    }

    int indexOf(String column) {
        Integer position = positions.get(column.toLowerCase(Locale.ROOT));
        if (position == null) {
            throw new InvalidRequestException("No column '" + column + "' in the row; columns are " + names);
        }
        return position;
    }

    /**
     * The position of a selected expression (itself or labelled), or -1 when the statement did not
     * select it. The very instance selected wins; otherwise an equal expression is accepted, so that
     * {@code alias.c(USERS.id)} or {@code func.count()} built again for reading finds its column by
     * position (not by a name that may be shared, as by two aliases' {@code id}).
     */
    int positionOf(Expression<?> expression) {
        int equal = -1;
        for (int i = 0; i < expressions.size(); i++) {
            Expression<?> selected = expressions.get(i);
            Expression<?> labelled = selected instanceof dev.retort.core.sql.expression.Label<?> label ? label.expression() : null;
            if (selected == expression || labelled == expression) {
                return i;
            }
            if (equal < 0 && (selected.equals(expression) || (labelled != null && labelled.equals(expression)))) {
                equal = i;
            }
        }
        return equal;
    }

    int checkIndex(int index) {
        if (index < 0 || index >= names.size()) {
            throw new InvalidRequestException("Column index " + index + " is out of range; the row has "
                    + names.size() + " column(s) " + names);
        }
        return index;
    }
}
