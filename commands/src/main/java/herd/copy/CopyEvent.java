package herd.copy;

import herd.session.NodeOutcome;

/**
 * What happens during a copy, for each node: {@link Started}, {@link Progress} now and then,
 * {@link Finished}. {@code CopyListener l = e -> { if (e instanceof CopyEvent.Finished f) ... };}
 */
public sealed interface CopyEvent permits CopyEvent.Started, CopyEvent.Progress, CopyEvent.Finished {

    String node();

    record Started(String node) implements CopyEvent { }

    /** Bytes copied so far for the node; {@code total} is -1 when unknown (pulls). */
    record Progress(String node, long bytes, long total) implements CopyEvent { }

    record Finished(NodeOutcome outcome) implements CopyEvent {
        @Override
        public String node() {
            return outcome.node();
        }
    }
}
