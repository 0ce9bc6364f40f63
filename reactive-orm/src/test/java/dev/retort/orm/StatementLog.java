package dev.retort.orm;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * An engine of its own with echo on, and the SQL it sent, read from the echo log: what loader and
 * flush tests count and compare. Close it after the test to detach from logging.
 */
public final class StatementLog implements AutoCloseable {

    private static final String ECHO_LOGGER = "dev.retort.engine";
    private static int counter;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final String name;
    private final Engine engine;

    public StatementLog(TestDatabase db) {
        synchronized (StatementLog.class) {
            name = "log" + (++counter);
        }
        engine = db.newEngine(EngineOptions.builder().echo(true).name(name).build());
        appender.start();
        ((Logger) LoggerFactory.getLogger(ECHO_LOGGER)).addAppender(appender);
    }

    /** The engine whose statements are recorded. */
    public Engine engine() {
        return engine;
    }

    /** Every statement and transaction-control line sent so far (parameters and timings left out). */
    public List<String> all() {
        String prefix = "[" + name + "] ";
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : new ArrayList<>(appender.list)) {
            String message = event.getFormattedMessage();
            if (message.startsWith(prefix)) {
                String line = message.substring(prefix.length());
                if (!line.startsWith("[")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** The statements starting with a keyword ("SELECT", "INSERT", "UPDATE", "DELETE"), in order. */
    public List<String> statements(String keyword) {
        String upper = keyword.toUpperCase(Locale.ROOT);
        return all().stream().filter(line -> line.startsWith(upper)).toList();
    }

    /** How many statements start with {@code keyword}. */
    public int count(String keyword) {
        return statements(keyword).size();
    }

    /** Forgets what was recorded so far. */
    public void clear() {
        appender.list.clear();
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(ECHO_LOGGER)).detachAppender(appender);
        appender.stop();
    }
}
