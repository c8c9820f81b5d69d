package herd.bmc;

import herd.session.Reason;

/**
 * A BMC operation that did not succeed, with one line naming the node or object and the problem:
 * {@code valkyrie03: BMC 127.0.0.1:9003: no answer after 2 s}. {@link #reason()} says how it
 * folds in the outcome sets.
 */
public class BmcException extends RuntimeException {

    private final Reason reason;

    public BmcException(String message) {
        this(message, Reason.FAILED, null);
    }

    public BmcException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
