package dev.retort.core.engine;

import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import org.jspecify.annotations.Nullable;

/** {@link TransactionOptions} as the R2DBC SPI's {@link TransactionDefinition}. */
record Definition(TransactionOptions options) implements TransactionDefinition {

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getAttribute(Option<T> option) {
        if (option.equals(TransactionDefinition.ISOLATION_LEVEL) && options.isolationLevel() != null) {
            return (T) options.isolationLevel().toR2dbc();
        }
        if (option.equals(TransactionDefinition.READ_ONLY) && options.readOnly()) {
            return (T) Boolean.TRUE;
        }
        return null;
    }

    /** How the BEGIN appears in the echo log. */
    String describe() {
        StringBuilder text = new StringBuilder("BEGIN");
        if (options.isolationLevel() != null) {
            text.append(" (isolation ").append(options.isolationLevel().sql()).append(')');
        }
        if (options.readOnly()) {
            text.append(" (read only)");
        }
        return text.toString();
    }
}
