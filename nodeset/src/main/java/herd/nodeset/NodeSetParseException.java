package herd.nodeset;

/**
 * A nodeset or range expression is malformed: bad range, unbalanced bracket, padding mismatch,
 * missing operand. The message reads {@code bad range "3-1": reversed (3 > 1)}.
 */
public class NodeSetParseException extends NodeSetException {
    private static final long serialVersionUID = 1L;

    /** Builds {@code what "part": problem}. */
    public NodeSetParseException(String what, String part, String problem) {
        super(part == null || part.isEmpty() ? what + ": " + problem
                : what + " \"" + part + "\": " + problem, part);
    }
}
