package herd.dhcp;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a new host goes: among its siblings (the hosts of its subnet, by declaration or by
 * address), in the block where the nearest of them is declared (global, subnet, shared-network,
 * group), after the one it sorts after where they are sorted by name or address, else after the
 * last; at the end of its subnet's block when the file declares hosts inside subnets and none in
 * this one; at the end of the file when there is no host at all.
 *
 * <pre>{@code
 * DhcpPlacement.Spot s = DhcpPlacement.of(conf, "valkyrie05", "10.10.3.5");   // AFTER valkyrie04
 * }</pre>
 */
final class DhcpPlacement {

    enum Mode { AFTER, BEFORE, END_OF_BLOCK, END_OF_FILE }

    /**
     * @param at offset: the line end of the sibling (AFTER), the line start of the sibling
     *     (BEFORE) or of the block's '}' (END_OF_BLOCK), the text's end (END_OF_FILE)
     * @param template the host whose layout the new one copies, null for none
     * @param blankLines blank lines between sibling blocks
     * @param siblings the hosts beside which the new one goes (may be empty)
     * @param order how the siblings are sorted, null when they are not
     */
    record Spot(Mode mode, int at, DhcpHost template, String indent, int blankLines, List<DhcpHost> siblings,
            Comparator<Key> order) {
    }

    /** What hosts sort by: natural name order (valkyrie9 before valkyrie10), or IPv4 address. */
    record Key(String name, long ip) {
        static Key of(DhcpHost h) {
            return new Key(h.name(), h.ipv4());
        }
    }

    static final Comparator<Key> BY_NAME = (a, b) -> natural(a.name(), b.name());
    static final Comparator<Key> BY_ADDRESS = Comparator.comparingLong(Key::ip);

    private DhcpPlacement() {
    }

    static Spot of(DhcpConf conf, String name, String ip) {
        String text = conf.text();
        long v = firstIpv4(ip);
        Optional<DhcpSubnet> subnet = v < 0 ? Optional.empty()
                : conf.allSubnets().stream().filter(s -> s.contains(v)).findFirst();
        List<DhcpHost> candidates = subnet.map(s -> conf.hosts().stream()
                .filter(h -> h.subnet().equals(Optional.of(s)) || h.addresses().stream().anyMatch(s::contains))
                .toList()).orElse(conf.hosts());
        if (candidates.isEmpty() && subnet.isPresent() && conf.subnets().contains(subnet.get())
                && DhcpText.onlySpaceBefore(text, subnet.get().close())
                && (conf.hosts().isEmpty() || conf.hosts().stream().anyMatch(h -> h.subnet().isPresent()))) {
            return endOfBlock(text, subnet.get(), nearest(conf.hosts(), name, v));
        }
        if (candidates.isEmpty()) {
            candidates = conf.hosts();
        }
        if (candidates.isEmpty()) {
            return new Spot(Mode.END_OF_FILE, text.length(), null, "", 0, List.of(), null);
        }
        DhcpHost anchor = nearest(candidates, name, v);
        List<DhcpHost> siblings = candidates.stream().filter(h -> h.parent() == anchor.parent()).toList();
        Comparator<Key> order = order(siblings, v);
        Key key = new Key(name, v);
        DhcpHost after = siblings.get(siblings.size() - 1);
        if (order != null) {
            after = null;
            for (DhcpHost h : siblings) {
                if (order.compare(Key.of(h), key) < 0) {
                    after = h;
                }
            }
        }
        DhcpHost template = after != null ? after : siblings.get(0);
        String indent = DhcpText.indentOf(text, template.start());
        int blanks = blankLines(text, siblings, template, DhcpLayout.of(conf, template).oneLine());
        return after != null
                ? new Spot(Mode.AFTER, DhcpText.lineEnd(text, after.close()), template, indent, blanks, siblings, order)
                : new Spot(Mode.BEFORE, DhcpText.lineStart(text, template.start()), template, indent, blanks,
                        siblings, order);
    }

    private static Spot endOfBlock(String text, DhcpSubnet s, DhcpHost template) {
        String indent = s.firstChild() < s.close() ? DhcpText.indentOf(text, s.firstChild())
                : DhcpText.indentOf(text, s.start()) + "  ";
        int blanks = template == null ? 0 : DhcpText.blankLinesAbove(text, template.start());
        return new Spot(Mode.END_OF_BLOCK, DhcpText.lineStart(text, s.close()), template, indent, blanks, List.of(),
                null);
    }

    /** The host of the same name stem (valkyrie for valkyrie07) nearest by address; the later one on a tie. */
    private static DhcpHost nearest(List<DhcpHost> hosts, String name, long ip) {
        List<DhcpHost> pool = hosts.stream().filter(h -> stem(h.name()).equals(stem(name))).toList();
        DhcpHost best = null;
        long bestDistance = Long.MAX_VALUE;
        for (DhcpHost h : pool.isEmpty() ? hosts : pool) {
            long d = ip >= 0 && h.ipv4() >= 0 ? Math.abs(h.ipv4() - ip) : Long.MAX_VALUE;
            if (best == null || d <= bestDistance) {
                best = h;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Sorted by name, else by address (when every sibling and the new host have one), else null. */
    private static Comparator<Key> order(List<DhcpHost> siblings, long ip) {
        if (siblings.size() < 2) {
            return null;
        }
        if (increasing(siblings, BY_NAME)) {
            return BY_NAME;
        }
        boolean addresses = ip >= 0 && siblings.stream().allMatch(h -> h.ipv4() >= 0);
        return addresses && increasing(siblings, BY_ADDRESS) ? BY_ADDRESS : null;
    }

    private static boolean increasing(List<DhcpHost> hosts, Comparator<Key> order) {
        for (int i = 1; i < hosts.size(); i++) {
            if (order.compare(Key.of(hosts.get(i - 1)), Key.of(hosts.get(i))) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The blank lines between two consecutive sibling blocks; else one-liners none, blocks as above the template. */
    private static int blankLines(String text, List<DhcpHost> siblings, DhcpHost template, boolean oneLine) {
        for (int i = 1; i < siblings.size(); i++) {
            int from = DhcpText.lineEnd(text, siblings.get(i - 1).close());
            int to = DhcpText.lineStart(text, siblings.get(i).start());
            if (from < to && text.substring(from, to).isBlank()) {
                return (int) text.substring(from, to).chars().filter(c -> c == '\n').count() - 1;
            }
        }
        return oneLine ? 0 : DhcpText.blankLinesAbove(text, template.start());
    }

    static long firstIpv4(String ip) {
        for (String a : ip.split(",")) {
            long v = DhcpSubnet.ipv4(a.strip());
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    private static String stem(String name) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    /** Compares runs of digits by value: n2 before n10. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
