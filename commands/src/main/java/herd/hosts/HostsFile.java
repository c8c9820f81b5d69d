package herd.hosts;

import herd.files.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * /etc/hosts kept byte for byte: the text plus its entries ({@code IP name [aliases] [# comment]}).
 * Edits splice whole lines; a new line goes beside its siblings and copies their columns.
 *
 * <pre>{@code
 * HostsFile h = HostsFile.parse("/etc/hosts", text);
 * String edited = h.add("valkyrie03", "10.10.3.3", List.of());
 * }</pre>
 */
public final class HostsFile {

    /** One entry line; {@code start}/{@code end} cover the line with its terminator. */
    public record Entry(String ip, List<String> names, int line, int start, int end, int namesColumn) {
    }

    private final String path;
    private final String text;
    private final List<Entry> entries = new ArrayList<>();

    private HostsFile(String path, String text) {
        this.path = path;
        this.text = text;
    }

    public static HostsFile parse(String path, String text) {
        HostsFile h = new HostsFile(path, text);
        int pos = 0;
        int line = 1;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            String content = text.substring(pos, end);
            int hash = content.indexOf('#');
            String data = (hash < 0 ? content : content.substring(0, hash)).strip();
            if (!data.isEmpty()) {
                List<String> words = Arrays.asList(data.split("\\s+"));
                int namesColumn = words.size() > 1 ? content.indexOf(words.get(1), content.indexOf(words.get(0))
                        + words.get(0).length()) : -1;
                h.entries.add(new Entry(words.get(0), List.copyOf(words.subList(1, words.size())), line, pos, end,
                        namesColumn));
            }
            pos = end;
            line++;
        }
        return h;
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries naming {@code name} (as canonical name or alias), exactly. */
    public List<Entry> find(String name) {
        return find(name, "");
    }

    /**
     * The entries naming {@code name} as canonical name or alias, where {@code NAME} and
     * {@code NAME.domain} are the same name ({@code domain} "" for exact matches only).
     */
    public List<Entry> find(String name, String domain) {
        String key = key(name, domain);
        return entries.stream().filter(e -> e.names().stream().anyMatch(n -> key(n, domain).equals(key))).toList();
    }

    /** The entries of address {@code ip} (IPv6 compared by value, not spelling). */
    public List<Entry> findIp(String ip) {
        String want = HostsAddresses.canonical(ip);
        return entries.stream().filter(e -> HostsAddresses.canonical(e.ip()).equals(want)).toList();
    }

    /** {@link #add(String, String, List, String)} without a domain. */
    public String add(String name, String ip, List<String> aliases) {
        return add(name, ip, aliases, "");
    }

    /**
     * The text with {@code ip name aliases...} where its siblings are (the lines of names like it,
     * else of its address family), in address order where they are sorted, else after the last of
     * them; laid out like its neighbour, with {@code NAME.domain} first or second where the
     * neighbour writes its names so.
     */
    public String add(String name, String ip, List<String> aliases, String domain) {
        String nl = Text.newline(text);
        Optional<HostsPlacement.Spot> spot = HostsPlacement.find(this, name, ip, domain);
        if (spot.isEmpty()) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : nl;
            return text + sep + ip + "\t" + String.join(" ", Stream.concat(Stream.of(name), aliases.stream()).toList()) + nl;
        }
        Entry t = spot.get().template();
        String line = ip + gap(t, ip) + String.join(separator(t), names(t, name, aliases, domain));
        int at = spot.get().at();
        if (at == text.length() && !text.endsWith("\n")) {
            return text + nl + line;
        }
        return text.substring(0, at) + line + nl + text.substring(at);
    }

    /** The text without {@code name} (as {@link #remove(String, String, boolean)} with no domain, not whole lines). */
    public String remove(String name) {
        return remove(name, "", false);
    }

    /**
     * The text without {@code name} ({@code NAME} and {@code NAME.domain} alike): a line where it
     * is the canonical (first) name goes with its aliases; where it is only an alias, only the
     * alias is taken out of the line, unless {@code wholeLine}.
     */
    public String remove(String name, String domain, boolean wholeLine) {
        String key = key(name, domain);
        StringBuilder b = new StringBuilder(text);
        List<Entry> hits = find(name, domain);
        for (int i = hits.size() - 1; i >= 0; i--) {
            Entry e = hits.get(i);
            if (wholeLine || key(e.names().get(0), domain).equals(key)) {
                deleteLine(b, e);
            } else {
                String edited = text.substring(e.start(), e.end());
                for (String alias : e.names().stream().filter(n -> key(n, domain).equals(key)).toList()) {
                    edited = edited.replaceFirst("[ \\t]+" + Pattern.quote(alias) + "(?=[ \\t\\r\\n#]|$)", "");
                }
                b.replace(e.start(), e.end(), edited);
            }
        }
        return b.toString();
    }

    /** The text without the lines of address {@code ip}. */
    public String removeIp(String ip) {
        StringBuilder b = new StringBuilder(text);
        List<Entry> hits = findIp(ip);
        for (int i = hits.size() - 1; i >= 0; i--) {
            deleteLine(b, hits.get(i));
        }
        return b.toString();
    }

    /** A name compared without case and without the domain, so that NAME matches NAME.domain. */
    static String key(String name, String domain) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String d = "." + domain.toLowerCase(Locale.ROOT);
        return !domain.isEmpty() && n.endsWith(d) ? n.substring(0, n.length() - d.length()) : n;
    }

    private void deleteLine(StringBuilder b, Entry e) {
        int start = e.start();
        if (e.end() == text.length() && !text.endsWith("\n") && start > 0) {
            start -= start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1;
        }
        b.delete(start, e.end());
    }

    /** Spaces or a tab between address and names, so that the names start in the template's column. */
    private String gap(Entry t, String ip) {
        String templateLine = text.substring(t.start(), t.end());
        if (t.namesColumn() > 0 && templateLine.charAt(t.namesColumn() - 1) == '\t') {
            return "\t";
        }
        int ipEnd = templateLine.indexOf(t.ip()) + t.ip().length();
        return " ".repeat(Math.max(1, t.namesColumn() > 0 ? t.namesColumn() - ipEnd - (ip.length() - t.ip().length()) : 1));
    }

    /** What separates the template's first and second names (one space when it has one name). */
    private String separator(Entry t) {
        if (t.names().size() < 2) {
            return " ";
        }
        String line = text.substring(t.start() + t.namesColumn(), t.end());
        int from = t.names().get(0).length();
        int to = line.indexOf(t.names().get(1), from);
        return line.substring(from, to);
    }

    /** The new names in the template's habit: {@code NAME.domain NAME}, {@code NAME NAME.domain} or {@code NAME}. */
    private static List<String> names(Entry t, String name, List<String> aliases, String domain) {
        List<String> out = new ArrayList<>();
        String shortName = key(name, domain);
        String fqdn = shortName + "." + domain;
        List<String> tn = t.names();
        boolean fqdnFirst = !domain.isEmpty() && tn.size() > 1 && tn.get(0).equalsIgnoreCase(key(tn.get(0), domain) + "." + domain)
                && tn.get(1).equalsIgnoreCase(key(tn.get(0), domain));
        boolean fqdnSecond = !domain.isEmpty() && tn.size() > 1 && tn.get(1).equalsIgnoreCase(tn.get(0) + "." + domain);
        if (fqdnFirst && !name.equalsIgnoreCase(fqdn)) {
            out.add(fqdn);
            out.add(shortName);
        } else if (fqdnSecond && !name.equalsIgnoreCase(fqdn)) {
            out.add(name);
            out.add(fqdn);
        } else {
            out.add(name);
        }
        out.addAll(aliases);
        return out;
    }
}
