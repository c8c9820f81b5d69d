package herd.nodeset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML shape of ClusterShell's groups.d files: source names at column 0, group
 * names indented below, each with a nodeset string or a list of them ({@code [a, b]} or
 * {@code - a} lines). Anything else is reported as {@code file:line: problem}.
 */
final class GroupsYaml {
    private GroupsYaml() {
    }

    /** Source name to (group name to nodeset text), in file order. */
    static Map<String, Map<String, String>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new NodeSetException(file + ": cannot read: " + e.getMessage(), file.toString());
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        String listGroup = null;
        List<String> listItems = null;
        for (int n = 0; n < lines.size(); n++) {
            String raw = stripComment(lines.get(n));
            if (raw.isBlank() || raw.strip().equals("---")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            String text = raw.strip();
            String where = file + ":" + (n + 1);
            if (text.startsWith("- ") || text.equals("-")) {
                if (listItems == null) {
                    throw new NodeSetException(where + ": list item outside a group", text);
                }
                listItems.add(scalar(text.substring(1).strip()));
                current.put(listGroup, String.join(",", listItems));
                continue;
            }
            int colon = keyColon(text);
            if (colon < 0) {
                throw new NodeSetException(where + ": expected \"name: value\"", text);
            }
            String key = scalar(text.substring(0, colon).strip());
            String value = text.substring(colon + 1).strip();
            listItems = null;
            if (indent == 0) {
                if (!value.isEmpty()) {
                    throw new NodeSetException(where + ": group source \"" + key + "\" is not a map", text);
                }
                current = new LinkedHashMap<>();
                out.put(key, current);
                continue;
            }
            if (current == null) {
                throw new NodeSetException(where + ": group outside a group source", text);
            }
            if (value.isEmpty()) {
                listGroup = key;
                listItems = new ArrayList<>();
                current.put(key, "");
            } else {
                current.put(key, value(value, where));
            }
        }
        return out;
    }

    private static String value(String v, String where) {
        if (v.startsWith("[")) {
            if (!v.endsWith("]")) {
                throw new NodeSetException(where + ": unterminated list", v);
            }
            List<String> items = new ArrayList<>();
            for (String item : v.substring(1, v.length() - 1).split(",")) {
                if (!item.isBlank()) {
                    items.add(scalar(item.strip()));
                }
            }
            return String.join(",", items);
        }
        return scalar(v);
    }

    private static String scalar(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The ':' ending a key: the first one followed by a space or the end, outside quotes. */
    private static int keyColon(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
