package herd.dhcp;

import herd.dhcp.DhcpToken.Kind;
import herd.files.FileEditException;
import herd.files.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed dhcpd.conf that keeps every byte: the text itself plus where its host and subnet
 * blocks are. Unknown statements, comments, includes and spacing are never rebuilt, so
 * {@code parse(t).text()} is {@code t}, and an edit ({@link DhcpEdits}) splices only the touched
 * host block's lines.
 *
 * <pre>{@code
 * DhcpConf conf = DhcpConf.parse("/etc/dhcp/dhcpd.conf", text);
 * conf.host("valkyrie01").map(DhcpHost::ip);   // Optional[10.10.3.1]
 * }</pre>
 */
public final class DhcpConf {
    private final String path;
    private final String text;
    private final List<DhcpHost> hosts = new ArrayList<>();
    private final List<DhcpSubnet> subnets = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();
    private final Map<Integer, Integer> closes = new HashMap<>();
    private List<DhcpSubnet> outer = List.of();
    private List<DhcpToken> tokens;
    private int next;

    private DhcpConf(String path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Parses {@code text}; a malformed file is a {@link FileEditException} naming the line. */
    public static DhcpConf parse(String path, String text) {
        DhcpConf conf = new DhcpConf(path, text);
        conf.tokens = DhcpToken.tokenize(path, text).stream().filter(t -> !t.is(Kind.COMMENT)).toList();
        conf.items(new ArrayList<>(), -1);
        conf.tokens = null;
        return conf;
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    List<DhcpHost> hosts() {
        return hosts;
    }

    List<DhcpSubnet> subnets() {
        return subnets;
    }

    /**
     * The subnets of the file that includes this one (a fragment declaring hosts only): its hosts
     * are checked and placed against them.
     */
    DhcpConf within(List<DhcpSubnet> including) {
        outer = List.copyOf(including);
        return this;
    }

    List<DhcpSubnet> outerSubnets() {
        return outer;
    }

    /** This file's subnets, then those of the file including it. */
    List<DhcpSubnet> allSubnets() {
        if (outer.isEmpty()) {
            return subnets;
        }
        List<DhcpSubnet> all = new ArrayList<>(subnets);
        all.addAll(outer);
        return all;
    }

    /** Offset of the '}' closing the block whose '{' is at {@code open}; the text's end for -1. */
    int closeOf(int open) {
        return open < 0 ? text.length() : closes.getOrDefault(open, text.length());
    }

    /** Files named by {@code include} statements, as written. */
    public List<String> includes() {
        return includes;
    }

    Optional<DhcpHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    int lineOf(int offset) {
        return Text.lineOf(text, offset);
    }

    /** Statements and blocks up to the '}' closing the block opened at {@code open} (-1: end of file). */
    private List<DhcpStatement> items(List<String> scope, int open) {
        List<DhcpStatement> statements = new ArrayList<>();
        List<DhcpToken> words = new ArrayList<>();
        while (next < tokens.size()) {
            DhcpToken t = tokens.get(next++);
            if (t.is(Kind.SEMI)) {
                if (!words.isEmpty()) {
                    statement(words, t, statements);
                }
                words = new ArrayList<>();
            } else if (t.is(Kind.LBRACE)) {
                block(words, t, scope, open);
                words = new ArrayList<>();
            } else if (t.is(Kind.RBRACE)) {
                if (open < 0) {
                    throw new FileEditException(path, lineOf(t.start()), "'}' without a matching '{'");
                }
                missingSemicolon(words);
                closes.put(open, t.start());
                return statements;
            } else {
                words.add(t);
            }
        }
        if (open >= 0) {
            throw new FileEditException(path, lineOf(open), "block opened here is never closed with '}'");
        }
        missingSemicolon(words);
        return statements;
    }

    private void statement(List<DhcpToken> words, DhcpToken semi, List<DhcpStatement> into) {
        into.add(DhcpStatement.of(List.copyOf(words), words.get(0).start(), semi.end()));
        if (words.get(0).text().equalsIgnoreCase("include") && words.size() > 1) {
            includes.add(words.get(1).value());
        }
    }

    private void missingSemicolon(List<DhcpToken> words) {
        if (!words.isEmpty()) {
            DhcpToken last = words.get(words.size() - 1);
            throw new FileEditException(path, lineOf(last.start()), "semicolon expected after '" + last.text() + "'");
        }
    }

    private void block(List<DhcpToken> header, DhcpToken open, List<String> scope, int parent) {
        if (header.isEmpty()) {
            throw new FileEditException(path, lineOf(open.start()), "'{' without a declaration before it");
        }
        String kind = header.get(0).text().toLowerCase(Locale.ROOT);
        String title = String.join(" ", header.stream().map(DhcpToken::text).toList());
        List<String> inner = new ArrayList<>(scope);
        inner.add(title);
        int start = header.get(0).start();
        int firstChild = next < tokens.size() ? tokens.get(next).start() : open.end();
        if (kind.equals("subnet") && header.size() >= 4 && header.get(2).text().equalsIgnoreCase("netmask")) {
            items(inner, open.start());
            DhcpSubnet s = new DhcpSubnet(header.get(1).text(), header.get(3).text(), start, open.start(),
                    tokens.get(next - 1).start(), firstChild);
            subnets.add(s);
            attach(s);
        } else if (kind.equals("host") && header.size() >= 2) {
            int index = hosts.size();
            hosts.add(null);
            List<DhcpStatement> body = items(inner, open.start());
            hosts.set(index, new DhcpHost(header.get(1).value(), start, open.start(), tokens.get(next - 1).start(),
                    parent, body, List.copyOf(scope), Optional.empty()));
        } else {
            items(inner, open.start());
        }
    }

    /** Hosts parsed inside a subnet were created before the subnet's end was known. */
    private void attach(DhcpSubnet s) {
        for (int i = 0; i < hosts.size(); i++) {
            DhcpHost h = hosts.get(i);
            if (h != null && h.start() > s.open() && h.start() < s.close() && h.subnet().isEmpty()) {
                hosts.set(i, h.in(s));
            }
        }
    }
}
