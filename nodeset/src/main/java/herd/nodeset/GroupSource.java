package herd.nodeset;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A named namespace of node groups ({@code @source:group}). herd plugs its own sources
 * (inventory, last, power); ClusterShell configuration files give the others.
 *
 * <pre>{@code
 * GroupSource src = new MapGroupSource("rack", Map.of("r1", "n[1-4]"));
 * GroupResolver r = new GroupResolver(List.of(src), "rack");
 * NodeSet.parse("@r1", r);  // n[1-4]
 * }</pre>
 */
public interface GroupSource {
    /** The source name, as written in {@code @name:group}. */
    String name();

    /** Names of all groups of this source. */
    Set<String> groups();

    /** Members of {@code group}, or empty when the group does not exist. */
    Optional<NodeSet> members(String group);

    /** All nodes of the source ({@code @*}); by default the union of every group. */
    default NodeSet all() {
        NodeSet all = NodeSet.empty();
        for (String g : groups()) {
            all = all.union(members(g).orElse(NodeSet.empty()));
        }
        return all;
    }

    /** Groups that contain {@code node} (reverse lookup); by default scans every group. */
    default Set<String> groupsOf(String node) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : groups()) {
            if (members(g).map(m -> m.contains(node)).orElse(false)) {
                out.add(g);
            }
        }
        return out;
    }
}
