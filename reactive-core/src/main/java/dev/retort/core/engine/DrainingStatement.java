package dev.retort.core.engine;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;

/**
 * A driver statement made through a lent connection ({@link LentConnection#createStatement}): every
 * call goes to the driver's statement, and {@link #execute()} reads the results left after a cancel
 * to their end ({@link DrainResultsOnCancel}), as Retort's own statements do. Binding does no IO;
 * the statement runs when the publisher {@code execute()} returns is subscribed.
 */
final class DrainingStatement implements Statement, Wrapped<Statement> {

    private final Statement driver;

    DrainingStatement(Statement driver) {
        this.driver = driver;
    }

    @Override
    public Statement add() {
        driver.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        driver.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        driver.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        driver.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        driver.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        driver.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        driver.fetchSize(rows);
        return this;
    }

    @Override
    public Flux<? extends Result> execute() {
        return DrainResultsOnCancel.wrap(Flux.from(driver.execute()));
    }

    @Override
    public Statement unwrap() {
        return driver;
    }
}
