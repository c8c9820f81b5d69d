package herd.shell;

/** Thrown by {@code exit}: ends the shell or the batch with {@link #status()}. Not an error. */
public final class ExitRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ExitRequest(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
