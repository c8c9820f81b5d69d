package herd.nodeset;

import java.util.ArrayList;
import java.util.List;

/**
 * The nodeset grammar of ClusterShell 1.9.1: operands separated by {@code , ! & ^} (left to
 * right), bracketed ranges anywhere in a name, digits next to brackets folded into the range,
 * {@code @group}, {@code @source:group}, {@code @source:*}, {@code @*} and {@code @@source}.
 */
final class NodeSetParser {
    /** Group definitions may nest; deeper than this is a definition loop. */
    private static final int MAX_DEPTH = 32;

    private final GroupResolver resolver;
    private int depth;

    NodeSetParser(GroupResolver resolver) {
        this.resolver = resolver;
    }

    /** Parses group member text inside namespace {@code ns}, guarding against loops. */
    NodeSet nested(String text, String ns) {
        if (++depth > MAX_DEPTH) {
            throw new NodeSetException("group definitions nest too deep (loop?) at \"" + text + "\"", text);
        }
        try {
            return parse(text, ns);
        } finally {
            depth--;
        }
    }

    NodeSet parse(String expr) {
        return parse(expr, null);
    }

    /** Parses {@code expr}, resolving groups in {@code namespace} (null = default source). */
    NodeSet parse(String expr, String namespace) {
        NodeSet result = NodeSet.empty();
        for (Term t : new TermScanner(PyBlanks.strip(expr)).scan()) {
            NodeSet operand = t.base();
            if (t.key().startsWith("@")) {
                operand = groups(operand, namespace);
            } else if (resolver != null && (t.key().indexOf('*') >= 0 || t.key().indexOf('?') >= 0)) {
                operand = wildcards(operand, namespace);
            }
            result = t.op().apply(result, operand);
        }
        return result;
    }

    private NodeSet groups(NodeSet refs, String namespace) {
        NodeSet out = NodeSet.empty();
        for (String ref : refs) {
            if (resolver == null) {
                throw new NodeSetException("group \"" + ref + "\": no group source configured", ref);
            }
            out = out.union(resolver.resolveReference(ref.substring(1), namespace, this));
        }
        return out;
    }

    /** Node names matching shell wildcards ('*', '?') among all nodes of the namespace. */
    private NodeSet wildcards(NodeSet masks, String namespace) {
        NodeSet all = resolver.allNodes(namespace);
        NodeSet.Builder out = new NodeSet.Builder();
        for (String mask : masks) {
            java.util.regex.Pattern re = glob(mask);
            for (String node : all) {
                if (re.matcher(node).matches()) {
                    out.add(node);
                }
            }
        }
        return out.build();
    }

    private static java.util.regex.Pattern glob(String mask) {
        StringBuilder sb = new StringBuilder();
        for (char c : mask.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(sb.toString(), java.util.regex.Pattern.DOTALL);
    }

    /** One operand: operator, pattern key and its ranges. */
    record Term(SetOp op, String key, List<RangeSet> ranges) {
        NodeSet base() {
            java.util.TreeMap<Pattern, RangeSetNd> m = new java.util.TreeMap<>();
            RangeSetNd r = ranges.isEmpty() ? RangeSetNd.NO_INDEX : RangeSetNd.of(ranges.toArray(new RangeSet[0]));
            if (!r.isEmpty()) {
                m.put(Pattern.ofKey(key), r);
            }
            return new NodeSet(m);
        }
    }

    /** Splits an expression into terms exactly where ClusterShell's scanner does. */
    static final class TermScanner {
        private final String expr;

        TermScanner(String expr) {
            this.expr = expr;
        }

        List<Term> scan() {
            List<Term> out = new ArrayList<>();
            SetOp nextOp = SetOp.UNION;
            String s = expr;
            while (s != null && !s.isEmpty()) {
                s = PyBlanks.stripLeading(s);
                SetOp op = nextOp;
                int opIdx = SetOp.next(s);
                int bracket = s.indexOf('[');
                StringBuilder key = new StringBuilder();
                List<RangeSet> ranges = new ArrayList<>();
                String rest;
                if (bracket >= 0 && (opIdx > bracket || opIdx < 0)) {
                    String sfx = brackets(s, key, ranges);
                    opIdx = SetOp.next(sfx);
                    if (opIdx < 0) {
                        rest = null;
                    } else {
                        nextOp = SetOp.of(sfx.charAt(opIdx));
                        rest = sfx.substring(opIdx + 1);
                        sfx = sfx.substring(0, opIdx);
                        if (rest.isEmpty()) {
                            throw missingOperand(nextOp, expr);
                        }
                    }
                    sfx = PyBlanks.stripTrailing(sfx);
                    if (!sfx.isEmpty()) {
                        single(sfx, key, ranges);
                    }
                } else {
                    String node;
                    if (opIdx < 0) {
                        node = s;
                        rest = null;
                    } else {
                        nextOp = SetOp.of(s.charAt(opIdx));
                        node = s.substring(0, opIdx);
                        rest = s.substring(opIdx + 1);
                        if (node.isEmpty() || rest.isEmpty()) {
                            throw missingOperand(nextOp, expr);
                        }
                    }
                    if (node.indexOf(']') >= 0) {
                        throw new NodeSetParseException("bad nodeset", node, "unexpected ']'");
                    }
                    single(PyBlanks.stripTrailing(node), key, ranges);
                }
                out.add(new Term(op, key.toString(), ranges));
                s = rest;
            }
            return out;
        }

        private static NodeSetParseException missingOperand(SetOp op, String expr) {
            return new NodeSetParseException("bad nodeset", expr, "missing operand around '" + op.symbol() + "'");
        }

        /** Consumes name parts with brackets up to the next operator; returns the remaining suffix. */
        private String brackets(String s, StringBuilder key, List<RangeSet> ranges) {
            String sfx = s;
            int opIdx = SetOp.next(s);
            int bracket = s.indexOf('[');
            while (bracket >= 0 && (opIdx > bracket || opIdx < 0)) {
                String pfx = sfx.substring(0, bracket);
                String after = sfx.substring(bracket + 1);
                int close = after.indexOf(']');
                if (close < 0) {
                    throw new NodeSetParseException("bad nodeset", s, "missing ']'");
                }
                String rng = after.substring(0, close);
                sfx = after.substring(close + 1);
                if (pfx.indexOf(']') >= 0) {
                    throw new NodeSetParseException("bad nodeset", pfx, "unexpected ']'");
                }
                checkSuffix(sfx);
                if (!sfx.isEmpty()) {
                    String[] amended = DigitAmender.trailing(sfx, rng);
                    sfx = amended[0];
                    rng = amended[1];
                }
                if (!pfx.isEmpty()) {
                    String[] amended = DigitAmender.leading(pfx, rng);
                    pfx = amended[0];
                    rng = amended[1];
                    if (!pfx.isEmpty()) {
                        single(pfx, key, ranges);
                    }
                }
                bracket = sfx.indexOf('[');
                opIdx = SetOp.next(sfx);
                if (!sfx.isEmpty() && sfx.charAt(0) == '[') {
                    throw new NodeSetParseException("bad nodeset", sfx, "'[' right after ']'");
                }
                key.append("%s");
                ranges.add(RangeSet.parse(rng));
            }
            return sfx;
        }

        private static void checkSuffix(String sfx) {
            if (sfx.isEmpty()) {
                return;
            }
            int end = sfx.indexOf(']');
            int start = sfx.indexOf('[');
            if (start == -1) {
                start = end + 1;
            }
            if (end >= 0 && end < start) {
                throw new NodeSetParseException("bad nodeset", sfx, "unexpected ']'");
            }
        }

        private static void single(String text, StringBuilder key, List<RangeSet> ranges) {
            if (text.isEmpty()) {
                throw new NodeSetParseException("bad nodeset", text, "empty node name");
            }
            NameScanner.Name n = NameScanner.scan(text);
            key.append(n.key());
            for (String idx : n.indexes()) {
                ranges.add(RangeSet.ofIndex(idx));
            }
        }
    }
}
