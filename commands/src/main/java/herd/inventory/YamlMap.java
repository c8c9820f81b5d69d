package herd.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read field by field, so that every problem names file, line and dotted field
 * path; keys nobody asked for are reported by {@link #finish()}.
 */
final class YamlMap {

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final java.util.Set<String> read = new java.util.HashSet<>();

    YamlMap(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path, "expected a mapping (key: value lines)");
        }
        for (NodeTuple t : mapping.getValue()) {
            String key = scalar(t.getKeyNode(), path);
            if (entries.put(key, t) != null) {
                throw error(t.getKeyNode(), field(key), "duplicate key");
            }
        }
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    java.util.Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node value(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line() : t.getKeyNode().getStartMark().getLine() + 1;
    }

    String string(String key) {
        Node v = value(key);
        return v == null || isNull(v) ? null : scalar(v, field(key));
    }

    String required(String key) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            throw error(node, field(key), "required field is missing");
        }
        return s;
    }

    Integer integer(String key, int min, int max) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(s);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below with the bad text
        }
        throw error(value(key), field(key), "expected a number from " + min + " to " + max + ", got \"" + s + "\"");
    }

    boolean bool(String key) {
        String s = string(key);
        if (s == null || s.equals("false")) {
            return false;
        }
        if (s.equals("true")) {
            return true;
        }
        throw error(value(key), field(key), "expected true or false, got \"" + s + "\"");
    }

    YamlMap map(String key) {
        Node v = value(key);
        return v == null || isNull(v) ? null : new YamlMap(file, field(key), v);
    }

    List<String> strings(String key) {
        Node v = value(key);
        List<String> out = new ArrayList<>();
        if (v == null || isNull(v)) {
            return out;
        }
        if (!(v instanceof SequenceNode seq)) {
            throw error(v, field(key), "expected a list, e.g. [a, b]");
        }
        for (Node item : seq.getValue()) {
            out.add(scalar(item, field(key)));
        }
        return out;
    }

    /** Fails on the first key not read. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                throw error(e.getValue().getKeyNode(), field(e.getKey()), "unknown field");
            }
        }
    }

    InventoryException error(String key, String problem) {
        NodeTuple t = entries.get(key);
        return error(t == null ? node : t.getValueNode(), field(key), problem);
    }

    InventoryException error(Node at, String field, String problem) {
        return InventoryException.at(file, at.getStartMark().getLine() + 1, field, problem);
    }

    /** Plain Java value of any node: String, List or Map (for free-form parts such as profiles). */
    static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode seq) {
            return seq.getValue().stream().map(YamlMap::plain).toList();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            m.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
        }
        return m;
    }

    private String scalar(Node n, String field) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, field, "expected a single value");
        }
        return s.getValue();
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }
}
