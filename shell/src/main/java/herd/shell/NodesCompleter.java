package herd.shell;

import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetCompleter;
import herd.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell's TAB on a nodeset: {@link NodeSetCompleter} finds the candidates (names,
 * {@code @group}, {@code @source:group} including the session's outcome sets, {@code @@source},
 * indices inside an open bracket, after any operator); this class only presents them for people:
 * a short display, the bracket closed, and one more proposal folding several matches.
 *
 * <pre>{@code
 * NodesCompleter.complete("@compute!valkyrie[0", session)
 *     // [@compute!valkyrie[01], @compute!valkyrie[02], @compute!valkyrie[01-02]]
 * }</pre>
 */
public final class NodesCompleter {

    /**
     * One proposal.
     *
     * @param value   the whole word after completion
     * @param display what the list shows
     */
    public record Proposal(String value, String display) {
    }

    private NodesCompleter() {
    }

    public static List<Proposal> complete(String partial, Session session) {
        Set<String> known = new TreeSet<>(session.inventory().nodes().keySet());
        known.addAll(session.target().expand());
        List<String> candidates = new NodeSetCompleter(session.resolver(), NodeSet.fromNames(known)).complete(partial);
        int start = NodeSetCompleter.operandStart(partial);
        String operand = partial.substring(start);
        if (operand.startsWith("@")) {
            return candidates.stream().map(c -> new Proposal(c, c.substring(start))).toList();
        }
        int open = operand.lastIndexOf('[');
        if (open > operand.lastIndexOf(']')) {
            return closed(partial.substring(0, start + open + 1), candidates, known);
        }
        return folded(partial.substring(0, start), candidates);
    }

    /** Names as they are, plus their folded set when there are several. */
    private static List<Proposal> folded(String head, List<String> candidates) {
        Set<Proposal> out = new LinkedHashSet<>();
        List<String> names = candidates.stream().map(c -> c.substring(head.length())).toList();
        names.forEach(n -> out.add(new Proposal(head + n, n)));
        if (names.size() > 1) {
            String folded = NodeSet.fromNames(names).toString();
            if (!names.contains(folded)) {
                out.add(new Proposal(head + folded, folded));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Indices completed inside {@code bracket} (the text up to the open bracket): each closed with
     * the text after the index when all matching names share it, plus the folded range when the
     * last item is not already a range.
     */
    private static List<Proposal> closed(String bracket, List<String> candidates, Set<String> known) {
        String name = bracket.substring(NodeSetCompleter.operandStart(bracket), bracket.length() - 1);
        String inside = candidates.isEmpty() ? "" : candidates.get(0).substring(bracket.length());
        int sep = Math.max(inside.lastIndexOf(','), inside.lastIndexOf('-'));
        String keep = bracket + inside.substring(0, sep + 1);
        String lower = sep >= 0 && inside.charAt(sep) == '-' ? inside.substring(inside.lastIndexOf(',') + 1, sep + 1) : "";
        List<String> indices = candidates.stream().map(c -> c.substring(keep.length())).toList();
        Pattern p = Pattern.compile(Pattern.quote(name) + "(\\d+)(.*)");
        Set<String> suffixes = new TreeSet<>();
        for (String n : known) {
            Matcher m = p.matcher(n);
            if (m.matches() && indices.contains(m.group(1))) {
                suffixes.add(m.group(2));
            }
        }
        String suffix = "]" + (suffixes.size() == 1 ? suffixes.iterator().next() : "");
        List<Proposal> out = new ArrayList<>();
        indices.forEach(i -> out.add(new Proposal(keep + i + suffix, lower + i)));
        if (indices.size() > 1 && lower.isEmpty()) {
            String folded = NodeSet.fromNames(indices.stream().map(i -> "x" + i).toList()).toString();
            if (folded.startsWith("x[")) {
                String range = folded.substring(2, folded.length() - 1);
                out.add(new Proposal(keep + range + suffix, range));
            }
        }
        return out;
    }
}
