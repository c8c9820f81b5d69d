package herd.pxe;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads deploy profiles from the inventory's {@code profiles:} section or from a profile file
 * (the same mapping, with or without the {@code profiles:} key). Errors name file, line and field.
 * <pre>{@code
 * Map<String, DeployProfile> profiles = ProfileParser.parseFile(Path.of("cluster.yaml"));
 * }</pre>
 */
public final class ProfileParser {

    private static final Set<String> KEYS = Set.of("os", "version", "repo", "kernel", "initrd", "stage2",
            "mirror", "timezone", "keyboard", "locale", "root-password-hash", "ssh-keys", "packages", "disk",
            "partitions", "kernel-args", "post");
    private static final Set<String> PARTITION_KEYS = Set.of("mount", "size", "fs");

    private final String source;

    private ProfileParser(String source) {
        this.source = source;
    }

    /** Profiles of a YAML file: its {@code profiles:} section, or the whole file as name -> profile. */
    public static Map<String, DeployProfile> parseFile(Path file) {
        try {
            return parseText(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PxeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The {@code profiles:} section of an inventory file (empty when it has none). */
    public static Map<String, DeployProfile> parseInventoryFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString(), true);
        } catch (IOException e) {
            throw new PxeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** As {@link #parseFile} for text already read; {@code source} names it in errors. */
    public static Map<String, DeployProfile> parseText(String text, String source) {
        return parse(text, source, false);
    }

    private static Map<String, DeployProfile> parse(String text, String source, boolean sectionOnly) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PxeException(source + ":" + line + ": bad YAML: " + e.getProblem(), e);
        }
        ProfileParser parser = new ProfileParser(source);
        if (root == null) {
            return Map.of();
        }
        MappingNode top = parser.mapping(root, "file");
        Node section = parser.child(top, "profiles");
        if (section == null) {
            return sectionOnly ? Map.of() : parser.profiles(top);
        }
        return parser.profiles(parser.mapping(section, "profiles"));
    }

    private Map<String, DeployProfile> profiles(MappingNode section) {
        Map<String, DeployProfile> out = new LinkedHashMap<>();
        for (NodeTuple t : section.getValue()) {
            String name = scalar(t.getKeyNode(), "profile name");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw error(t.getKeyNode(), "profile '" + name + "': name must be letters, digits, '_', '.', '-'");
            }
            out.put(name, profile(name, mapping(t.getValueNode(), "profile " + name)));
        }
        return out;
    }

    private DeployProfile profile(String name, MappingNode node) {
        Map<String, Node> f = fields(node, KEYS, "profile " + name);
        String where = "profile " + name;
        Node osNode = f.get("os");
        if (osNode == null) {
            throw error(node, where + ": missing field 'os' (el, ubuntu, debian, opensuse)");
        }
        OsFamily os = OsFamily.parse(scalar(osNode, "os"));
        if (os == null) {
            throw error(osNode, where + ": unknown os '" + scalar(osNode, "os") + "' (el, ubuntu, debian, opensuse)");
        }
        String version = text(f, "version", os.versions().get(os.versions().size() - 1));
        if (!os.supports(version)) {
            throw error(f.getOrDefault("version", node), where + ": " + os.name().toLowerCase()
                    + " version '" + version + "' not supported (" + String.join(", ", os.versions()) + ")");
        }
        return new DeployProfile(name, os, version, text(f, "repo", os.defaultRepo(version)),
                text(f, "kernel", os.defaultKernel()), text(f, "initrd", os.defaultInitrd()),
                text(f, "stage2", os.defaultStage2(version)), text(f, "mirror", "http://deb.debian.org/debian"),
                text(f, "timezone", "UTC"), text(f, "keyboard", "us"), text(f, "locale", "en_US.UTF-8"),
                text(f, "root-password-hash", ""), sshKeys(f.get("ssh-keys"), where), list(f.get("packages"), "packages"),
                text(f, "disk", ""), partitions(f.get("partitions"), where), args(f.get("kernel-args")),
                list(f.get("post"), "post"));
    }

    private List<DeployProfile.Partition> partitions(Node node, String where) {
        List<DeployProfile.Partition> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, where + ": partitions: expected a list of {mount, size, fs}");
        }
        for (Node item : seq.getValue()) {
            Map<String, Node> f = fields(mapping(item, "partition"), PARTITION_KEYS, where + ": partition");
            if (!f.containsKey("mount") || !f.containsKey("size")) {
                throw error(item, where + ": partition needs 'mount' and 'size'");
            }
            String size = scalar(f.get("size"), "size");
            if (!size.matches("max|\\d+(?i)(m|g|t|mib|gib|tib)?")) {
                throw error(f.get("size"), where + ": partition size '" + size + "' (use e.g. 512M, 4G or max)");
            }
            String mount = scalar(f.get("mount"), "mount");
            out.add(new DeployProfile.Partition(mount, size, text(f, "fs", mount.equals("swap") ? "swap" : "ext4")));
        }
        return out;
    }

    private List<String> sshKeys(Node node, String where) {
        List<String> out = new ArrayList<>();
        for (String key : list(node, "ssh-keys")) {
            if (key.startsWith("file:")) {
                Path p = Path.of(key.substring(5).replaceFirst("^~", System.getProperty("user.home")));
                try {
                    Files.readAllLines(p).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
                } catch (IOException e) {
                    throw error(node, where + ": ssh-keys: cannot read " + p + ": " + e.getMessage());
                }
            } else if (!key.matches("(ssh-|ecdsa-|sk-)\\S+ \\S+.*")) {
                throw error(node, where + ": ssh-keys: '" + abbreviate(key) + "' is not an OpenSSH public key");
            } else {
                out.add(key);
            }
        }
        return out;
    }

    /** Kernel arguments as a list or one space-separated string. */
    private List<String> args(Node node) {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue().strip().split("\\s+"));
        }
        return list(node, "kernel-args");
    }

    private List<String> list(Node node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof ScalarNode s) {
            s.getValue().lines().forEach(out::add);
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, field + ": expected a list");
        }
        for (Node item : seq.getValue()) {
            out.add(scalar(item, field));
        }
        return out;
    }

    private Map<String, Node> fields(MappingNode node, Set<String> allowed, String where) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = scalar(t.getKeyNode(), "key");
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), where + ": unknown field '" + key + "'");
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private Node child(MappingNode node, String key) {
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private String text(Map<String, Node> f, String key, String fallback) {
        Node n = f.get(key);
        return n == null ? fallback : scalar(n, key);
    }

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + ": expected a mapping");
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, what + ": expected a single value");
    }

    private PxeException error(Node node, String message) {
        return new PxeException(source + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
