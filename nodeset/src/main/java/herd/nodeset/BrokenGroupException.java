package herd.nodeset;

/**
 * A group exists but its members cannot be read (its map upcall failed, or its YAML value is a
 * number, a boolean or nothing). Unlike an unknown group, which listings skip as ClusterShell 1.9.1 does,
 * this fails every command that touches the group, as it fails ClusterShell.
 */
public final class BrokenGroupException extends NodeSetException {
    private static final long serialVersionUID = 1L;

    public BrokenGroupException(String message, String part) {
        super(message, part);
    }
}
