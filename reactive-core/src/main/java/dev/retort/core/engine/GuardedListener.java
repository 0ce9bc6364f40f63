package dev.retort.core.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The engine's side of an {@link EngineListener}: measures checkouts and connection use, and calls
 * the listener so that nothing it throws reaches the pipeline (logged once at WARN, then at DEBUG).
 * The engine holds one only when a listener is set, so the path without one is a null check on a
 * final field.
 */
final class GuardedListener {

    private static final Logger LOG = LoggerFactory.getLogger(Echo.LOGGER_NAME);

    private final EngineListener listener;
    private final String engineName;
    private final AtomicBoolean failedBefore = new AtomicBoolean();

    GuardedListener(EngineListener listener, String engineName) {
        this.listener = listener;
        this.engineName = engineName;
    }

    /**
     * A checkout that reports how long it waited: the clock starts at subscription, stops when the
     * connection (or the error) arrives, and the connection remembers when it was lent.
     */
    Mono<DefaultConnection> checkout(Mono<DefaultConnection> checkout) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return checkout
                    .doOnNext(connection -> {
                        long now = System.nanoTime();
                        connection.checkedOutNanos = now;
                        acquired(now - started);
                    })
                    .doOnError(error -> acquireFailed(System.nanoTime() - started, error));
        });
    }

    /**
     * A release that reports how long the connection was held when the release has finished
     * (completed or failed), before the scope's own subscriber hears of it.
     */
    Mono<Void> release(DefaultConnection connection, Mono<Void> release) {
        return release.doOnTerminate(() -> {
            long lent = connection.checkedOutNanos;
            if (lent != 0) {
                released(System.nanoTime() - lent);
            }
        });
    }

    private void acquired(long waitedNanos) {
        try {
            listener.connectionAcquired(Duration.ofNanos(waitedNanos));
        } catch (Throwable failure) {
            failed("connectionAcquired", failure);
        }
    }

    private void acquireFailed(long waitedNanos, Throwable error) {
        try {
            listener.connectionAcquireFailed(Duration.ofNanos(waitedNanos), error);
        } catch (Throwable failure) {
            failed("connectionAcquireFailed", failure);
        }
    }

    private void released(long heldNanos) {
        try {
            listener.connectionReleased(Duration.ofNanos(heldNanos));
        } catch (Throwable failure) {
            failed("connectionReleased", failure);
        }
    }

    void statementFinished(StatementEvent event) {
        try {
            listener.statementFinished(event);
        } catch (Throwable failure) {
            failed("statementFinished", failure);
        }
    }

    private void failed(String method, Throwable failure) {
        Exceptions.throwIfJvmFatal(failure);
        if (failedBefore.compareAndSet(false, true)) {
            LOG.warn("[{}] The engine listener {} threw from {}; the engine ignores listener errors (only this first "
                    + "one is logged at WARN, later ones at DEBUG)", engineName, listener.getClass().getName(), method,
                    failure);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] The engine listener {} threw from {}", engineName, listener.getClass().getName(), method,
                    failure);
        }
    }
}
