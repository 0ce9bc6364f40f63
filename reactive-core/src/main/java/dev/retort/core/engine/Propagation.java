package dev.retort.core.engine;

/** How a {@link TransactionalOperator} treats a transaction already bound in the Reactor Context. */
public enum Propagation {
    /** Join the bound transaction; begin a new one when there is none. */
    REQUIRED,
    /** Always begin a new transaction on a new connection; the bound one is untouched. */
    REQUIRES_NEW,
    /** Run inside a savepoint of the bound transaction; begin a new one when there is none. */
    NESTED
}
