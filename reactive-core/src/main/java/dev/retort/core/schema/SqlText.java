package dev.retort.core.schema;

/**
 * SQL written by hand for a schema definition (a server default, an on-update clause). The
 * statement layer's {@code text(...)} is one, so {@code serverDefault(text("CURRENT_TIMESTAMP"))}
 * reads as in SQLAlchemy; the schema layer sees only this interface.
 */
public interface SqlText {

    /** The SQL as written. */
    String text();
}
