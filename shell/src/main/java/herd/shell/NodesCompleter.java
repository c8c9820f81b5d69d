package herd.shell;

import herd.nodeset.GroupResolver;
import herd.nodeset.GroupSource;
import herd.nodeset.NodeSet;
import herd.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes the last operand of a nodeset expression: node names, {@code @group},
 * {@code @source:group}, and indices inside brackets. Pure: the same session and text give the
 * same proposals.
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
        int cut = lastOperator(partial);
        String head = partial.substring(0, cut);
        String operand = partial.substring(cut);
        if (operand.startsWith("@")) {
            return groups(head, operand.substring(1), session.resolver());
        }
        int open = operand.lastIndexOf('[');
        if (open >= 0 && operand.indexOf(']', open) < 0) {
            return indices(head, operand.substring(0, open), operand.substring(open + 1), names(session));
        }
        return names(head, operand, names(session));
    }

    /** Index just after the last {@code , ! & ^} outside brackets (0 when none). */
    static int lastOperator(String s) {
        int depth = 0;
        int cut = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && ",!&^".indexOf(c) >= 0) {
                cut = i + 1;
            }
        }
        return cut;
    }

    private static Set<String> names(Session session) {
        Set<String> names = new TreeSet<>(session.inventory().nodes().keySet());
        names.addAll(session.target().expand());
        return names;
    }

    private static List<Proposal> groups(String head, String text, GroupResolver resolver) {
        List<Proposal> out = new ArrayList<>();
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String source = text.substring(0, colon);
            String prefix = text.substring(colon + 1);
            if (resolver.sourceNames().contains(source)) {
                resolver.source(source).groups().stream().filter(g -> g.startsWith(prefix)).sorted()
                        .forEach(g -> out.add(new Proposal(head + "@" + source + ":" + g, "@" + source + ":" + g)));
            }
            return out;
        }
        if (resolver.defaultSource() != null) {
            resolver.source(resolver.defaultSource()).groups().stream().filter(g -> g.startsWith(text)).sorted()
                    .forEach(g -> out.add(new Proposal(head + "@" + g, "@" + g)));
        }
        for (String name : resolver.sourceNames()) {
            GroupSource s = resolver.source(name);
            if (s.name().startsWith(text) && !s.groups().isEmpty()) {
                out.add(new Proposal(head + "@" + s.name() + ":", "@" + s.name() + ":"));
            }
        }
        return out;
    }

    private static List<Proposal> names(String head, String prefix, Set<String> names) {
        List<String> matching = names.stream().filter(n -> n.startsWith(prefix)).toList();
        Set<Proposal> out = new LinkedHashSet<>();
        matching.forEach(n -> out.add(new Proposal(head + n, n)));
        if (matching.size() > 1) {
            String folded = NodeSet.fromNames(matching).toString();
            if (!matching.contains(folded)) {
                out.add(new Proposal(head + folded, folded));
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code prefix[} + {@code inside} typed so far: indices of known nodes that fit. */
    private static List<Proposal> indices(String head, String prefix, String inside, Set<String> names) {
        int comma = inside.lastIndexOf(',');
        String done = inside.substring(0, comma + 1);
        String last = inside.substring(comma + 1);
        String typed = last.contains("-") ? last.substring(last.indexOf('-') + 1) : last;
        String lower = last.contains("-") ? last.substring(0, last.indexOf('-') + 1) : "";
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d+)(.*)");
        List<String> matching = new ArrayList<>();
        Set<String> suffixes = new TreeSet<>();
        for (String n : names) {
            Matcher m = p.matcher(n);
            if (m.matches() && m.group(1).startsWith(typed)) {
                matching.add(m.group(1));
                suffixes.add(m.group(2));
            }
        }
        String suffix = suffixes.size() == 1 ? suffixes.iterator().next() : "";
        List<Proposal> out = new ArrayList<>();
        matching.stream().distinct().sorted().forEach(i -> out.add(
                new Proposal(head + prefix + "[" + done + lower + i + "]" + suffix, lower + i)));
        if (matching.size() > 1 && lower.isEmpty()) {
            String folded = NodeSet.fromNames(matching.stream().map(i -> "x" + i).toList()).toString();
            if (folded.startsWith("x[")) {
                String range = folded.substring(2, folded.length() - 1);
                out.add(new Proposal(head + prefix + "[" + done + range + "]" + suffix, range));
            }
        }
        return out;
    }
}
