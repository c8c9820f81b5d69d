package herd.nodeset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completion of a partial nodeset expression, for the shell's TAB key. Pure: the candidates
 * depend only on the text, the resolver and the known nodes. Each candidate is the whole
 * expression with its last operand completed, so it can replace the word as is.
 *
 * <pre>{@code
 * NodeSetCompleter c = new NodeSetCompleter(resolver, NodeSet.parse("valkyrie[01-12]"));
 * c.complete("@comp");          // [@compute]
 * c.complete("n1,valkyrie[0");  // [n1,valkyrie[01, ..., n1,valkyrie[09]
 * c.complete("@last:");         // [@last:*, @last:failed, @last:ok]
 * }</pre>
 */
public final class NodeSetCompleter {
    private final GroupResolver resolver;
    private final NodeSet known;

    /** {@code resolver} may be {@link GroupResolver#none()}; {@code known} are the completable nodes. */
    public NodeSetCompleter(GroupResolver resolver, NodeSet known) {
        this.resolver = resolver;
        this.known = known;
    }

    /** Candidates for {@code partial}, sorted; empty when nothing fits. */
    public List<String> complete(String partial) {
        String head = partial.substring(0, operandStart(partial));
        String operand = partial.substring(head.length());
        Set<String> out = new TreeSet<>();
        if (operand.startsWith("@")) {
            groups(operand, out);
        } else if (operand.lastIndexOf('[') > operand.lastIndexOf(']')) {
            indexes(operand, out);
        } else {
            for (String n : known) {
                if (n.startsWith(operand)) {
                    out.add(n);
                }
            }
        }
        List<String> result = new ArrayList<>(out.size());
        for (String s : out) {
            result.add(head + s);
        }
        return result;
    }

    /**
     * Where the operand being completed starts: after the last operator outside brackets and the
     * blanks that follow it (0 when there is no operator). Candidates differ only from there on.
     */
    public static int operandStart(String partial) {
        int cut = lastOperator(partial) + 1;
        while (cut < partial.length() && Character.isWhitespace(partial.charAt(cut))) {
            cut++;
        }
        return cut;
    }

    /** Position of the last operator outside brackets, or -1. */
    static int lastOperator(String s) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && SetOp.of(c) != null) {
                last = i;
            }
        }
        return last;
    }

    private void groups(String operand, Set<String> out) {
        if (operand.startsWith("@@")) {
            for (String src : resolver.sourceNames()) {
                addIfPrefix(out, "@@" + src, operand);
            }
            return;
        }
        int colon = operand.indexOf(':');
        if (colon >= 0) {
            String src = operand.substring(1, colon);
            if (!resolver.sourceNames().contains(src)) {
                return;
            }
            for (String g : safeGroups(src)) {
                addIfPrefix(out, "@" + src + ":" + g, operand);
            }
            addIfPrefix(out, "@" + src + ":*", operand);
            return;
        }
        if (resolver.defaultSource() != null) {
            for (String g : safeGroups(resolver.defaultSource())) {
                addIfPrefix(out, "@" + g, operand);
            }
        }
        for (String src : resolver.sourceNames()) {
            addIfPrefix(out, "@" + src + ":", operand);
        }
        addIfPrefix(out, "@*", operand);
    }

    private List<String> safeGroups(String source) {
        try {
            return resolver.groupNames(source);
        } catch (NodeSetException e) {
            return List.of();
        }
    }

    private static void addIfPrefix(Set<String> out, String candidate, String typed) {
        if (candidate.startsWith(typed)) {
            out.add(candidate);
        }
    }

    /** Inside an open bracket: indexes of known nodes with the same text before the bracket. */
    private void indexes(String operand, Set<String> out) {
        int open = operand.lastIndexOf('[');
        String prefix = operand.substring(0, open);
        String inside = operand.substring(open + 1);
        int sep = Math.max(inside.lastIndexOf(','), inside.lastIndexOf('-'));
        String typed = inside.substring(sep + 1);
        String keep = operand.substring(0, open + 1 + sep + 1);
        for (String n : known) {
            if (!n.startsWith(prefix) || n.length() == prefix.length()) {
                continue;
            }
            int end = prefix.length();
            while (end < n.length() && NameScanner.isDigit(n.charAt(end))) {
                end++;
            }
            String idx = n.substring(prefix.length(), end);
            if (!idx.isEmpty() && idx.startsWith(typed)) {
                out.add(keep + idx);
            }
        }
    }
}
