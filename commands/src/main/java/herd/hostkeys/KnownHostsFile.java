package herd.hostkeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A known_hosts text, read as OpenSSH reads it (plain and hashed {@code |1|} host names, wildcards,
 * {@code @cert-authority} and {@code @revoked} lines), edited line by line: the lines that do not
 * name the node come back byte for byte.
 * <pre>{@code
 * KnownHostsFile f = KnownHostsFile.parse(Files.readString(path));
 * f.pinned(names);                         // the node's keys
 * String text = f.replace(names, keys);    // its entries replaced by one line per key
 * }</pre>
 */
public final class KnownHostsFile {

    /** One line: hosts, key and marker when it is an entry; {@code key} null for comments and blanks. */
    record Line(String text, String marker, List<String> hosts, HostKey key) {
        boolean entry() {
            return key != null;
        }
    }

    private final List<Line> lines;

    private KnownHostsFile(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static KnownHostsFile parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            lines.add(line(raw));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).text().isEmpty()) {
            lines.remove(lines.size() - 1);   // the final newline
        }
        return new KnownHostsFile(lines);
    }

    private static Line line(String raw) {
        String t = raw.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return new Line(raw, "", List.of(), null);
        }
        String[] w = t.split("\\s+");
        String marker = w[0].startsWith("@") ? w[0] : "";
        int at = marker.isEmpty() ? 0 : 1;
        if (w.length < at + 3) {
            return new Line(raw, "", List.of(), null);
        }
        try {
            return new Line(raw, marker, List.of(w[at].split(",")), HostKey.parse(w[at + 1] + " " + w[at + 2]));
        } catch (HostkeysException e) {
            return new Line(raw, "", List.of(), null);   // OpenSSH skips a line it cannot read; so does herd
        }
    }

    /** The plain keys pinned for the node (no marker), in file order. */
    public List<HostKey> pinned(NodeNames names) {
        return lines.stream().filter(l -> l.entry() && l.marker().isEmpty() && matches(l.hosts(), names))
                .map(Line::key).distinct().toList();
    }

    /** The {@code @cert-authority} keys that vouch for the node's host certificates. */
    public List<HostKey> authorities(NodeNames names) {
        return lines.stream().filter(l -> l.entry() && l.marker().equals("@cert-authority") && matches(l.hosts(), names))
                .map(Line::key).distinct().toList();
    }

    /** True when {@code key} is on a {@code @revoked} line. */
    public boolean revoked(HostKey key) {
        return lines.stream().anyMatch(l -> l.entry() && l.marker().equals("@revoked") && l.key().equals(key));
    }

    /**
     * The text without the node's plain entries: a line naming only the node goes, a line naming it
     * among others keeps the others. Marker lines ({@code @cert-authority}, {@code @revoked}) stay.
     */
    public String forget(NodeNames names) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            if (!l.entry() || !l.marker().isEmpty() || l.hosts().stream().noneMatch(h -> own(h, names))) {
                b.append(l.text()).append('\n');
                continue;
            }
            List<String> others = l.hosts().stream().filter(h -> !own(h, names)).toList();
            if (!others.isEmpty()) {
                b.append(String.join(",", others)).append(' ').append(l.key()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The text with the node's entries replaced by one line per key, naming the node by the plain
     * names it had (in their order) and always by its name and its connect form.
     */
    public String replace(NodeNames names, List<HostKey> keys) {
        List<String> hosts = new ArrayList<>();
        for (Line l : lines) {
            if (l.entry() && l.marker().isEmpty()) {
                l.hosts().stream().filter(h -> !h.startsWith("|") && names.names(h) && !hosts.contains(h))
                        .forEach(hosts::add);
            }
        }
        for (String h : List.of(names.named(), names.connect())) {
            if (hosts.stream().noneMatch(x -> x.equalsIgnoreCase(h))) {
                hosts.add(h);
            }
        }
        StringBuilder b = new StringBuilder(forget(names));
        for (HostKey k : keys) {
            b.append(String.join(",", hosts)).append(' ').append(k).append('\n');
        }
        return b.toString();
    }

    /**
     * The text with {@code ca} trusted for the node's names: added to the {@code @cert-authority}
     * line of that key (one line for the cluster), or a new such line.
     */
    public String authorize(NodeNames names, HostKey ca) {
        StringBuilder b = new StringBuilder();
        boolean done = false;
        for (Line l : lines) {
            if (!done && l.entry() && l.marker().equals("@cert-authority") && l.key().equals(ca)) {
                List<String> hosts = new ArrayList<>(l.hosts());
                names.hosts().stream().filter(h -> hosts.stream().noneMatch(h::equalsIgnoreCase)).forEach(hosts::add);
                b.append("@cert-authority ").append(String.join(",", hosts)).append(' ').append(ca).append('\n');
                done = true;
            } else {
                b.append(l.text()).append('\n');
            }
        }
        if (!done) {
            b.append("@cert-authority ").append(String.join(",", names.hosts())).append(' ').append(ca).append('\n');
        }
        return b.toString();
    }

    /** True when one of the patterns (negations honoured) names one of the node's names. */
    static boolean matches(List<String> patterns, NodeNames names) {
        for (String candidate : names.hosts()) {
            boolean yes = false;
            boolean no = false;
            for (String p : patterns) {
                boolean negated = p.startsWith("!");
                if (pattern(negated ? p.substring(1) : p, candidate)) {
                    no |= negated;
                    yes |= !negated;
                }
            }
            if (yes && !no) {
                return true;
            }
        }
        return false;
    }

    /** A pattern that names exactly one of the node's names (hashed included): herd removes those, not wildcards. */
    private static boolean own(String pattern, NodeNames names) {
        if (pattern.startsWith("|1|")) {
            return names.hosts().stream().anyMatch(c -> hashed(pattern, c));
        }
        return names.names(pattern);
    }

    private static boolean pattern(String p, String candidate) {
        if (p.startsWith("|1|")) {
            return hashed(p, candidate);
        }
        return glob(p.toLowerCase(Locale.ROOT), 0, candidate.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int i, String s, int j) {
        if (i == p.length()) {
            return j == s.length();
        }
        char c = p.charAt(i);
        if (c == '*') {
            for (int k = j; k <= s.length(); k++) {
                if (glob(p, i + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < s.length() && (c == '?' || c == s.charAt(j)) && glob(p, i + 1, s, j + 1);
    }

    /** OpenSSH's HashKnownHosts: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}. */
    private static boolean hashed(String pattern, String candidate) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(candidate.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Arrays.equals(hash, Base64.getDecoder().decode(parts[3]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
