package herd.dns;

import herd.files.FileEditException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A BIND zone file kept byte for byte: the text plus its logical entries ({@code $ORIGIN},
 * {@code $TTL}, {@code $INCLUDE}, records with relative, absolute, {@code @} or blank owners,
 * parenthesised multi-line data, comments). {@link ZoneEdits} splices whole lines, so the rest of
 * the file is untouched. dnsjava's master-file writer loses all of that, hence this parser.
 *
 * <pre>{@code
 * ZoneFile z = ZoneFile.parse("/var/named/forward", "cluster.local", text);
 * z.records("valkyrie01.cluster.local.", "A");   // the A entries of valkyrie01
 * }</pre>
 */
public final class ZoneFile {
    private static final Pattern TTL = Pattern.compile("\\d+|(\\d+[smhdwSMHDW])+");
    private static final List<String> CLASSES = List.of("IN", "CH", "HS", "CS");

    private final String path;
    private final String zone;
    private final String text;
    private final List<ZoneEntry> entries = new ArrayList<>();

    private ZoneFile(String path, String zone, String text) {
        this.path = path;
        this.zone = absolute(zone);
        this.text = text;
    }

    /** Parses {@code text} as zone {@code zone}; a malformed line is a {@link FileEditException}. */
    public static ZoneFile parse(String path, String zone, String text) {
        ZoneFile z = new ZoneFile(path, zone, text);
        z.parseAll();
        return z;
    }

    public String path() {
        return path;
    }

    /** The zone name, absolute, lower case. */
    public String zone() {
        return zone;
    }

    public String text() {
        return text;
    }

    List<ZoneEntry> entries() {
        return entries;
    }

    List<ZoneEntry> records() {
        return entries.stream().filter(ZoneEntry::isRecord).toList();
    }

    /** Records of {@code owner} (absolute), of {@code type} or of any type when null. */
    List<ZoneEntry> records(String owner, String type) {
        String o = owner.toLowerCase(Locale.ROOT);
        return records().stream().filter(e -> e.owner().equals(o) && (type == null || e.type().equals(type))).toList();
    }

    Optional<ZoneEntry> soa() {
        return records().stream().filter(e -> e.type().equals("SOA")).findFirst();
    }

    /** Files named by {@code $INCLUDE}, as written. */
    public List<String> includes() {
        return entries.stream().filter(e -> e.directive() && e.type().equals("$INCLUDE") && e.rdata().size() > 0)
                .map(e -> e.rdata().get(0).text()).toList();
    }

    /** {@code name} made absolute against {@code origin} ({@code @} is the origin itself). */
    static String absolute(String name, String origin) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("@")) {
            return origin;
        }
        if (n.endsWith(".")) {
            return n;
        }
        return origin.equals(".") ? n + "." : n + "." + origin;
    }

    static String absolute(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    /** {@code fqdn} written relative to {@code origin} where possible. */
    static String relative(String fqdn, String origin) {
        if (fqdn.equals(origin)) {
            return "@";
        }
        return fqdn.endsWith("." + origin) ? fqdn.substring(0, fqdn.length() - origin.length() - 1) : fqdn;
    }

    private void parseAll() {
        String origin = zone;
        String owner = zone;
        int pos = 0;
        int line = 1;
        while (pos < text.length()) {
            List<ZoneToken> tokens = new ArrayList<>();
            int end = logicalLine(pos, line, tokens);
                        if (!tokens.isEmpty()) {
                if (text.charAt(pos) == '$') {
                    origin = directive(pos, end, line, tokens, origin);
                } else {
                    ZoneEntry e = record(pos, end, line, tokens, origin, owner);
                    entries.add(e);
                    owner = e.owner();
                }
            }
            line += newlines(pos, end);
            pos = end;
        }
    }

    private String directive(int pos, int end, int line, List<ZoneToken> tokens, String origin) {
        String name = tokens.get(0).text().toUpperCase(Locale.ROOT);
        List<ZoneToken> args = tokens.subList(1, tokens.size());
        String next = origin;
        if (name.equals("$ORIGIN")) {
            if (args.isEmpty()) {
                throw new FileEditException(path, line, "$ORIGIN without a name");
            }
            next = absolute(args.get(0).text(), origin);
        }
        entries.add(new ZoneEntry(true, pos, end, line, "", origin, "", "", name, tokens, List.copyOf(args), origin));
        return next;
    }

    private ZoneEntry record(int pos, int end, int line, List<ZoneToken> tokens, String origin, String lastOwner) {
        boolean blank = text.charAt(pos) == ' ' || text.charAt(pos) == '\t';
        int i = 0;
        String ownerToken = blank ? "" : tokens.get(i++).text();
        String owner = blank ? lastOwner : absolute(ownerToken, origin);
        String ttl = "";
        String rclass = "";
        List<ZoneToken> rest = tokens.stream().filter(t -> !t.isParen()).toList();
        i = blank ? 0 : 1;
        while (i < rest.size()) {
            String t = rest.get(i).text();
            if (ttl.isEmpty() && TTL.matcher(t).matches()) {
                ttl = t;
            } else if (rclass.isEmpty() && CLASSES.contains(t.toUpperCase(Locale.ROOT))) {
                rclass = t;
            } else {
                break;
            }
            i++;
        }
        if (i >= rest.size()) {
            throw new FileEditException(path, line, "record of " + (blank ? "the previous owner" : ownerToken)
                    + " has no type");
        }
        String type = rest.get(i).text().toUpperCase(Locale.ROOT);
        return new ZoneEntry(false, pos, end, line, ownerToken, owner, ttl, rclass, type, tokens,
                List.copyOf(rest.subList(i + 1, rest.size())), origin);
    }

    /** Tokenizes from {@code pos} to the end of the logical line (parentheses may span lines). */
    private int logicalLine(int pos, int line, List<ZoneToken> tokens) {
        int depth = 0;
        int i = pos;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                i++;
                if (depth == 0) {
                    return i;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == ';') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth < 0) {
                    throw new FileEditException(path, line + newlines(pos, i), "')' without a matching '('");
                }
                tokens.add(new ZoneToken(String.valueOf(c), i, i + 1));
                i++;
            } else {
                int start = i;
                i = c == '"' ? endOfString(start, line + newlines(pos, i)) : endOfWord(i);
                tokens.add(new ZoneToken(text.substring(start, i), start, i));
            }
        }
        if (depth > 0) {
            throw new FileEditException(path, line, "parenthesis opened here is never closed");
        }
        return n;
    }

    private int endOfWord(int i) {
        while (i < text.length() && " \t\r\n;()\"".indexOf(text.charAt(i)) < 0) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, text.length());
    }

    private int endOfString(int open, int line) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                break;
            }
        }
        throw new FileEditException(path, line, "unterminated string");
    }

    private int newlines(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    int lineOf(int offset) {
        return herd.files.Text.lineOf(text, offset);
    }
}
