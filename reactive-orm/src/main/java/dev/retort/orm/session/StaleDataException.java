package dev.retort.orm.session;

import dev.retort.core.exception.RetortException;

/**
 * A flushed UPDATE or DELETE matched no row: another transaction deleted the row, or changed its
 * {@link dev.retort.orm.mapping.Version} since this session read it. The flush's transaction is
 * rolled back; call {@link Session#rollback()} before going on.
 */
public class StaleDataException extends RetortException {

    private static final long serialVersionUID = 1L;

    public StaleDataException(String message) {
        super(message);
    }
}
