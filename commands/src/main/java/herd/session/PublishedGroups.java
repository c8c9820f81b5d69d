package herd.session;

import herd.nodeset.GroupSource;
import herd.nodeset.NodeSet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A group source made of sets a command published: {@code @last:failed}, {@code @power:off}.
 * Immutable; the session replaces it on every publication.
 */
public final class PublishedGroups implements GroupSource {

    private final String name;
    private final Map<String, NodeSet> groups;

    public PublishedGroups(String name, Map<String, ? extends Collection<String>> groups) {
        this.name = name;
        Map<String, NodeSet> copy = new TreeMap<>();
        groups.forEach((group, nodes) -> copy.put(group, NodeSet.fromNames(nodes)));
        this.groups = Map.copyOf(copy);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> groups() {
        return new java.util.TreeSet<>(groups.keySet());
    }

    @Override
    public Optional<NodeSet> members(String group) {
        return Optional.ofNullable(groups.get(group));
    }
}
