package dev.retort.core.engine;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statement and transaction logging on {@code dev.retort.engine}: at INFO when the engine's
 * {@code echo} is on, at DEBUG otherwise (so a logging configuration can turn it on too). With
 * {@code hideParameters} values are replaced by {@code [parameters hidden]}.
 */
final class Echo {

    static final String LOGGER_NAME = "dev.retort.engine";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    /** Longest statement text logged in full; multi-row INSERTs can be megabytes. */
    private static final int MAX_SQL = 2_000;
    /** Most parameter values logged per set. */
    private static final int MAX_VALUES = 20;

    private final boolean echo;
    private final boolean hideParameters;
    private final String name;

    Echo(EngineOptions options) {
        this.echo = options.echo();
        this.hideParameters = options.hideParameters();
        this.name = options.name();
    }

    boolean enabled() {
        return echo || LOG.isDebugEnabled();
    }

    /** Logs a statement about to be sent and its parameters (long ones shortened). */
    void statement(String sql, List<? extends List<?>> parameterSets) {
        if (enabled()) {
            log("{}", sql.length() <= MAX_SQL ? sql : sql.substring(0, MAX_SQL) + "… (" + sql.length() + " characters)");
            log("[parameters: {}]", describeParameters(parameterSets));
        }
    }

    /** Logs the end of a statement. */
    void finished(long startedNanos, String outcome) {
        if (enabled()) {
            double millis = (System.nanoTime() - startedNanos) / 1_000_000.0;
            log("[{}]", outcome + " in " + String.format(Locale.ROOT, "%.3f", millis) + " ms");
        }
    }

    /** Logs a transaction-control statement: BEGIN, COMMIT, ROLLBACK, SAVEPOINT…. */
    void control(String text) {
        if (enabled()) {
            log("{}", text);
        }
    }

    String describeParameters(@Nullable List<? extends List<?>> parameterSets) {
        if (hideParameters) {
            return "hidden";
        }
        if (parameterSets == null || parameterSets.isEmpty()
                || (parameterSets.size() == 1 && parameterSets.get(0).isEmpty())) {
            return "()";
        }
        return parameterSets.size() == 1 ? abbreviateValues(parameterSets.get(0))
                : parameterSets.size() + " sets " + abbreviate(parameterSets);
    }

    private static String abbreviateValues(List<?> values) {
        if (values.size() <= MAX_VALUES) {
            return values.toString();
        }
        String head = values.subList(0, MAX_VALUES).toString();
        return head.substring(0, head.length() - 1) + ", … " + (values.size() - MAX_VALUES) + " more]";
    }

    private static String abbreviate(List<? extends List<?>> sets) {
        int shown = Math.min(sets.size(), 10);
        String head = sets.subList(0, shown).toString();
        return shown == sets.size() ? head : head.substring(0, head.length() - 1) + ", … " + (sets.size() - shown) + " more]";
    }

    private void log(String format, Object argument) {
        if (echo) {
            LOG.info("[" + name + "] " + format, argument);
        } else {
            LOG.debug("[" + name + "] " + format, argument);
        }
    }
}
