package herd.nodeset.cli;

import herd.nodeset.GroupResolver;
import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Group membership of a node set ({@code nodeset -l} with nodes, and {@code -r}), per ClusterShell 1.9.1. */
final class Regrouper {
    /** A group touching the set: its members and the part of the set inside it. */
    record Hit(NodeSet members, NodeSet inside) {
    }

    private final GroupResolver resolver;
    private final String source;
    private final boolean noPrefix;

    Regrouper(GroupResolver resolver, String source, boolean noPrefix) {
        this.resolver = resolver;
        this.source = source;
        this.noPrefix = noPrefix;
    }

    /** Groups (keyed "@grp" or "@source:grp") that contain at least one node of {@code set}. */
    Map<String, Hit> groups(NodeSet set) {
        Map<String, Hit> out = new TreeMap<>();
        List<String> names;
        try {
            names = resolver.groupNames(source);
        } catch (NodeSetException e) {
            return out;
        }
        for (String g : names) {
            NodeSet members;
            try {
                members = resolver.resolveFlat(source, g);
            } catch (herd.nodeset.BrokenGroupException e) {
                throw e;
            } catch (NodeSetException e) {
                // 1.9.1 resolves nested references in the default source; one missing there is empty.
                continue;
            }
            NodeSet inside = set.intersection(members);
            if (!inside.isEmpty()) {
                out.put(key(g), new Hit(members, inside));
            }
        }
        return out;
    }

    String key(String group) {
        return source != null && !noPrefix ? "@" + source + ":" + group : "@" + group;
    }

    /** Largest fully included groups first, then the remaining nodes. */
    String regroup(NodeSet set, int autostep) {
        Map<String, Hit> groups = groups(set);
        if (groups.isEmpty()) {
            return set.fold(autostep, null);
        }
        List<Map.Entry<String, Hit>> fulls = new ArrayList<>();
        for (Map.Entry<String, Hit> e : groups.entrySet()) {
            if (e.getValue().inside().count() == e.getValue().members().count()) {
                fulls.add(e);
            }
        }
        fulls.sort(Comparator.comparingLong((Map.Entry<String, Hit> e) -> -e.getValue().inside().count())
                .thenComparing(Map.Entry::getKey));
        NodeSet rest = set;
        NodeSet.Builder regrouped = new NodeSet.Builder();
        boolean any = false;
        for (Map.Entry<String, Hit> e : fulls) {
            NodeSet members = e.getValue().members();
            if (!members.difference(rest).isEmpty()) {
                continue;
            }
            regrouped.add(e.getKey());
            any = true;
            rest = rest.difference(members);
            if (rest.isEmpty()) {
                return regrouped.build().fold(autostep, null);
            }
        }
        if (any) {
            return regrouped.build().fold(autostep, null) + "," + rest.fold(autostep, null);
        }
        return rest.fold(autostep, null);
    }
}
