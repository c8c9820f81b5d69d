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
 * {@code - a} lines). Anything else is reported as {@code file:line: problem}. A group whose value
 * YAML reads as no string (a number, a boolean, nothing) fails when it is used, as ClusterShell
 * fails on it, and only then: the file's other groups still resolve.
 */
final class GroupsYaml {
    private GroupsYaml() {
    }

    /** The file's sources by name, in file order. */
    static Map<String, MapGroupSource> sources(Path file) {
        Map<String, Map<String, String>> broken = new LinkedHashMap<>();
        Map<String, MapGroupSource> out = new LinkedHashMap<>();
        read(file, broken).forEach((name, groups) ->
                out.put(name, new MapGroupSource(name, groups, broken.getOrDefault(name, Map.of()))));
        return out;
    }

    /** Source name to (group name to nodeset text), in file order; groups of no string go to {@code broken}. */
    static Map<String, Map<String, String>> read(Path file, Map<String, Map<String, String>> broken) {
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
        String source = null;
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
                String item = text.substring(1).strip();
                listItems.add(scalar(item));
                current.put(listGroup, String.join(",", listItems));
                Map<String, String> bad = broken.computeIfAbsent(source, k -> new LinkedHashMap<>());
                if (listItems.size() == 1) {
                    bad.remove(listGroup);   // the group has a value after all
                }
                String why = notAString(item);
                if (why != null) {
                    bad.putIfAbsent(listGroup, where + ": group \"" + listGroup + "\": list item " + item + " is " + why + ", not a string");
                }
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
                source = key;
                continue;
            }
            if (current == null) {
                throw new NodeSetException(where + ": group outside a group source", text);
            }
            if (value.isEmpty()) {
                listGroup = key;
                listItems = new ArrayList<>();
                current.put(key, "");
                broken.computeIfAbsent(source, k -> new LinkedHashMap<>())
                        .put(key, where + ": group \"" + key + "\" has no value");
            } else {
                current.put(key, value(value, where));
                String why = value.startsWith("[") ? listProblem(value) : notAString(value);
                if (why != null) {
                    broken.computeIfAbsent(source, k -> new LinkedHashMap<>())
                            .put(key, where + ": group \"" + key + "\": " + value + " is " + why + ", not a string");
                }
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

    private static String listProblem(String list) {
        for (String item : list.substring(1, Math.max(1, list.length() - 1)).split(",")) {
            String why = item.isBlank() ? null : notAString(item.strip());
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern NULL = java.util.regex.Pattern.compile("~|null|Null|NULL");
    private static final java.util.regex.Pattern BOOL = java.util.regex.Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[-+]?(0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)"
            + "|[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    /** What PyYAML reads an unquoted scalar as when not a string ("a number"), else null. */
    static String notAString(String s) {
        if (s.startsWith("'") || s.startsWith("\"")) {
            return null;
        }
        return NULL.matcher(s).matches() ? "null" : BOOL.matcher(s).matches() ? "a boolean"
                : NUMBER.matcher(s).matches() ? "a number" : DATE.matcher(s).matches() ? "a date" : null;
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
