package herd.nodeset.cli;

import herd.nodeset.GroupResolver;
import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code nodeset -l/-ll/-lll} and {@code -L/-LL/-LLL}. */
final class GroupLister {
    private final NodesetOptions opts;
    private final GroupResolver resolver;
    private final PrintStream out;
    private final PrintStream err;

    GroupLister(NodesetOptions opts, GroupResolver resolver, PrintStream out, PrintStream err) {
        this.opts = opts;
        this.resolver = resolver;
        this.out = out;
        this.err = err;
    }

    void list(Xset xset) {
        int level = opts.list + opts.listAll;
        List<String> sources = new ArrayList<>();
        if (opts.listAll > 0) {
            sources.addAll(resolver.sourceNames());
            if (!sources.isEmpty() && opts.groupSource == null) {
                sources.set(0, null);
            }
        } else {
            sources.add(opts.groupSource);
        }
        NodeSet set = ((Xset.Nodes) xset).set();
        for (String source : sources) {
            try {
                printSource(source, level, set);
            } catch (NodeSetException e) {
                if (opts.listAll == 0 || e instanceof herd.nodeset.BrokenGroupException) {
                    throw e;
                }
                err.println("Warning: " + e.getMessage());
            }
        }
    }

    private void printSource(String source, int level, NodeSet set) {
        if (opts.all || !set.isEmpty() || !opts.setOps.isEmpty()) {
            Map<String, Regrouper.Hit> groups = new Regrouper(resolver, source, opts.groupBase).groups(set);
            for (Map.Entry<String, Regrouper.Hit> e : groups.entrySet()) {
                Regrouper.Hit h = e.getValue();
                out.println(switch (level) {
                    case 1 -> e.getKey();
                    case 2 -> e.getKey() + " " + h.inside();
                    default -> e.getKey() + " " + h.inside() + " " + h.inside().count() + "/" + h.members().count();
                });
            }
            return;
        }
        for (String g : resolver.groupNames(source)) {
            String ref = source != null && !opts.groupBase ? "@" + source + ":" + g : "@" + g;
            if (level == 1) {
                out.println(ref);
                continue;
            }
            NodeSet nodes;
            try {
                nodes = NodeSet.parse(ref, resolver);
            } catch (herd.nodeset.BrokenGroupException e) {
                throw e;
            } catch (NodeSetException e) {
                // With -G, 1.9.1 looks "@group" up in the default source, where it may not exist.
                nodes = NodeSet.empty();
            }
            out.println(level == 2 ? ref + " " + nodes : ref + " " + nodes + " " + nodes.count());
        }
    }
}
