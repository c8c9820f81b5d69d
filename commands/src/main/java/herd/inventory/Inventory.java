package herd.inventory;

import herd.nodeset.GroupResolver;
import herd.nodeset.NodeSet;
import herd.error.HerdException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as {@code cluster.yaml} describes it (contract: docs/inventory.md). Immutable.
 *
 * <pre>{@code
 * Inventory inv = InventoryLoader.load(Path.of("cluster.yaml"));
 * NodeSet compute = NodeSet.parse("@compute", inv.groupResolver());
 * Ssh ssh = inv.ssh("valkyrie01");        // defaults < group-defaults < node
 * }</pre>
 */
public final class Inventory {

    private final String source;
    private final String name;
    private final String domain;
    private final List<Network> networks;
    private final Services services;
    private final Settings defaults;
    private final Map<String, String> groups;
    private final Map<String, Settings> groupDefaults;
    private final Map<String, Node> nodes;
    private final Map<String, Object> profiles;
    private final Audit audit;
    private final Map<String, String> variables;
    private final InventoryGroups groupSource;

    Inventory(String source, String name, String domain, List<Network> networks, Services services,
              Settings defaults, Map<String, String> groups, Map<String, Settings> groupDefaults,
              Map<String, Node> nodes, Map<String, Object> profiles, Audit audit, Map<String, String> variables) {
        this.source = source;
        this.name = name;
        this.domain = domain;
        this.networks = List.copyOf(networks);
        this.services = services;
        this.defaults = defaults;
        this.groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.groupDefaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupDefaults));
        this.nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.audit = audit;
        this.variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Map<String, List<String>> listedBy = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            for (String g : n.groups()) {
                listedBy.computeIfAbsent(g, k -> new ArrayList<>()).add(n.name());
            }
        }
        this.groupSource = new InventoryGroups(groups, listedBy, nodes.keySet());
    }

    /** The {@code audit:} section: where changing commands are recorded. */
    public Audit audit() {
        return audit;
    }

    /** The {@code variables:} section: each session on this inventory starts with them set. */
    public Map<String, String> variables() {
        return variables;
    }

    /** Where it was read from: a file path, or {@code "bundled example"}. */
    public String source() {
        return source;
    }

    public String name() {
        return name;
    }

    /** DNS domain of the nodes, or null. */
    public String domain() {
        return domain;
    }

    public List<Network> networks() {
        return networks;
    }

    public Services services() {
        return services;
    }

    /** Group name to its nodeset expression, as written. */
    public Map<String, String> groups() {
        return groups;
    }

    /** Nodes by name, in file order. */
    public Map<String, Node> nodes() {
        return nodes;
    }

    /** Deploy profiles by name, as plain maps (their schema belongs to the deploy family). */
    public Map<String, Object> profiles() {
        return profiles;
    }

    /** Every node of the inventory. */
    public NodeSet all() {
        return NodeSet.fromNames(nodes.keySet());
    }

    public Optional<Node> node(String nodeName) {
        return Optional.ofNullable(nodes.get(nodeName));
    }

    /** The node, or a {@link HerdException} "NAME: not in the inventory (FILE)". */
    public Node require(String nodeName) {
        return node(nodeName).orElseThrow(() -> new HerdException(nodeName + ": not in the inventory (" + source + ")"));
    }

    /** A resolver whose default source is the inventory's groups (source name {@code inventory}). */
    public GroupResolver groupResolver() {
        return new GroupResolver(List.of(groupSource), InventoryGroups.NAME);
    }

    /** Names of the groups that contain {@code nodeName}, sorted. */
    public List<String> groupsOf(String nodeName) {
        List<String> out = new ArrayList<>();
        for (String g : groupSource.groups()) {
            if (groupSource.members(g).map(ns -> ns.contains(nodeName)).orElse(false)) {
                out.add(g);
            }
        }
        return out;
    }

    /** SSH settings of a node, merged: built-in < defaults < group-defaults < node. */
    public Ssh ssh(String nodeName) {
        Ssh merged = defaults.ssh().over(Ssh.BUILT_IN);
        for (Settings layer : groupLayers(nodeName)) {
            merged = layer.ssh().over(merged);
        }
        return node(nodeName).map(n -> n.settings().ssh()).orElse(Ssh.NONE).over(merged);
    }

    /** BMC settings of a node, merged like {@link #ssh(String)}. */
    public Bmc bmc(String nodeName) {
        Bmc merged = defaults.bmc().over(Bmc.BUILT_IN);
        for (Settings layer : groupLayers(nodeName)) {
            merged = layer.bmc().over(merged);
        }
        return node(nodeName).map(n -> n.settings().bmc()).orElse(Bmc.NONE).over(merged);
    }

    /** Deploy profile of a node (node, then group-defaults, then defaults), or null. */
    public String profile(String nodeName) {
        String profile = defaults.profile();
        for (Settings layer : groupLayers(nodeName)) {
            profile = Ssh.pick(layer.profile(), profile);
        }
        return node(nodeName).map(n -> n.settings().profile()).map(p -> (String) p).orElse(profile);
    }

    /** group-defaults entries that apply, in file order (a later entry wins). */
    private List<Settings> groupLayers(String nodeName) {
        List<Settings> out = new ArrayList<>();
        groupDefaults.forEach((group, settings) -> {
            if (groupSource.members(group).map(ns -> ns.contains(nodeName)).orElse(false)) {
                out.add(settings);
            }
        });
        return out;
    }
}
