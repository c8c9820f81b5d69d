package herd.shell;

import herd.nodeset.NodeSetException;
import herd.error.HerdException;
import herd.session.UsageException;
import java.io.PrintWriter;

/**
 * The only place that prints errors: one line {@code herd: [FILE:LINE: ]MESSAGE} on stderr, and
 * the exit status that goes with it. Stack traces only with {@code HERD_DEBUG=1}.
 *
 * <pre>{@code
 * int status = reporter.report(e, "bringup.csh:12", "power on");
 * }</pre>
 */
public final class ErrorReporter {

    /** Status of an unexpected failure (a bug), as sysexits' EX_SOFTWARE. */
    public static final int INTERNAL = 70;

    private final PrintWriter err;
    private final boolean debug;

    public ErrorReporter(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /**
     * Prints the error of a command line and returns its exit status.
     *
     * @param position "FILE:LINE" of a batch line, or null
     * @param command  the command's name when known, or null
     */
    public int report(Throwable e, String position, String command) {
        int status;
        String message;
        if (e instanceof HerdException h) {
            status = h.status();
            message = h.getMessage();
        } else if (e instanceof NodeSetException n) {
            status = 2;
            message = n.getMessage();
        } else {
            status = INTERNAL;
            message = "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (debug ? "" : " (HERD_DEBUG=1 shows the stack trace)");
        }
        if (command != null && !message.startsWith(command + ":") && !message.startsWith(command + " ")) {
            message = command + ": " + message;
        }
        err.println("herd: " + (position == null ? "" : position + ": ") + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** True for errors of the command line itself (the REPL then hints at help). */
    public static boolean isUsage(Throwable e) {
        return e instanceof UsageException || e instanceof NodeSetException;
    }

    public void message(String position, String message) {
        err.println("herd: " + (position == null ? "" : position + ": ") + oneLine(message));
        err.flush();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').strip();
    }
}
