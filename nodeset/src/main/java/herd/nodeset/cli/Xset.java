package herd.nodeset.cli;

import herd.nodeset.NodeSet;
import herd.nodeset.RangeSet;
import herd.nodeset.RangeSetBuilder;
import herd.nodeset.SetOp;
import java.util.ArrayList;
import java.util.List;

/** The operand type of one nodeset run: node sets, or plain range sets with {@code -R}. */
sealed interface Xset permits Xset.Nodes, Xset.Ranges {

    long count();

    boolean isEmpty();

    Xset op(char op, Xset other);

    String fold(int autostep, int[] axis);

    Iterable<String> items();

    List<Xset> split(int n);

    List<Xset> contiguous(int autostep);

    Xset select(RangeSet positions);

    Xset empty();

    /** Parses one operand: a nodeset expression, or a range list with {@code -R}. */
    Xset parse(String text);

    /** Parses the white-space separated words of {@code text} ('#' starts a comment). */
    Xset parseWords(String text);

    /** A node set operand, groups resolved by {@code resolver}. */
    record Nodes(NodeSet set, LazyResolver resolver) implements Xset {
        @Override
        public long count() {
            return set.count();
        }

        @Override
        public boolean isEmpty() {
            return set.isEmpty();
        }

        @Override
        public Xset op(char op, Xset other) {
            return new Nodes(SetOp.of(op).apply(set, ((Nodes) other).set), resolver);
        }

        @Override
        public String fold(int autostep, int[] axis) {
            return set.fold(autostep, axis);
        }

        @Override
        public Iterable<String> items() {
            return set;
        }

        @Override
        public List<Xset> split(int n) {
            return wrap(set.split(n));
        }

        @Override
        public List<Xset> contiguous(int autostep) {
            return wrap(set.contiguous(autostep));
        }

        private List<Xset> wrap(List<NodeSet> sets) {
            List<Xset> out = new ArrayList<>();
            for (NodeSet s : sets) {
                out.add(new Nodes(s, resolver));
            }
            return out;
        }

        @Override
        public Xset select(RangeSet positions) {
            return new Nodes(set.select(positions), resolver);
        }

        @Override
        public Xset empty() {
            return new Nodes(NodeSet.empty(), resolver);
        }

        @Override
        public Xset parse(String text) {
            return new Nodes(parseNodes(text, resolver), resolver);
        }

        @Override
        public Xset parseWords(String text) {
            NodeSet.Builder plain = new NodeSet.Builder();
            NodeSet exprs = NodeSet.empty();
            int i = 0;
            while ((i = Words.start(text, i)) < text.length()) {
                int end = Words.end(text, i);
                if (isPlain(text, i, end)) {
                    plain.add(text, i, end);
                } else {
                    exprs = exprs.union(parseNodes(text.substring(i, end), resolver));
                }
                i = end;
            }
            return new Nodes(plain.build().union(exprs), resolver);
        }

        /** Group configuration is only loaded for expressions that reference groups. */
        static NodeSet parseNodes(String text, LazyResolver resolver) {
            boolean needsGroups = text.indexOf('@') >= 0 || text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
            return needsGroups ? NodeSet.parse(text, resolver.get()) : NodeSet.parse(text);
        }

        private static boolean isPlain(String w, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = w.charAt(i);
                if (c == '[' || c == ']' || c == ',' || c == '!' || c == '&' || c == '^' || c == '@' || c == '*'
                        || c == '?') {
                    return false;
                }
            }
            return true;
        }
    }

    /** A range set operand ({@code nodeset -R}). */
    record Ranges(RangeSet set) implements Xset {
        @Override
        public long count() {
            return set.count();
        }

        @Override
        public boolean isEmpty() {
            return set.isEmpty();
        }

        @Override
        public Xset op(char op, Xset other) {
            return new Ranges(SetOp.of(op).apply(set, ((Ranges) other).set));
        }

        @Override
        public String fold(int autostep, int[] axis) {
            return set.fold(autostep);
        }

        @Override
        public Iterable<String> items() {
            return set;
        }

        @Override
        public List<Xset> split(int n) {
            List<Xset> out = new ArrayList<>();
            set.split(n).forEach(r -> out.add(new Ranges(r)));
            return out;
        }

        @Override
        public List<Xset> contiguous(int autostep) {
            List<Xset> out = new ArrayList<>();
            set.contiguous(autostep).forEach(r -> out.add(new Ranges(r)));
            return out;
        }

        @Override
        public Xset select(RangeSet positions) {
            RangeSetBuilder b = new RangeSetBuilder();
            for (String p : positions) {
                long pos = Long.parseLong(p);
                if (pos >= 0 && pos < set.count()) {
                    b.addAll(set.slice(pos, pos + 1));
                }
            }
            return new Ranges(b.build());
        }

        @Override
        public Xset empty() {
            return new Ranges(RangeSet.empty());
        }

        @Override
        public Xset parse(String text) {
            return new Ranges(RangeSet.parse(text));
        }

        @Override
        public Xset parseWords(String text) {
            RangeSetBuilder b = new RangeSetBuilder();
            int i = 0;
            while ((i = Words.start(text, i)) < text.length()) {
                int end = Words.end(text, i);
                b.addAll(RangeSet.parse(text.substring(i, end)));
                i = end;
            }
            return new Ranges(b.build());
        }
    }
}
