package herd.dns;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new record goes in a zone file, as a careful admin would put it: in the {@code $TTL} /
 * {@code $ORIGIN} stretch that gives it the TTL asked for (else the stretch of its siblings,
 * records of names like it: {@code node12} for {@code node13}, PTRs to such names), among those
 * siblings (else the records of its type under the same parent name), in address order where
 * they are sorted, else after the last of them. {@code $GENERATE} lines count as siblings.
 */
final class ZonePlacement {
    /** A record already there that the new one sits beside: a plain record or a {@code $GENERATE} line. */
    private record Sibling(ZoneEntry entry, int index, String owner, String target, String key, int stretch) {
    }

    /**
     * Where: the record whose columns to copy, the offset of the new line, the TTL of the stretch
     * there (null when no {@code $TTL} is in force), and whether the new line leaves its owner
     * blank to inherit it from the record above.
     */
    record Spot(ZoneEntry template, int at, Long stretchTtl, boolean inherit) {
        Spot(ZoneEntry template, int at, Long stretchTtl) {
            this(template, at, stretchTtl, false);
        }
    }

    private final ZoneFile z;
    private final List<ZoneEntry> entries;
    private final int[] stretchOf;
    private final List<Long> stretchTtl = new ArrayList<>();
    private final List<String> stretchOrigin = new ArrayList<>();
    private final Long defaultTtl;

    ZonePlacement(ZoneFile z) {
        this.z = z;
        this.entries = z.entries();
        this.stretchOf = new int[entries.size()];
        Long ttl = null;
        String origin = z.zone();
        stretchTtl.add(null);
        stretchOrigin.add(origin);
        Long atSoa = null;
        for (int i = 0; i < entries.size(); i++) {
            ZoneEntry e = entries.get(i);
            if (e.directive() && (e.type().equals("$TTL") || e.type().equals("$ORIGIN"))) {
                if (e.type().equals("$TTL") && !e.rdata().isEmpty()) {
                    ttl = ZoneTtl.seconds(e.rdata().get(0).text());
                } else if (!e.rdata().isEmpty()) {
                    origin = ZoneFile.absolute(e.rdata().get(0).text(), e.origin());
                }
                stretchTtl.add(ttl);
                stretchOrigin.add(origin);
            }
            stretchOf[i] = stretchTtl.size() - 1;
            if (e.isRecord() && e.type().equals("SOA") && atSoa == null) {
                atSoa = ttl;
            }
        }
        this.defaultTtl = atSoa;
    }

    /** Where {@code owner TYPE data} goes; empty in a file without any record. */
    Optional<Spot> place(String owner, String type, String data, Long wantTtl) {
        Optional<Spot> own = besideOwner(owner, type);
        if (own.isPresent()) {
            return own;
        }
        List<Sibling> ofType = siblings(type);
        String stem = stem(type.equals("PTR") ? data : owner);
        String parent = parent(owner);
        List<Sibling> named = ofType.stream().filter(s -> parent(s.owner()).equals(parent)
                && stem(type.equals("PTR") ? s.target() : s.owner()).equals(stem)).toList();
        List<Sibling> sameParent = ofType.stream().filter(s -> parent(s.owner()).equals(parent)).toList();
        Integer stretch = stretch(owner, wantTtl, ofType, named, sameParent);
        if (stretch == null) {
            return lastRecord(owner, wantTtl != null ? wantTtl : defaultTtl)
                    .map(i -> new Spot(entries.get(i), after(i), stretchTtl.get(stretchOf[i])));
        }
        int s = stretch;
        List<Sibling> set = inStretch(named, s);
        set = set.isEmpty() ? inStretch(sameParent, s) : set;
        set = set.isEmpty() ? inStretch(ofType, s) : set;
        String key = key(type, owner, data);
        Sibling before = null;
        if (key != null && sorted(set)) {
            Sibling previous = null;
            for (Sibling sib : set) {
                if (sib.key().compareTo(key) < 0) {
                    previous = sib;
                }
            }
            if (previous == null) {
                Sibling first = set.get(0);
                return Optional.of(new Spot(template(first, type), groupStart(first.index()), stretchTtl.get(s)));
            }
            before = previous;
        }
        Sibling last = before != null ? before : set.get(set.size() - 1);
        return Optional.of(new Spot(template(last, type), after(last.index()), stretchTtl.get(s)));
    }

    /**
     * A new type for an owner that has records goes at the end of the owner's last group: as a
     * blank-owner line where the file writes its other groups so, else with the owner written.
     */
    private Optional<Spot> besideOwner(String owner, String type) {
        int last = -1;
        ZoneEntry blank = null;
        for (int i = 0; i < entries.size(); i++) {
            ZoneEntry e = entries.get(i);
            if (e.isRecord() && e.owner().equals(owner)) {
                last = i;
            }
            if (e.isRecord() && e.ownerToken().isEmpty() && !e.owner().equals(z.zone())
                    && (blank == null || (!blank.type().equals(type) && e.type().equals(type)))) {
                blank = e;
            }
        }
        if (last < 0) {
            return Optional.empty();
        }
        ZoneEntry template = blank != null ? blank : entries.get(last);
        return Optional.of(new Spot(template, after(last), stretchTtl.get(stretchOf[last]), blank != null));
    }

    /**
     * The stretch the record goes in: with a TTL asked for, one whose $TTL gives it (and whose
     * $ORIGIN holds the name); else the stretch of its siblings; null when the type has no record.
     */
    private Integer stretch(String owner, Long wantTtl, List<Sibling> ofType, List<Sibling> named, List<Sibling> sameParent) {
        if (wantTtl != null) {
            Predicate<Sibling> fits = s -> wantTtl.equals(stretchTtl.get(s.stretch())) && under(owner, s.stretch());
            Optional<Integer> giving = lastStretch(named, fits).or(() -> lastStretch(sameParent, fits))
                    .or(() -> lastStretch(ofType, fits));
            if (giving.isPresent()) {
                return giving.get();
            }
        }
        Predicate<Sibling> usual = s -> defaultTtl == null || defaultTtl.equals(stretchTtl.get(s.stretch()));
        return lastStretch(named, s -> true).or(() -> lastStretch(sameParent, usual))
                .or(() -> lastStretch(sameParent, s -> true)).or(() -> lastStretch(ofType, s -> under(owner, s.stretch())))
                .orElse(null);
    }

    private List<Sibling> siblings(String type) {
        List<Sibling> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ZoneEntry e = entries.get(i);
            if (e.isRecord() && e.type().equals(type) && !e.owner().equals(z.zone())) {
                String target = e.rdata().isEmpty() ? "" : ZoneFile.absolute(e.rdata().get(e.rdata().size() - 1).text(), e.origin());
                out.add(new Sibling(e, i, e.owner(), target, key(type, e.owner(), e.data()), stretchOf[i]));
            } else if (e.directive()) {
                Optional<ZoneGenerate> g = ZoneGenerate.of(e, z.text()).filter(x -> x.type().equals(type));
                if (g.isPresent()) {
                    int v = g.get().last();
                    String owner = g.get().owner(v);
                    String data = g.get().data(v);
                    out.add(new Sibling(e, i, owner, ZoneFile.absolute(data, e.origin()), key(type, owner, data), stretchOf[i]));
                }
            }
        }
        return out;
    }

    private Optional<Integer> lastStretch(List<Sibling> from, Predicate<Sibling> which) {
        for (int i = from.size() - 1; i >= 0; i--) {
            if (which.test(from.get(i))) {
                return Optional.of(from.get(i).stretch());
            }
        }
        return Optional.empty();
    }

    private static List<Sibling> inStretch(List<Sibling> from, int stretch) {
        return from.stream().filter(s -> s.stretch() == stretch).toList();
    }

    private boolean under(String owner, int stretch) {
        String origin = stretchOrigin.get(stretch);
        return owner.equals(origin) || owner.endsWith("." + origin) || origin.equals(".");
    }

    /**
     * The first record of its type goes after the last record (the zone's own left out) of a
     * stretch that gives it its TTL and holds its name, else after the last record.
     */
    private Optional<Integer> lastRecord(String owner, Long ttl) {
        Integer any = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            ZoneEntry e = entries.get(i);
            if (e.isRecord() && !e.type().equals("SOA")) {
                boolean gives = ttl != null && ttl.equals(stretchTtl.get(stretchOf[i])) && under(owner, stretchOf[i]);
                if (gives && !e.owner().equals(z.zone())) {
                    return Optional.of(i);
                }
                any = any == null ? i : any;
            }
        }
        if (any == null) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).isRecord()) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.ofNullable(any);
    }

    /** The end of entry {@code index} and of the records after it that inherit its owner. */
    private int after(int index) {
        int at = entries.get(index).end();
        if (entries.get(index).directive()) {
            return at;
        }
        for (int i = index + 1; i < entries.size() && entries.get(i).isRecord() && entries.get(i).ownerToken().isEmpty(); i++) {
            at = entries.get(i).end();
        }
        return at;
    }

    /** The start of the record that names the owner of entry {@code index} (which may inherit it). */
    private int groupStart(int index) {
        int i = index;
        while (i > 0 && entries.get(i).isRecord() && entries.get(i).ownerToken().isEmpty() && entries.get(i - 1).isRecord()) {
            i--;
        }
        return entries.get(i).start();
    }

    /** The record whose columns the new one copies: the sibling, or for a $GENERATE the nearest plain record of the type. */
    private ZoneEntry template(Sibling s, String type) {
        if (s.entry().isRecord()) {
            return s.entry();
        }
        ZoneEntry best = null;
        int distance = Integer.MAX_VALUE;
        for (int i = 0; i < entries.size(); i++) {
            ZoneEntry e = entries.get(i);
            int d = Math.abs(i - s.index()) + (e.type().equals(type) ? 0 : entries.size());
            if (e.isRecord() && !e.type().equals("SOA") && d < distance) {
                distance = d;
                best = e;
            }
        }
        return best == null ? s.entry() : best;
    }

    /** In order, and at least two of them: one record is no evidence of a sorted file. */
    private static boolean sorted(List<Sibling> set) {
        for (int i = 0; i < set.size(); i++) {
            if (set.get(i).key() == null || (i > 0 && set.get(i - 1).key().compareTo(set.get(i).key()) > 0)) {
                return false;
            }
        }
        return set.size() > 1;
    }

    /**
     * What orders records of a type: the address for A, AAAA and PTR (the address of its name),
     * the owner's name (numbers by value) for the others; null when there is none.
     */
    private static String key(String type, String owner, String data) {
        BigInteger address = switch (type) {
            case "A", "AAAA" -> DnsNames.order(data);
            case "PTR" -> DnsNames.reverseOrder(owner);
            default -> BigInteger.ONE.negate();
        };
        if (address == null) {
            return null;
        }
        if (address.signum() >= 0) {
            return String.format("%040x", address);
        }
        Matcher m = Pattern.compile("[0-9]+").matcher(owner.toLowerCase(Locale.ROOT));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, String.format("%012d", Long.parseLong(m.group().length() > 12 ? "0" : m.group())));
        }
        return m.appendTail(b).toString();
    }

    /** A name's first label without its numbers: {@code node} for {@code node13.cluster.local.}, {@code node#-bmc}. */
    private static String stem(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT).replaceAll("[0-9]+", "#")
                .replaceFirst("#$", "");
    }

    private static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
