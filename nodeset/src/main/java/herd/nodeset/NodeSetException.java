package herd.nodeset;

/**
 * A nodeset could not be computed: unknown group or source, failing upcall, bad configuration.
 * {@link #part()} keeps the offending text so callers can point at it.
 *
 * <pre>{@code
 * try { NodeSet.parse("@nosuch", resolver); }
 * catch (NodeSetException e) { System.err.println("herd: " + e.getMessage()); }
 * }</pre>
 */
public class NodeSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String part;

    /** Creates an exception with a one-line message and the offending text (may be empty). */
    public NodeSetException(String message, String part) {
        super(message);
        this.part = part == null ? "" : part;
    }

    /** The offending text, e.g. {@code "3-1"} or {@code "@nosuch"}; empty when none. */
    public String part() {
        return part;
    }
}
