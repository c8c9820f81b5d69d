package herd.inventory;

import herd.nodeset.GroupResolver;
import herd.nodeset.GroupSource;
import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inventory's groups as a group source named {@code inventory} (the default source, so
 * {@code @compute} means {@code @inventory:compute}). A group is its expression (which may use
 * other groups) plus the nodes whose entry lists it. Unless the inventory defines a group named
 * {@code all}, {@code @all} is every node of the inventory (as ClusterShell's {@code all} upcall).
 */
final class InventoryGroups implements GroupSource {

    static final String NAME = "inventory";

    private final Map<String, String> expressions;
    private final Map<String, List<String>> listedBy;
    private final NodeSet nodes;
    private final Map<String, NodeSet> cache = new ConcurrentHashMap<>();
    private final Set<String> resolving = new HashSet<>();

    InventoryGroups(Map<String, String> expressions, Map<String, List<String>> listedBy, Set<String> nodes) {
        this.expressions = Map.copyOf(expressions);
        this.listedBy = Map.copyOf(listedBy);
        this.nodes = NodeSet.fromNames(List.copyOf(nodes));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> groups() {
        Set<String> all = new TreeSet<>(expressions.keySet());
        all.addAll(listedBy.keySet());
        return all;
    }

    @Override
    public Optional<NodeSet> members(String group) {
        if (!expressions.containsKey(group) && !listedBy.containsKey(group)) {
            return group.equals("all") ? Optional.of(nodes) : Optional.empty();
        }
        NodeSet cached = cache.get(group);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (this) {
            if (!resolving.add(group)) {
                throw new NodeSetException("group @" + group + " is defined in terms of itself", "@" + group);
            }
            try {
                NodeSet nodes = NodeSet.fromNames(listedBy.getOrDefault(group, List.of()));
                String expression = expressions.get(group);
                if (expression != null && !expression.isBlank()) {
                    nodes = nodes.union(NodeSet.parse(expression, new GroupResolver(List.of(this), NAME)));
                }
                cache.put(group, nodes);
                return Optional.of(nodes);
            } finally {
                resolving.remove(group);
            }
        }
    }
}
