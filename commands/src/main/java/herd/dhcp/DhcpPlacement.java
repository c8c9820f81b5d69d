package herd.dhcp;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    private final DhcpConf conf;
    private final Map<Optional<DhcpSubnet>, List<DhcpHost>> candidates = new HashMap<>();
    private final Map<List<Object>, Siblings> siblings = new HashMap<>();
    private final Map<DhcpHost, Key> keys = new IdentityHashMap<>();
    private final Map<List<DhcpHost>, Map<String, List<DhcpHost>>> byStem = new IdentityHashMap<>();

    /** Siblings in one block, how they are sorted and spaced: the same for every new host placed there. */
    private record Siblings(List<DhcpHost> hosts, Comparator<Key> order, int blankLines) {
    }

    /** A placer for many hosts: what depends only on the file is worked out once. */
    DhcpPlacement(DhcpConf conf) {
        this.conf = conf;
    }

    static Spot of(DhcpConf conf, String name, String ip) {
        return new DhcpPlacement(conf).spot(name, ip);
    }

    Spot spot(String name, String ip) {
        String text = conf.text();
        long v = firstIpv4(ip);
        Optional<DhcpSubnet> subnet = v < 0 ? Optional.empty()
                : conf.allSubnets().stream().filter(s -> s.contains(v)).findFirst();
        List<DhcpHost> inSubnet = candidates.computeIfAbsent(subnet, s -> s.map(x -> conf.hosts().stream()
                .filter(h -> h.subnet().equals(s) || h.addresses().stream().anyMatch(x::contains)).toList())
                .orElse(conf.hosts()));
        if (inSubnet.isEmpty() && subnet.isPresent() && conf.subnets().contains(subnet.get())
                && DhcpText.onlySpaceBefore(text, subnet.get().close())
                && (conf.hosts().isEmpty() || conf.hosts().stream().anyMatch(h -> h.subnet().isPresent()))) {
            return endOfBlock(text, subnet.get(), nearest(conf.hosts(), name, v));
        }
        List<DhcpHost> pool = inSubnet.isEmpty() ? conf.hosts() : inSubnet;
        if (pool.isEmpty()) {
            return new Spot(Mode.END_OF_FILE, text.length(), null, "", 0, List.of(), null);
        }
        DhcpHost anchor = nearest(pool, name, v);
        Siblings block = siblings.computeIfAbsent(List.of(subnet, anchor.parent(), v >= 0), k -> {
            List<DhcpHost> hosts = pool.stream().filter(h -> h.parent() == anchor.parent()).toList();
            return new Siblings(hosts, order(hosts, v), blankLines(text, hosts));
        });
        List<DhcpHost> hosts = block.hosts();
        Key key = new Key(name, v);
        DhcpHost after = hosts.get(hosts.size() - 1);
        if (block.order() != null) {
            // Sorted: the last sibling below the new one, by bisection.
            int low = 0;
            int high = hosts.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (block.order().compare(key(hosts.get(mid)), key) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            after = low == 0 ? null : hosts.get(low - 1);
        }
        DhcpHost template = after != null ? after : hosts.get(0);
        String indent = DhcpText.indentOf(text, template.start());
        int blanks = block.blankLines() >= 0 ? block.blankLines()
                : DhcpLayout.of(conf, template).oneLine() ? 0 : DhcpText.blankLinesAbove(text, template.start());
        return after != null
                ? new Spot(Mode.AFTER, DhcpText.lineEnd(text, after.close()), template, indent, blanks, hosts,
                        block.order())
                : new Spot(Mode.BEFORE, DhcpText.lineStart(text, template.start()), template, indent, blanks, hosts,
                        block.order());
    }

    private static Spot endOfBlock(String text, DhcpSubnet s, DhcpHost template) {
        String indent = s.firstChild() < s.close() ? DhcpText.indentOf(text, s.firstChild())
                : DhcpText.indentOf(text, s.start()) + "  ";
        int blanks = template == null ? 0 : DhcpText.blankLinesAbove(text, template.start());
        return new Spot(Mode.END_OF_BLOCK, DhcpText.lineStart(text, s.close()), template, indent, blanks, List.of(),
                null);
    }

    private Key key(DhcpHost h) {
        return keys.computeIfAbsent(h, Key::of);
    }

    /** The host of the same name stem (valkyrie for valkyrie07) nearest by address; the later one on a tie. */
    private DhcpHost nearest(List<DhcpHost> hosts, String name, long ip) {
        List<DhcpHost> pool = byStem.computeIfAbsent(hosts, k -> new HashMap<>()).computeIfAbsent(stem(name),
                s -> hosts.stream().filter(h -> stem(h.name()).equals(s)).toList());
        DhcpHost best = null;
        long bestDistance = Long.MAX_VALUE;
        for (DhcpHost h : pool.isEmpty() ? hosts : pool) {
            long hip = key(h).ip();
            long d = ip >= 0 && hip >= 0 ? Math.abs(hip - ip) : Long.MAX_VALUE;
            if (best == null || d <= bestDistance) {
                best = h;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Sorted by name, else by address (when every sibling and the new host have one), else null. */
    private Comparator<Key> order(List<DhcpHost> siblings, long ip) {
        if (siblings.size() < 2) {
            return null;
        }
        if (increasing(siblings, BY_NAME)) {
            return BY_NAME;
        }
        boolean addresses = ip >= 0 && siblings.stream().allMatch(h -> key(h).ip() >= 0);
        return addresses && increasing(siblings, BY_ADDRESS) ? BY_ADDRESS : null;
    }

    private boolean increasing(List<DhcpHost> hosts, Comparator<Key> order) {
        for (int i = 1; i < hosts.size(); i++) {
            if (order.compare(key(hosts.get(i - 1)), key(hosts.get(i))) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The blank lines between two consecutive sibling blocks, -1 when no two are separated by blank lines only. */
    private static int blankLines(String text, List<DhcpHost> siblings) {
        for (int i = 1; i < siblings.size(); i++) {
            int from = DhcpText.lineEnd(text, siblings.get(i - 1).close());
            int to = DhcpText.lineStart(text, siblings.get(i).start());
            if (from < to && text.substring(from, to).isBlank()) {
                return (int) text.substring(from, to).chars().filter(c -> c == '\n').count() - 1;
            }
        }
        return -1;
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
