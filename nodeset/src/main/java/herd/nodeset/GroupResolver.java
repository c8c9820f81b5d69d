package herd.nodeset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves {@code @group}, {@code @source:group}, {@code @*}, {@code @source:*} and
 * {@code @@source} against a fixed list of {@link GroupSource}s. Immutable: {@link #with}
 * returns a new resolver.
 *
 * <pre>{@code
 * GroupResolver r = GroupResolver.load(Path.of("/etc/clustershell/groups.conf"));
 * NodeSet ns = NodeSet.parse("@compute!@down", r.with(lastSource));
 * }</pre>
 */
public final class GroupResolver {
    private final Map<String, GroupSource> sources;
    private final String defaultSource;

    /** A resolver over {@code sources}; {@code defaultSource} answers {@code @group} (may be null). */
    public GroupResolver(List<? extends GroupSource> sources, String defaultSource) {
        this.sources = new LinkedHashMap<>();
        for (GroupSource s : sources) {
            this.sources.put(s.name(), s);
        }
        this.defaultSource = defaultSource;
    }

    /** A resolver without sources: every group reference fails. */
    public static GroupResolver none() {
        return new GroupResolver(List.of(), null);
    }

    /** Loads ClusterShell configuration: groups.conf, groups.conf.d/*.conf, groups.d/*.yaml. */
    public static GroupResolver load(Path groupsConf) {
        return GroupsConfig.load(groupsConf);
    }

    /** ClusterShell's default configuration lookup ($CLUSTERSHELL_CFGDIR, ~/.local, /etc). */
    public static GroupResolver loadDefault() {
        return GroupsConfig.loadDefault();
    }

    /** This resolver plus {@code source} (replacing a source of the same name). */
    public GroupResolver with(GroupSource source) {
        List<GroupSource> list = new ArrayList<>(sources.values());
        list.removeIf(s -> s.name().equals(source.name()));
        list.add(source);
        return new GroupResolver(list, defaultSource == null ? source.name() : defaultSource);
    }

    /** The same sources with another default. */
    public GroupResolver withDefault(String source) {
        source(source);
        return new GroupResolver(new ArrayList<>(sources.values()), source);
    }

    /** Default source name, or null. */
    public String defaultSource() {
        return defaultSource;
    }

    /** Source names, the default first (as {@code nodeset --groupsources} lists them). */
    public List<String> sourceNames() {
        List<String> out = new ArrayList<>(sources.keySet());
        if (defaultSource != null && out.remove(defaultSource)) {
            out.add(0, defaultSource);
        }
        return out;
    }

    /** The named source (null = default). */
    public GroupSource source(String name) {
        String n = name == null || name.isEmpty() ? defaultSource : name;
        GroupSource s = n == null ? null : sources.get(n);
        if (s == null) {
            String shown = n == null ? "<default>" : n;
            throw new NodeSetException("group source \"" + shown + "\": unknown", shown);
        }
        return s;
    }

    /** Members of {@code group} in {@code sourceOrNull}; {@code "*"} means all nodes. */
    public NodeSet resolve(String sourceOrNull, String group) {
        return resolveReference(sourceOrNull == null ? group : sourceOrNull + ":" + group, null,
                new NodeSetParser(this));
    }

    /**
     * Members of {@code group} with nested {@code @refs} resolved in the default source, as
     * ClusterShell 1.9.1 does when listing and regrouping ({@code nodeset -l}, {@code -r}).
     */
    public NodeSet resolveFlat(String sourceOrNull, String group) {
        GroupSource s = source(sourceOrNull);
        if (s instanceof TextGroupSource t) {
            String text = t.membersText(group).orElseThrow(() -> unknownGroup(s, group));
            return new NodeSetParser(this).nested(String.join(",", words(List.of(text))), null);
        }
        return s.members(group).orElseThrow(() -> unknownGroup(s, group));
    }

    /** All nodes of a source ({@code @*} / {@code @source:*}). */
    public NodeSet allNodes(String sourceOrNull) {
        return allNodes(sourceOrNull, new NodeSetParser(this));
    }

    /** Group names of a source in ClusterShell order (nodeset order of the names). */
    public List<String> groupNames(String sourceOrNull) {
        GroupSource s = source(sourceOrNull);
        List<String> raw = s instanceof TextGroupSource t ? words(t.groupsText()) : new ArrayList<>(s.groups());
        NodeSet names = NodeSet.empty();
        for (String g : raw) {
            names = names.union(NodeSet.parse(g));
        }
        return names.expand();
    }

    /** Groups of {@code sourceOrNull} that contain {@code node}, sorted. */
    public Set<String> groupsOf(String sourceOrNull, String node) {
        GroupSource s = source(sourceOrNull);
        if (s instanceof TextGroupSource t) {
            Optional<String> rev = t.reverseText(node);
            if (rev.isPresent()) {
                return new TreeSet<>(words(List.of(rev.get())));
            }
        }
        Set<String> out = new TreeSet<>();
        for (String g : groupNames(sourceOrNull)) {
            if (resolve(s.name(), g).contains(node)) {
                out.add(g);
            }
        }
        return out;
    }

    NodeSet parseIn(String text, String namespace) {
        return new NodeSetParser(this).parse(text, namespace);
    }

    /** Resolves the text after '@' ("grp", "src:grp", "*", "src:*", "@src"). */
    NodeSet resolveReference(String ref, String namespace, NodeSetParser parser) {
        String ns = namespace;
        String group = ref;
        int colon = ref.indexOf(':');
        if (colon >= 0) {
            ns = ref.substring(0, colon);
            group = ref.substring(colon + 1);
        }
        if (group.equals("*")) {
            return allNodes(ns, parser);
        }
        if (group.startsWith("@")) {
            return NodeSet.fromNames(groupNames(ref.substring(1)));
        }
        GroupSource s = source(ns);
        if (s instanceof TextGroupSource t) {
            String gname = group;
            String text = t.membersText(group).orElseThrow(() -> unknownGroup(s, gname));
            return parser.nested(String.join(",", words(List.of(text))), s.name());
        }
        String gname = group;
        return s.members(group).orElseThrow(() -> unknownGroup(s, gname));
    }

    private NodeSet allNodes(String ns, NodeSetParser parser) {
        GroupSource s = source(ns);
        if (!(s instanceof TextGroupSource t)) {
            return s.all();
        }
        Optional<String> all = t.allText();
        if (all.isPresent()) {
            return parser.nested(String.join(",", words(List.of(all.get()))), s.name());
        }
        NodeSet out = NodeSet.empty();
        for (String g : groupNames(s.name())) {
            out = out.union(resolveReference(g, s.name(), parser));
        }
        return out;
    }

    private static NodeSetException unknownGroup(GroupSource s, String group) {
        return new NodeSetException("group \"@" + s.name() + ":" + group + "\": unknown", "@" + s.name() + ":" + group);
    }

    /** Whitespace-separated words of each line, as ClusterShell reads upcall output. */
    static List<String> words(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String text : lines) {
            for (String w : PyBlanks.split(text)) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
