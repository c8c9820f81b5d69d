package herd.hosts;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Where a new hosts line goes: among its siblings (lines of names like it, {@code cn12} for
 * {@code cn13}, else the lines of its address family, loopback left out), in address order where
 * they are sorted, else after the last of them; after the lines of the same host that follow.
 */
final class HostsPlacement {
    private HostsPlacement() {
    }

    /** The line to copy the layout of, and the offset where the new line starts. */
    record Spot(HostsFile.Entry template, int at) {
    }

    static Optional<Spot> find(HostsFile h, String name, String ip, String domain) {
        List<HostsFile.Entry> all = h.entries();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        int family = HostsAddresses.family(ip);
        List<HostsFile.Entry> kin = all.stream()
                .filter(e -> HostsAddresses.family(e.ip()) == family && !HostsAddresses.special(e.ip())).toList();
        String stem = stem(name, domain);
        List<HostsFile.Entry> siblings = kin.stream().filter(e -> stem(e.names().get(0), domain).equals(stem)).toList();
        List<HostsFile.Entry> set = siblings.isEmpty() ? kin : siblings;
        if (set.isEmpty()) {
            return Optional.of(after(all, all.get(all.size() - 1)));
        }
        BigInteger want = HostsAddresses.order(ip);
        if (sorted(set)) {
            HostsFile.Entry before = null;
            for (HostsFile.Entry e : set) {
                if (HostsAddresses.order(e.ip()).compareTo(want) < 0) {
                    before = e;
                }
            }
            if (before == null) {
                return Optional.of(new Spot(set.get(0), set.get(0).start()));
            }
            return Optional.of(after(all, before));
        }
        return Optional.of(after(all, set.get(set.size() - 1)));
    }

    /** After {@code e} and the lines right below it that name the same host (its other addresses). */
    private static Spot after(List<HostsFile.Entry> all, HostsFile.Entry e) {
        int i = all.indexOf(e);
        HostsFile.Entry last = e;
        while (i + 1 < all.size() && all.get(i + 1).start() == last.end()
                && all.get(i + 1).names().get(0).equalsIgnoreCase(e.names().get(0))) {
            last = all.get(++i);
        }
        return new Spot(e, last.end());
    }

    /** In address order, and at least two of them: one line is no evidence of a sorted file. */
    private static boolean sorted(List<HostsFile.Entry> set) {
        if (set.size() < 2) {
            return false;
        }
        for (int i = 1; i < set.size(); i++) {
            if (HostsAddresses.order(set.get(i - 1).ip()).compareTo(HostsAddresses.order(set.get(i).ip())) > 0) {
                return false;
            }
        }
        return true;
    }

    /** A host name without its domain and its numbers: {@code cn}, {@code compute-}, {@code node#-bmc}. */
    private static String stem(String name, String domain) {
        String shortName = HostsFile.key(name, domain);
        int dot = shortName.indexOf('.');
        return (dot < 0 ? shortName : shortName.substring(0, dot)).replaceAll("[0-9]+", "#").replaceFirst("#$", "");
    }
}
