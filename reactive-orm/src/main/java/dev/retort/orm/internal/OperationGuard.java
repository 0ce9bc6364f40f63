package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lets one IO operation of a session run at a time. An operation holds the session from
 * subscription until its first signal (a {@code Mono}'s value, so a {@code flatMap} may start the
 * next operation) or its end (a {@code Flux}), error or cancel. A second operation subscribed
 * meanwhile fails at once, naming both; so does any operation but {@code rollback}/{@code close}
 * after a failed flush.
 */
final class OperationGuard {

    private static final Set<String> ALLOWED_AFTER_FAILURE = Set.of("rollback", "close");

    /** One running operation; compared by identity so a late exit cannot release a later operation. */
    private record Operation(String name) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private final DefaultSession session;
    private final AtomicReference<Operation> running = new AtomicReference<>();

    OperationGuard(DefaultSession session) {
        this.session = session;
    }

    <T> Mono<T> mono(String name, Supplier<Mono<T>> body) {
        return Mono.defer(() -> {
            Operation operation = enter(name);
            Mono<T> work;
            try {
                work = body.get();
            } catch (RuntimeException e) {
                exit(operation);
                return Mono.error(e);
            }
            return work.doOnNext(value -> exit(operation))
                    .doOnTerminate(() -> exit(operation))
                    .doOnCancel(() -> exit(operation));
        });
    }

    <T> Flux<T> flux(String name, Supplier<Flux<T>> body) {
        return Flux.defer(() -> {
            Operation operation = enter(name);
            Flux<T> work;
            try {
                work = body.get();
            } catch (RuntimeException e) {
                exit(operation);
                return Flux.error(e);
            }
            return work.doOnTerminate(() -> exit(operation)).doOnCancel(() -> exit(operation));
        });
    }

    private Operation enter(String name) {
        if (session.isClosed()) {
            throw new InvalidRequestException("This session is closed; " + name + " needs an open session");
        }
        Throwable failure = session.failure;
        if (failure != null && !ALLOWED_AFTER_FAILURE.contains(name)) {
            throw new InvalidRequestException("This session's flush failed or was cancelled part-way (" + failure
                    + "), so its transaction must be rolled back; call rollback() before " + name, failure);
        }
        Operation operation = new Operation(name);
        if (!running.compareAndSet(null, operation)) {
            Operation current = running.get();
            throw new InvalidRequestException("Session is already running " + (current == null ? "an operation" : current.name())
                    + "; cannot start " + name + " at the same time. A session runs one operation at a time: chain them"
                    + " (then/concatMap, or collect a query's results first) or use one session per concurrent flow");
        }
        return operation;
    }

    private void exit(Operation operation) {
        running.compareAndSet(operation, null);
    }
}
