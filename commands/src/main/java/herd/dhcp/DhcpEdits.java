package herd.dhcp;

import herd.files.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Text splices on a {@link DhcpConf}: each edit replaces only the lines of one host block and
 * copies the indentation and spacing of its neighbours, so the rest of the file stays byte for
 * byte. Adding a host and removing it again gives back the original text.
 */
final class DhcpEdits {

    private record Splice(int start, int end, String text) {
    }

    private DhcpEdits() {
    }

    /**
     * A new host block, placed after the last host declared in the subnet of {@code ip}, else at
     * the end of that subnet's block, else after the last host with an address in that subnet (or
     * any host), else at the end of the file.
     */
    static String add(DhcpConf conf, String name, String ip, Map<String, String> fields) {
        String text = conf.text();
        String nl = Text.newline(text);
        Optional<DhcpSubnet> subnet = conf.subnets().stream().filter(s -> s.contains(ip)).findFirst();
        Optional<DhcpHost> inside = last(conf, h -> subnet.isPresent() && h.subnet().equals(subnet));
        if (inside.isEmpty() && subnet.isPresent() && onlySpaceBefore(text, subnet.get().close())) {
            DhcpSubnet s = subnet.get();
            String indent = s.firstChild() < s.close() ? indentOf(text, s.firstChild()) : indentOf(text, s.start()) + "  ";
            int at = lineStart(text, s.close());
            // After a blank line, keep one below too: remove() takes the blank line above with the block.
            String tail = blankBefore(text, at) ? nl + nl : nl;
            return splice(text, List.of(new Splice(at, at, block(name, fields, indent, indent + "  ", nl) + tail)));
        }
        Optional<DhcpHost> template = inside.or(() -> last(conf, h -> subnet.map(s -> s.contains(h.ip())).orElse(true)))
                .or(() -> last(conf, h -> true));
        if (template.isPresent()) {
            DhcpHost t = template.get();
            String indent = indentOf(text, t.start());
            String inner = innerIndent(text, t, indent);
            int at = lineEnd(text, t.close());
            String gap = blankBefore(text, t.start()) ? nl + nl : nl;
            return splice(text, List.of(new Splice(at, at, gap + block(name, fields, indent, inner, nl))));
        }
        String sep = text.isEmpty() || text.endsWith("\n") ? "" : nl;
        return text + sep + block(name, fields, "", "  ", nl) + nl;
    }

    /** A host block to add: name, address (for placement) and statements. */
    record NewHost(String name, String ip, Map<String, String> fields) {
    }

    /**
     * Several new hosts at once, placed as consecutive {@link #add} calls would place them but with
     * one splice per insertion point, so that a first sync of a large cluster stays linear. Hosts
     * whose subnet declares no host yet are added one by one.
     */
    static String addAll(DhcpConf conf, List<NewHost> hosts) {
        String text = conf.text();
        String nl = Text.newline(text);
        Map<Integer, StringBuilder> points = new TreeMap<>();
        List<NewHost> rest = new ArrayList<>();
        for (NewHost h : hosts) {
            Optional<DhcpSubnet> subnet = conf.subnets().stream().filter(s -> s.contains(h.ip())).findFirst();
            Optional<DhcpHost> inside = last(conf, x -> subnet.isPresent() && x.subnet().equals(subnet));
            if (inside.isEmpty()) {
                rest.add(h);
                continue;
            }
            DhcpHost t = inside.get();
            String indent = indentOf(text, t.start());
            String gap = blankBefore(text, t.start()) ? nl + nl : nl;
            points.computeIfAbsent(lineEnd(text, t.close()), k -> new StringBuilder())
                    .append(gap).append(block(h.name(), h.fields(), indent, innerIndent(text, t, indent), nl));
        }
        String out = splice(text, points.entrySet().stream()
                .map(e -> new Splice(e.getKey(), e.getKey(), e.getValue().toString())).toList());
        for (NewHost h : rest) {
            out = add(DhcpConf.parse(conf.path(), out), h.name(), h.ip(), h.fields());
        }
        return out;
    }

    /** Removes the host's lines (and the blank line that separated it from the previous block). */
    static String remove(DhcpConf conf, DhcpHost host) {
        String text = conf.text();
        int start = host.start();
        int end = host.close() + 1;
        if (onlySpaceBefore(text, start) && onlySpaceOrCommentAfter(text, end)) {
            start = lineStart(text, start);
            end = nextLineStart(text, end);
            if (blankBefore(text, start)) {
                start = lineStart(text, start - 1);
            }
            if (end == text.length() && start > 0 && text.charAt(end - 1) != '\n') {
                // The block was the unterminated last line: the terminator before it goes too.
                start -= start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1;
            }
        } else {
            while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
                start--;
            }
        }
        return splice(text, List.of(new Splice(start, end, "")));
    }

    /** Replaces the values of existing statements, appends new ones, drops the {@code unset} keys. */
    static String set(DhcpConf conf, DhcpHost host, Map<String, String> fields, Set<String> unset) {
        String text = conf.text();
        String nl = Text.newline(text);
        List<Splice> splices = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        boolean ownLine = onlySpaceBefore(text, host.close());
        String inner = innerIndent(text, host, indentOf(text, host.start()));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<DhcpStatement> s = host.statement(f.getKey());
            if (s.isPresent()) {
                splices.add(new Splice(s.get().valueStart(), s.get().valueEnd(), f.getValue()));
            } else if (ownLine) {
                added.append(inner).append(f.getKey()).append(' ').append(f.getValue()).append(';').append(nl);
            } else {
                added.append(f.getKey()).append(' ').append(f.getValue()).append("; ");
            }
        }
        for (DhcpStatement s : host.statements()) {
            if (unset.contains(s.key())) {
                splices.add(removal(text, s));
            }
        }
        if (added.length() > 0) {
            int at = ownLine ? lineStart(text, host.close()) : host.close();
            splices.add(new Splice(at, at, added.toString()));
        }
        return splice(text, splices);
    }

    private static Splice removal(String text, DhcpStatement s) {
        if (onlySpaceBefore(text, s.start()) && onlySpaceOrCommentAfter(text, s.end())) {
            return new Splice(lineStart(text, s.start()), nextLineStart(text, s.end()), "");
        }
        int start = s.start();
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return new Splice(start, s.end(), "");
    }

    private static Optional<DhcpHost> last(DhcpConf conf, Predicate<DhcpHost> which) {
        List<DhcpHost> hosts = conf.hosts();
        for (int i = hosts.size() - 1; i >= 0; i--) {
            if (which.test(hosts.get(i))) {
                return Optional.of(hosts.get(i));
            }
        }
        return Optional.empty();
    }

    private static String block(String name, Map<String, String> fields, String indent, String inner, String nl) {
        StringBuilder b = new StringBuilder(indent).append("host ").append(name).append(" {").append(nl);
        fields.forEach((k, v) -> b.append(inner).append(k).append(' ').append(v).append(';').append(nl));
        return b.append(indent).append('}').toString();
    }

    private static String innerIndent(String text, DhcpHost h, String indent) {
        for (DhcpStatement s : h.statements()) {
            if (onlySpaceBefore(text, s.start())) {
                return indentOf(text, s.start());
            }
        }
        return indent + "  ";
    }

    private static String splice(String text, List<Splice> splices) {
        StringBuilder b = new StringBuilder(text);
        splices.stream().sorted(Comparator.comparingInt(Splice::start).reversed())
                .forEach(s -> b.replace(s.start(), s.end(), s.text()));
        return b.toString();
    }

    static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** Offset of the line terminator ending the line of {@code offset} (or the text's end). */
    static int lineEnd(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        if (nl < 0) {
            return text.length();
        }
        return nl > offset && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    /** Offset just after the line of {@code offset}, terminator included. */
    static int nextLineStart(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    static String indentOf(String text, int offset) {
        int s = lineStart(text, offset);
        int e = s;
        while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
            e++;
        }
        return text.substring(s, e);
    }

    private static boolean onlySpaceBefore(String text, int offset) {
        return text.substring(lineStart(text, offset), offset).isBlank();
    }

    private static boolean onlySpaceOrCommentAfter(String text, int offset) {
        String rest = text.substring(offset, lineEnd(text, offset)).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    private static boolean blankBefore(String text, int offset) {
        int s = lineStart(text, offset);
        return s > 0 && text.substring(lineStart(text, s - 1), s).isBlank();
    }
}
