package herd.nodeset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Interim copy of the nodeset branch API (replaced on merge): a set of node names, folded by toString. */
public final class NodeSet implements Iterable<String> {
    private static final Pattern TAIL = Pattern.compile("^(.*?)(\\d+)(\\D*)$");
    private static final Comparator<String> ORDER = Comparator.comparing(NodeSet::key);
    private final TreeSet<String> names;

    private NodeSet(Collection<String> names) {
        this.names = new TreeSet<>(ORDER);
        this.names.addAll(names);
    }

    private static String key(String name) {
        Matcher m = TAIL.matcher(name);
        return m.matches() ? m.group(1) + "\u0000" + m.group(3) + "\u0000" + "%020d".formatted(Long.parseLong(m.group(2)))
                + m.group(2).length() : name;
    }

    public static NodeSet empty() {
        return new NodeSet(List.of());
    }

    public static NodeSet fromNames(Iterable<String> names) {
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        return new NodeSet(all);
    }

    public static NodeSet parse(String text) {
        return parse(text, GroupResolver.of());
    }

    public static NodeSet parse(String text, GroupResolver resolver) {
        NodeSet result = empty();
        char op = ',';
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0 && ",!&^".indexOf(c) >= 0) {
                NodeSet part = word(text.substring(start, i).trim(), resolver);
                result = switch (op) {
                    case '!' -> result.difference(part);
                    case '&' -> result.intersection(part);
                    case '^' -> result.symmetricDifference(part);
                    default -> result.union(part);
                };
                op = c;
                start = i + 1;
            }
        }
        return result;
    }

    private static NodeSet word(String w, GroupResolver resolver) {
        if (w.isEmpty()) {
            return empty();
        }
        if (w.startsWith("@")) {
            int colon = w.indexOf(':');
            return colon < 0 ? resolver.resolve(null, w.substring(1))
                    : resolver.resolve(w.substring(1, colon), w.substring(colon + 1));
        }
        int open = w.indexOf('[');
        if (open < 0) {
            return new NodeSet(List.of(w));
        }
        int close = w.indexOf(']', open);
        if (close < 0) {
            throw new NodeSetException("bad nodeset \"" + w + "\": missing ]", w);
        }
        List<String> out = new ArrayList<>();
        for (String r : w.substring(open + 1, close).split(",")) {
            String[] lh = r.split("-", 2);
            int lo = Integer.parseInt(lh[0]);
            int hi = lh.length > 1 ? Integer.parseInt(lh[1]) : lo;
            for (int i = lo; i <= hi; i++) {
                String idx = String.format("%0" + lh[0].length() + "d", i);
                out.addAll(word(w.substring(0, open) + idx + w.substring(close + 1), resolver).names);
            }
        }
        return new NodeSet(out);
    }

    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean contains(String node) {
        return names.contains(node);
    }

    public NodeSet union(NodeSet o) {
        NodeSet r = new NodeSet(names);
        r.names.addAll(o.names);
        return r;
    }

    public NodeSet difference(NodeSet o) {
        NodeSet r = new NodeSet(names);
        r.names.removeAll(o.names);
        return r;
    }

    public NodeSet intersection(NodeSet o) {
        NodeSet r = new NodeSet(names);
        r.names.retainAll(o.names);
        return r;
    }

    public NodeSet symmetricDifference(NodeSet o) {
        return union(o).difference(intersection(o));
    }

    public List<String> expand() {
        return List.copyOf(names);
    }

    @Override
    public Iterator<String> iterator() {
        return expand().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSet n && n.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        String prefix = null;
        String suffix = null;
        List<String> idx = new ArrayList<>();
        for (String n : names) {
            Matcher m = TAIL.matcher(n);
            if (m.matches() && m.group(1).equals(prefix) && m.group(3).equals(suffix)) {
                idx.add(m.group(2));
                continue;
            }
            flush(parts, prefix, suffix, idx);
            idx.clear();
            if (m.matches()) {
                prefix = m.group(1);
                suffix = m.group(3);
                idx.add(m.group(2));
            } else {
                prefix = null;
                parts.add(n);
            }
        }
        flush(parts, prefix, suffix, idx);
        return String.join(",", parts);
    }

    private static void flush(List<String> parts, String prefix, String suffix, List<String> idx) {
        if (idx.isEmpty()) {
            return;
        }
        if (idx.size() == 1) {
            parts.add(prefix + idx.get(0) + suffix);
            return;
        }
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < idx.size()) {
            int j = i;
            while (j + 1 < idx.size() && Long.parseLong(idx.get(j + 1)) == Long.parseLong(idx.get(j)) + 1) {
                j++;
            }
            ranges.add(i == j ? idx.get(i) : idx.get(i) + "-" + idx.get(j));
            i = j + 1;
        }
        parts.add(prefix + "[" + String.join(",", ranges) + "]" + suffix);
    }
}
