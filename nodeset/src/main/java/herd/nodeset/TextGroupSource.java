package herd.nodeset;

import java.util.List;
import java.util.Optional;

/**
 * A group source whose answers are nodeset text that may itself name groups of the same source
 * (ClusterShell files and upcalls); the resolver parses that text in the source's namespace.
 */
interface TextGroupSource extends GroupSource {
    /** Raw member text of {@code group}, or empty when unknown. */
    Optional<String> membersText(String group);

    /** Raw text of all nodes, or empty when the source has no "all" answer. */
    Optional<String> allText();

    /** Raw group names, one or more per line. */
    List<String> groupsText();

    /** Raw reverse answer for {@code node}, or empty when the source has none. */
    default Optional<String> reverseText(String node) {
        return Optional.empty();
    }

    @Override
    default Optional<NodeSet> members(String group) {
        GroupResolver self = new GroupResolver(List.of(this), name());
        return membersText(group).map(t -> self.parseIn(t, name()));
    }

    @Override
    default NodeSet all() {
        GroupResolver self = new GroupResolver(List.of(this), name());
        return self.allNodes(name());
    }
}
