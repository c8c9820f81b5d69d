package herd.bmc;

import herd.error.HerdException;
import herd.session.Reason;

/**
 * A BMC operation that did not succeed: {@code valkyrie03: BMC 127.0.0.1:9003: no answer after 2 s}.
 * {@link #detail()} is the problem without the node and address (it folds across nodes:
 * {@code valkyrie[03,07]: no answer after 2 s}); {@link #reason()} places the node in the outcome sets.
 */
public class BmcException extends HerdException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String detail;

    /** A problem that is not about one BMC (bad word, bad setting). */
    public BmcException(String message) {
        super(message, 1, null);
        this.reason = Reason.FAILED;
        this.detail = message;
    }

    /** @param subject what failed, e.g. "valkyrie03: BMC 127.0.0.1:9003"; @param problem what went wrong */
    public BmcException(String subject, String problem, Reason reason, Throwable cause) {
        super(subject + ": " + problem, 1, cause);
        this.reason = reason;
        this.detail = problem;
    }

    public Reason reason() {
        return reason;
    }

    /** The problem alone, for folded outcomes. */
    public String detail() {
        return detail;
    }
}
