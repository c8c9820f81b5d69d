package herd.exec;

import herd.error.HerdException;

/** A run that cannot start (no command, fanout below 1), or one whose status is set by {@code -S}. */
public class ExecException extends HerdException {
    private static final long serialVersionUID = 1L;

    public ExecException(String message) {
        super(message);
    }

    /** A failure whose exit status is {@code status} (the largest remote exit code, for -S). */
    public ExecException(String message, int status) {
        super(message, status, null);
    }
}
