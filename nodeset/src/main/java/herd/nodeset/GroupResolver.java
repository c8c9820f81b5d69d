package herd.nodeset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Interim copy of the nodeset branch API (replaced on merge): group sources and a default one. */
public final class GroupResolver {
    private final List<GroupSource> sources;

    private GroupResolver(List<GroupSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The first source is the default one. */
    public static GroupResolver of(GroupSource... sources) {
        return new GroupResolver(List.of(sources));
    }

    public GroupResolver with(GroupSource source) {
        List<GroupSource> all = new ArrayList<>(sources);
        all.removeIf(s -> s.name().equals(source.name()));
        all.add(source);
        return new GroupResolver(all);
    }

    public List<GroupSource> sources() {
        return sources;
    }

    public Optional<GroupSource> defaultSource() {
        return sources.stream().findFirst();
    }

    public Optional<GroupSource> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public NodeSet resolve(String source, String group) {
        GroupSource s = (source == null ? defaultSource() : source(source))
                .orElseThrow(() -> new NodeSetException("unknown group source \"" + source + "\"", source));
        String text = source == null ? "@" + group : "@" + source + ":" + group;
        return s.members(group).orElseThrow(() -> new NodeSetException("unknown group \"" + text + "\"", text));
    }
}
