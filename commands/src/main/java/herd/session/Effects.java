package herd.session;

import herd.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running command did, as the audit log records it: the nodesets it resolved
 * ({@link Session#nodes}), the outcomes it concluded ({@link Session#conclude}) and the files it
 * wrote (the file-edit layer reports them). One per command; the shell reads it when the command ends.
 *
 * <pre>{@code
 * FileEditor editor = settings.editor(...).reporting(session.effects()::wrote);
 * }</pre>
 */
public final class Effects {

    /** One file a command replaced, and where its previous content was kept. */
    public record WrittenFile(String path, String backup, String host) {
    }

    private NodeSet resolved = NodeSet.empty();
    private OutcomeSet outcomes;
    private final List<WrittenFile> files = new ArrayList<>();

    synchronized void resolved(NodeSet nodes) {
        resolved = resolved.union(nodes);
    }

    synchronized void concluded(OutcomeSet set) {
        outcomes = set;
    }

    /**
     * A file written.
     *
     * @param host the node the file is on, "" for this machine
     */
    public synchronized void wrote(String path, String backup, String host) {
        files.add(new WrittenFile(path, backup, host));
    }

    /** The outcomes' nodes when the command concluded a fan-out, else every nodeset it resolved. */
    public synchronized NodeSet nodes() {
        return outcomes == null ? resolved
                : NodeSet.fromNames(outcomes.outcomes().stream().map(NodeOutcome::node).toList());
    }

    /** The last concluded outcomes, or null when the command concluded none. */
    public synchronized OutcomeSet outcomes() {
        return outcomes;
    }

    public synchronized List<WrittenFile> files() {
        return List.copyOf(files);
    }
}
