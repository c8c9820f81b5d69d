package herd.error;

/**
 * A command failed in a way the user can act on: one line naming the object and the problem.
 * Every family's own exception extends it, e.g. {@code class ExecException extends HerdException}.
 *
 * <pre>{@code
 * throw new HerdException("valkyrie07: not in the inventory");
 * }</pre>
 *
 * The shell's ErrorReporter prints {@code herd: FILE:LINE: MESSAGE} (batch) or {@code herd: MESSAGE}
 * and makes {@link #status()} the exit status; no stack trace is ever shown.
 */
public class HerdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HerdException(String message) {
        this(message, 1, null);
    }

    public HerdException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    protected HerdException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The process exit status this failure maps to (1 by default). */
    public int status() {
        return status;
    }
}
