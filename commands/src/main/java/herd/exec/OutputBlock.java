package herd.exec;

import herd.nodeset.NodeSet;
import java.util.List;

/**
 * Nodes that printed exactly the same lines (clush -b's gathering).
 *
 * @param nodes the nodes, folded by {@code toString()}
 * @param lines what each of them printed
 */
public record OutputBlock(NodeSet nodes, List<String> lines) {

    public OutputBlock {
        lines = List.copyOf(lines);
    }

    /** {@code valkyrie[01-02] (2)}; the count only when there is more than one node, as clush. */
    public String header() {
        return nodes.size() > 1 ? nodes + " (" + nodes.size() + ")" : nodes.toString();
    }
}
