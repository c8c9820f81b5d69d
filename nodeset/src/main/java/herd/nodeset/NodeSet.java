package herd.nodeset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An immutable set of node names, held per name pattern as index ranges, compatible with
 * ClusterShell 1.9.1: {@code toString()} is what {@code nodeset -f} prints and iteration is
 * what {@code nodeset -e} prints.
 *
 * <pre>{@code
 * NodeSet ns = NodeSet.parse("valkyrie[01-10]!valkyrie05");
 * ns.size();                              // 9
 * ns.toString();                          // valkyrie[01-04,06-10]
 * NodeSet.parse("@compute&@gpu", resolver).expand();
 * }</pre>
 */
public final class NodeSet implements Iterable<String> {
    private static final NodeSet EMPTY = new NodeSet(new TreeMap<>());

    private final TreeMap<Pattern, RangeSetNd> patterns;

    NodeSet(TreeMap<Pattern, RangeSetNd> patterns) {
        this.patterns = patterns;
    }

    /** The empty node set. */
    public static NodeSet empty() {
        return EMPTY;
    }

    /**
     * Parses an expression without groups: {@code "n[1-4],x1!n2"}.
     *
     * @throws NodeSetParseException on malformed input; a group reference is an error here
     */
    public static NodeSet parse(String expr) {
        return new NodeSetParser(null).parse(expr);
    }

    /** Parses an expression, resolving {@code @group}, {@code @source:group}, {@code @*}. */
    public static NodeSet parse(String expr, GroupResolver resolver) {
        return new NodeSetParser(resolver).parse(expr);
    }

    /** Builds a set from plain node names (no brackets, no operators); fast for 100k names. */
    public static NodeSet fromNames(Iterable<String> names) {
        Builder b = new Builder();
        for (String name : names) {
            b.add(name);
        }
        return b.build();
    }

    Map<Pattern, RangeSetNd> patterns() {
        return patterns;
    }

    /** Number of nodes as a long (sets may exceed 2^31 nodes). */
    public long count() {
        long n = 0;
        for (RangeSetNd r : patterns.values()) {
            n += r.count();
        }
        return n;
    }

    /** Number of nodes, saturated to {@code Integer.MAX_VALUE}. */
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count());
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** True when {@code node} (a single plain name) is in the set. */
    public boolean contains(String node) {
        NameScanner.Name name = NameScanner.scanOrNull(PyBlanks.strip(node));
        if (name == null) {
            return false;
        }
        RangeSetNd r = patterns.get(Pattern.ofKey(name.key()));
        return r != null && r.contains(name.indexes());
    }

    public NodeSet union(NodeSet o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        TreeMap<Pattern, RangeSetNd> out = new TreeMap<>(patterns);
        for (Map.Entry<Pattern, RangeSetNd> e : o.patterns.entrySet()) {
            RangeSetNd mine = out.get(e.getKey());
            out.put(e.getKey(), mine == null ? e.getValue() : mine.union(e.getValue()));
        }
        return new NodeSet(out);
    }

    public NodeSet intersection(NodeSet o) {
        TreeMap<Pattern, RangeSetNd> out = new TreeMap<>();
        for (Map.Entry<Pattern, RangeSetNd> e : patterns.entrySet()) {
            RangeSetNd other = o.patterns.get(e.getKey());
            if (other != null) {
                putIfNotEmpty(out, e.getKey(), e.getValue().intersection(other));
            }
        }
        return new NodeSet(out);
    }

    public NodeSet difference(NodeSet o) {
        TreeMap<Pattern, RangeSetNd> out = new TreeMap<>();
        for (Map.Entry<Pattern, RangeSetNd> e : patterns.entrySet()) {
            RangeSetNd other = o.patterns.get(e.getKey());
            putIfNotEmpty(out, e.getKey(), other == null ? e.getValue() : e.getValue().difference(other));
        }
        return new NodeSet(out);
    }

    public NodeSet symmetricDifference(NodeSet o) {
        TreeMap<Pattern, RangeSetNd> out = new TreeMap<>(o.patterns);
        for (Map.Entry<Pattern, RangeSetNd> e : patterns.entrySet()) {
            RangeSetNd other = o.patterns.get(e.getKey());
            if (other == null) {
                out.put(e.getKey(), e.getValue());
            } else {
                out.remove(e.getKey());
                putIfNotEmpty(out, e.getKey(), e.getValue().symmetricDifference(other));
            }
        }
        return new NodeSet(out);
    }

    private static void putIfNotEmpty(TreeMap<Pattern, RangeSetNd> out, Pattern p, RangeSetNd r) {
        if (!r.isEmpty()) {
            out.put(p, r);
        }
    }

    /** All node names in ClusterShell order (as {@code nodeset -e} prints them). */
    public List<String> expand() {
        List<String> out = new ArrayList<>((int) Math.min(count(), 1 << 24));
        for (String s : this) {
            out.add(s);
        }
        return out;
    }

    @Override
    public Iterator<String> iterator() {
        return new NodeIterator(patterns);
    }

    /** ClusterShell fold, e.g. {@code n[1-3,5],x}. */
    @Override
    public String toString() {
        return NodeSetFormatter.fold(this, RangeSet.AUTOSTEP_OFF, null);
    }

    /**
     * ClusterShell fold with an autostep threshold and optional fold axes (0-based, negative
     * counts from the last axis; {@code null} folds every axis).
     */
    public String fold(int autostep, int[] foldAxis) {
        return NodeSetFormatter.fold(this, autostep, foldAxis);
    }

    /** The node at position {@code pos} in iteration order. */
    public String get(long pos) {
        Iterator<String> it = slice(pos, pos + 1).iterator();
        if (!it.hasNext()) {
            throw new NoSuchElementException("no node at position " + pos);
        }
        return it.next();
    }

    /** Nodes at positions [from, to) of iteration order. */
    public NodeSet slice(long from, long to) {
        return NodeSetSlicer.slice(this, from, to);
    }

    /** Nodes whose positions (in iteration order) are in {@code positions}. */
    public NodeSet select(RangeSet positions) {
        return NodeSetSlicer.select(this, positions);
    }

    /** At most {@code n} subsets of nearly equal size, in order ({@code nodeset --split}). */
    public List<NodeSet> split(int n) {
        return RangeSet.split(count(), n, this::slice);
    }

    /** Contiguous subsets ({@code nodeset --contiguous}). */
    public List<NodeSet> contiguous(int autostep) {
        return NodeSetSlicer.contiguous(this, autostep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSet n && n.patterns.equals(patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    /** Accumulates plain node names or whole sets; {@link #build()} makes the value. */
    public static final class Builder {
        private final Map<String, NameCollector> byKey = new java.util.HashMap<>();
        private NodeSet sets = EMPTY;
        private NameCollector last;
        private String lastPrefix;
        private String lastSuffix;

        /** Adds one plain node name such as {@code valkyrie07} or {@code r1c2n3}. */
        public Builder add(String name) {
            return add(name, 0, name.length());
        }

        /** Adds the plain node name {@code text[from, to)} without copying it when possible. */
        public Builder add(String text, int from, int to) {
            if (!addOneD(text, from, to)) {
                String name = text.substring(from, to);
                NameScanner.Name n = NameScanner.scan(PyBlanks.strip(name));
                byKey.computeIfAbsent(n.key(), k -> new NameCollector(n.indexes().length)).add(n.indexes());
            }
            return this;
        }

        /** Fast path for names with exactly one number; reuses the previous name's pattern. */
        private boolean addOneD(String name, int from, int n) {
            int s = from;
            while (s < n && !NameScanner.isDigit(name.charAt(s))) {
                s++;
            }
            int e = s;
            while (e < n && NameScanner.isDigit(name.charAt(e))) {
                e++;
            }
            if (s == n || n == from || name.charAt(from) <= ' ' || name.charAt(n - 1) <= ' ') {
                return false;
            }
            for (int i = e; i < n; i++) {
                if (NameScanner.isDigit(name.charAt(i))) {
                    return false;
                }
            }
            if (last == null || s - from != lastPrefix.length() || n - e != lastSuffix.length()
                    || !name.startsWith(lastPrefix, from) || !name.startsWith(lastSuffix, e)) {
                lastPrefix = name.substring(from, s);
                lastSuffix = name.substring(e, n);
                String key = Pattern.keyOf(java.util.List.of(lastPrefix, lastSuffix));
                last = byKey.get(key);
                if (last == null) {
                    last = new NameCollector(1);
                    byKey.put(key, last);
                }
            }
            last.addDigits(name, s, e);
            return true;
        }

        /** Adds every node of {@code set}. */
        public Builder addAll(NodeSet set) {
            sets = sets.union(set);
            return this;
        }

        public NodeSet build() {
            TreeMap<Pattern, RangeSetNd> out = new TreeMap<>();
            for (Map.Entry<String, NameCollector> e : byKey.entrySet()) {
                out.put(Pattern.ofKey(e.getKey()), e.getValue().build());
            }
            return new NodeSet(out).union(sets);
        }
    }
}
