package herd.inventory;

import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code cluster.yaml}; every problem is an {@link InventoryException} naming file, line and field.
 *
 * <pre>{@code
 * Inventory inv = InventoryLoader.load(Path.of("cluster.yaml"));
 * Inventory found = InventoryLoader.find(null, Path.of("."), env).inventory();  // lookup order
 * }</pre>
 */
public final class InventoryLoader {

    /** The bundled example (the tutorial's cluster), a classpath resource. */
    public static final String EXAMPLE = "/herd/inventory/example-cluster.yaml";

    private InventoryLoader() {
    }

    /** An inventory and whether it is the bundled example (callers print a notice then). */
    public record Found(Inventory inventory, boolean example) {
    }

    /**
     * Lookup order: {@code explicit} (when not null), {@code DIR/cluster.yaml},
     * {@code $XDG_CONFIG_HOME/herd/cluster.yaml} (default {@code ~/.config}), {@code /etc/herd/cluster.yaml},
     * else the bundled example.
     */
    public static Found find(Path explicit, Path dir, Map<String, String> env) {
        if (explicit != null) {
            return new Found(load(explicit), false);
        }
        for (Path candidate : candidates(dir, env)) {
            if (Files.isRegularFile(candidate)) {
                return new Found(load(candidate), false);
            }
        }
        return new Found(example(), true);
    }

    /** The files {@link #find} looks at, in order. */
    public static List<Path> candidates(Path dir, Map<String, String> env) {
        String home = Optional.ofNullable(env.get("HOME")).orElse(System.getProperty("user.home"));
        String config = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isBlank())
                .orElse(home + "/.config");
        return List.of(dir.resolve("cluster.yaml"), Path.of(config, "herd", "cluster.yaml"),
                Path.of("/etc/herd/cluster.yaml"));
    }

    public static Inventory load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InventoryException.at(file.toString(), 0, "", "no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader);
        } catch (IOException e) {
            throw InventoryException.at(file.toString(), 0, "", "cannot read: " + e.getMessage());
        }
    }

    public static Inventory example() {
        try (InputStream in = InventoryLoader.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new InventoryException("bundled example inventory missing from the class path: " + EXAMPLE);
            }
            return read("bundled example", new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InventoryException("bundled example inventory unreadable: " + e.getMessage());
        }
    }

    /** Reads YAML text; {@code file} is the name used in messages. */
    public static Inventory read(String file, Reader reader) {
        org.yaml.snakeyaml.nodes.Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw InventoryException.at(file, line, "", "bad YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw InventoryException.at(file, 0, "", "bad YAML: " + e.getMessage());
        }
        if (root == null) {
            throw InventoryException.at(file, 1, "cluster.name", "required field is missing (the file is empty)");
        }
        return new Reading(file, new YamlMap(file, "", root)).inventory();
    }

    /** One read of one file. */
    private static final class Reading {
        private final String file;
        private final YamlMap top;

        Reading(String file, YamlMap top) {
            this.file = file;
            this.top = top;
        }

        Inventory inventory() {
            YamlMap cluster = top.map("cluster");
            if (cluster == null) {
                throw InventoryException.at(file, top.line(), "cluster", "required section is missing");
            }
            String name = cluster.required("name");
            String domain = cluster.string("domain");
            cluster.finish();
            List<Network> networks = networks();
            Services services = SectionReader.services(top.map("services"));
            YamlMap defaultsMap = top.map("defaults");
            Settings defaults = defaultsMap == null ? Settings.NONE : SectionReader.settings(defaultsMap, false);
            Map<String, String> groups = groups();
            Map<String, Settings> groupDefaults = groupDefaults(groups);
            Map<String, Node> nodes = SectionReader.nodes(top.map("nodes"));
            YamlMap profilesMap = top.map("profiles");
            Map<String, Object> profiles = new LinkedHashMap<>();
            if (profilesMap != null) {
                for (String p : profilesMap.keys()) {
                    profiles.put(p, YamlMap.plain(profilesMap.value(p)));
                }
            }
            Audit audit = Audit.read(top.map("audit"));
            Map<String, String> variables = variables();
            top.finish();
            Inventory inv = new Inventory(file, name, domain, networks, services, defaults, groups, groupDefaults,
                    nodes, profiles, audit, variables);
            checkGroups(inv);
            return inv;
        }

        private List<Network> networks() {
            List<Network> out = new ArrayList<>();
            org.yaml.snakeyaml.nodes.Node value = top.value("networks");
            if (value == null) {
                return out;
            }
            if (!(value instanceof org.yaml.snakeyaml.nodes.SequenceNode seq)) {
                throw top.error("networks", "expected a list of networks (- name: ...)");
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                YamlMap n = new YamlMap(file, "networks[" + i + "]", seq.getValue().get(i));
                String subnet = n.required("subnet");
                Checks.cidr(n, "subnet", subnet);
                out.add(new Network(n.string("name"), subnet, Checks.ip(n, "gateway"), Checks.ip(n, "next-server")));
                n.finish();
            }
            return out;
        }

        /** The {@code variables:} section: NAME -> value, the session's variables at start ($NAME in lines). */
        private Map<String, String> variables() {
            Map<String, String> out = new LinkedHashMap<>();
            YamlMap v = top.map("variables");
            if (v != null) {
                for (String name : v.keys()) {
                    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw v.error(name, "bad variable name \"" + name + "\": letters, digits and _ only");
                    }
                    out.put(name, Optional.ofNullable(v.string(name)).orElse(""));
                }
            }
            return out;
        }

        private Map<String, String> groups() {
            Map<String, String> out = new LinkedHashMap<>();
            YamlMap g = top.map("groups");
            if (g != null) {
                for (String group : g.keys()) {
                    Checks.name(g, group, "group name");
                    out.put(group, Optional.ofNullable(g.string(group)).orElse(""));
                }
            }
            return out;
        }

        private Map<String, Settings> groupDefaults(Map<String, String> groups) {
            Map<String, Settings> out = new LinkedHashMap<>();
            YamlMap g = top.map("group-defaults");
            if (g != null) {
                for (String group : g.keys()) {
                    YamlMap layer = g.map(group);
                    out.put(group, layer == null ? Settings.NONE : SectionReader.settings(layer, false));
                }
            }
            return out;
        }

        /** Resolves every group once so that a bad expression is reported where it is written. */
        private void checkGroups(Inventory inv) {
            YamlMap g = top.map("groups");
            Map<String, Integer> lines = new HashMap<>();
            if (g != null) {
                g.keys().forEach(k -> lines.put(k, g.lineOf(k)));
            }
            for (String group : inv.groups().keySet()) {
                try {
                    NodeSet.parse("@" + group, inv.groupResolver());
                } catch (NodeSetException e) {
                    throw InventoryException.at(file, lines.getOrDefault(group, 0), "groups." + group, e.getMessage());
                }
            }
        }
    }
}
