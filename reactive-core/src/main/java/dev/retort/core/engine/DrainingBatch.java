package dev.retort.core.engine;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;

/**
 * A driver batch made through a lent connection ({@link LentConnection#createBatch}): statements go
 * to the driver's batch, and {@link #execute()} reads the results left after a cancel to their end
 * ({@link DrainResultsOnCancel}). The batch runs when the publisher {@code execute()} returns is
 * subscribed.
 */
final class DrainingBatch implements Batch, Wrapped<Batch> {

    private final Batch driver;

    DrainingBatch(Batch driver) {
        this.driver = driver;
    }

    @Override
    public Batch add(String sql) {
        driver.add(sql);
        return this;
    }

    @Override
    public Flux<? extends Result> execute() {
        return DrainResultsOnCancel.wrap(Flux.from(driver.execute()));
    }

    @Override
    public Batch unwrap() {
        return driver;
    }
}
