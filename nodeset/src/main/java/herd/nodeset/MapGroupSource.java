package herd.nodeset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups given as a map of group name to nodeset text (a YAML source of groups.d, or any fixed
 * table). A group named {@code all} answers {@code @*}, as in ClusterShell.
 *
 * <pre>{@code
 * new MapGroupSource("rack", Map.of("r1", "n[1-4]", "r2", "n[5-8]"));
 * }</pre>
 */
public final class MapGroupSource implements TextGroupSource {
    private final String name;
    private final Map<String, String> groups;
    private final Map<String, String> broken;

    public MapGroupSource(String name, Map<String, String> groups) {
        this(name, groups, Map.of());
    }

    /** {@code broken}: groups that fail when used, with why (a YAML value that is no string). */
    MapGroupSource(String name, Map<String, String> groups, Map<String, String> broken) {
        this.name = name;
        this.groups = new LinkedHashMap<>(groups);
        this.broken = Map.copyOf(broken);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> groups() {
        return new LinkedHashSet<>(groups.keySet());
    }

    @Override
    public Optional<String> membersText(String group) {
        String why = broken.get(group);
        if (why != null) {
            throw new BrokenGroupException(why, "@" + name + ":" + group);
        }
        return Optional.ofNullable(groups.get(group));
    }

    @Override
    public Optional<String> allText() {
        return groups.containsKey("all") ? membersText("all") : Optional.empty();
    }

    @Override
    public List<String> groupsText() {
        return new ArrayList<>(groups.keySet());
    }
}
