package herd.dns;

import herd.files.FileChange;
import herd.files.FileEditor;
import herd.services.DnsSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The zone files of one edit, opened on first use: records are added and removed (with their
 * PTRs) on the texts, and {@link #changes} bumps each touched zone's serial once.
 *
 * <pre>{@code
 * ZoneSet zones = new ZoneSet(editor, settings);
 * zones.add("valkyrie03.cluster.local.", "A", "10.10.3.3", true);   // A + PTR
 * List<FileChange> changes = zones.changes(LocalDate.now());
 * }</pre>
 */
public final class ZoneSet {
    private final FileEditor editor;
    private final DnsSettings settings;
    private final Map<String, FileChange> open = new LinkedHashMap<>();
    private final Map<String, Long> serials = new LinkedHashMap<>();
    private final Map<String, ZoneFile> parsed = new LinkedHashMap<>();

    public ZoneSet(FileEditor editor, DnsSettings settings) {
        this.editor = editor;
        this.settings = settings;
    }

    /** The parsed current text of {@code zone}. */
    public ZoneFile zone(String zone) {
        FileChange c = open.computeIfAbsent(zone, z -> {
            String file = settings.zones().get(z);
            if (file == null) {
                throw new DnsException("zone " + z + " is not in the inventory's services.dns.zones");
            }
            return editor.open(file);
        });
        ZoneFile parsed = this.parsed.get(zone);
        if (parsed == null || parsed.text() != c.after()) {
            // Parsed once per edit, not per lookup: net sync looks up each node several times.
            parsed = ZoneFile.parse(c.path(), zone, c.after());
            this.parsed.put(zone, parsed);
        }
        return parsed;
    }

    /** Zone name for an absolute name; a {@link DnsException} when no configured zone holds it. */
    public String zoneFor(String fqdn) {
        return DnsNames.zoneOf(fqdn, settings.zones()).orElseThrow(() -> new DnsException(
                "no zone in the inventory holds " + fqdn + " (zones: " + String.join(", ", settings.zones().keySet()) + ")"));
    }

    /** A short name qualified with the domain (or a zone), an absolute name as is. */
    public String qualify(String name) {
        return DnsNames.qualify(name, settings);
    }

    /** The reverse (in-addr.arpa / ip6.arpa) name of an address. */
    public static String reverseName(String ip) {
        return DnsNames.reverse(ip);
    }

    /** True when a configured zone holds {@code fqdn}. */
    public boolean holds(String fqdn) {
        return DnsNames.zoneOf(fqdn, settings.zones()).isPresent();
    }

    /** The data of {@code fqdn TYPE} in its zone file, names made absolute; empty when none. */
    public List<String> values(String fqdn, String type) {
        String zone = DnsNames.zoneOf(fqdn, settings.zones()).orElse(null);
        if (zone == null) {
            return List.of();
        }
        return zone(zone).records(fqdn, type).stream()
                .map(e -> type.equals("A") || type.equals("AAAA") ? e.data() : ZoneFile.absolute(e.data(), e.origin()))
                .toList();
    }

    /** Every record of every configured zone, as {@code zone -> entries}, for checks. */
    public Map<String, ZoneFile> all() {
        Map<String, ZoneFile> out = new LinkedHashMap<>();
        settings.zones().keySet().forEach(z -> out.put(z, zone(z)));
        return out;
    }

    /** One record to add, with its PTR when {@code withPtr} and it is an A or AAAA; {@code ttl} null: as the neighbours. */
    public record Add(String fqdn, String type, String value, boolean withPtr, String ttl) {
        public Add(String fqdn, String type, String value, boolean withPtr) {
            this(fqdn, type, value, withPtr, null);
        }
    }

    /** A record as found: a line of the file, or one value of a {@code $GENERATE} line. */
    private record Hit(ZoneEntry entry, ZoneGenerate generate, int value, String type, String data) {
        String target() {
            return ZoneFile.absolute(data, entry.origin());
        }
    }

    /** Adds a record (and the PTR of an A/AAAA when {@code withPtr}); returns what was added. */
    public List<String> add(String fqdn, String type, String value, boolean withPtr) {
        return addAll(List.of(new Add(fqdn, type, value, withPtr)));
    }

    /**
     * Adds records, each placed as {@link ZoneEdits#add} places it (or extending a
     * {@code $GENERATE} line whose next value is that record), with one edit per zone. A name that
     * already has the type (or a CNAME), or an address that already has a PTR, is refused before
     * anything changes. A PTR goes where the address's reverse name points (RFC 2317: the CNAME
     * into a classless zone, or the classless zone that covers the address).
     */
    public List<String> addAll(List<Add> adds) {
        Map<String, List<ZoneEdits.NewRecord>> byZone = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        Map<String, String> extended = new LinkedHashMap<>();
        for (Add a : adds) {
            String fqdn = a.type().equals("PTR") ? ptrOwner(a.fqdn()) : a.fqdn();
            String zone = zoneFor(fqdn);
            ZoneFile z = zone(zone);
            for (Hit e : hits(z, fqdn, null)) {
                if (e.type().equals(a.type()) || e.type().equals("CNAME") || a.type().equals("CNAME")) {
                    throw new DnsException(fqdn + " already has " + e.type() + " " + e.data() + " (" + z.path() + ":"
                            + e.entry().line() + ")" + (e.type().equals(a.type()) ? "; remove it first" : ""));
                }
            }
            List<String[]> records = new ArrayList<>();
            records.add(new String[] {zone, fqdn, a.type(), a.value()});
            if (a.withPtr() && (a.type().equals("A") || a.type().equals("AAAA"))) {
                String rev = DnsNames.reverse(a.value());
                String ptrName = ptrOwner(rev);
                String rzone = DnsNames.zoneOf(ptrName, settings.zones()).orElseThrow(() -> new DnsException(
                        "no reverse zone in the inventory holds " + rev + " (use --no-ptr)"));
                ZoneFile r = zone(rzone);
                for (Hit e : hits(r, ptrName, "PTR")) {
                    throw new DnsException(a.value() + " already has PTR " + e.target() + " (" + r.path() + ":" + e.entry().line() + ")");
                }
                records.add(new String[] {rzone, ptrName, "PTR", fqdn});
            }
            for (String[] rec : records) {
                String note = extend(rec[0], rec[1], rec[2], rec[3]);
                if (note.isEmpty()) {
                    byZone.computeIfAbsent(rec[0], k -> new ArrayList<>()).add(new ZoneEdits.NewRecord(rec[1], rec[2], rec[3], a.ttl()));
                }
                done.add(rec[1] + " " + rec[2] + " " + rec[3] + note);
            }
        }
        byZone.forEach((zone, records) -> edit(zone, ZoneEdits.addAll(zone(zone), records)));
        return done;
    }

    /** Extends a {@code $GENERATE} line of {@code zone} whose next (or previous) value is the record; the note, or "". */
    private String extend(String zone, String owner, String type, String data) {
        ZoneFile z = zone(zone);
        boolean names = !type.equals("A") && !type.equals("AAAA");
        for (ZoneEntry e : z.entries()) {
            Optional<ZoneGenerate> g = ZoneGenerate.of(e, z.text());
            if (g.isEmpty()) {
                continue;
            }
            ZoneGenerate gen = g.get();
            int from = gen.first();
            int to = gen.last();
            if (gen.wouldMake(to + gen.step(), owner, type, data, names)) {
                to += gen.step();
            } else if (gen.wouldMake(from - gen.step(), owner, type, data, names)) {
                from -= gen.step();
            } else {
                continue;
            }
            edit(zone, z.text().substring(0, e.start()) + gen.line(from, to) + z.text().substring(e.end()));
            return " (extends $GENERATE " + gen.range(gen.first(), gen.last()) + " to " + gen.range(from, to) + ")";
        }
        return "";
    }

    /**
     * Removes the records of {@code fqdn} of {@code type} (null: every type) with {@code value}
     * (null: any), and the PTRs pointing back at its addresses when {@code withPtr}. A record made
     * by a {@code $GENERATE} line takes its value out of the range (the line shrinks or is split).
     */
    public List<String> remove(String fqdn, String type, String value, boolean withPtr) {
        String owner = "PTR".equals(type) ? ptrOwner(fqdn) : fqdn;
        String zone = zoneFor(owner);
        List<String> done = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        while (true) {
            ZoneFile z = zone(zone);
            Hit hit = hits(z, owner, type).stream()
                    .filter(e -> !e.type().equals("SOA") && !(e.type().equals("NS") && owner.equals(z.zone())))
                    .filter(e -> value == null || e.data().equalsIgnoreCase(value) || e.target().equals(ZoneFile.absolute(value)))
                    .findFirst().orElse(null);
            if (hit == null) {
                break;
            }
            done.add(owner + " " + hit.type() + " " + hit.data() + take(zone, z, hit));
            if (hit.type().equals("A") || hit.type().equals("AAAA")) {
                addresses.add(hit.data());
            }
        }
        if (done.isEmpty()) {
            throw new DnsException(owner + " has no " + (type == null ? "" : type + " ") + "record"
                    + (value == null ? "" : " " + value) + " in zone " + zone);
        }
        for (String ip : withPtr ? addresses : List.<String>of()) {
            done.addAll(removePtr(ptrOwner(DnsNames.reverse(ip)), fqdn));
        }
        return done;
    }

    private List<String> removePtr(String ptrName, String target) {
        List<String> done = new ArrayList<>();
        String rzone = DnsNames.zoneOf(ptrName, settings.zones()).orElse(null);
        while (rzone != null) {
            ZoneFile r = zone(rzone);
            Hit hit = hits(r, ptrName, "PTR").stream().filter(e -> e.target().equals(target)).findFirst().orElse(null);
            if (hit == null) {
                break;
            }
            done.add(ptrName + " PTR " + target + take(rzone, r, hit));
        }
        return done;
    }

    /** Takes one record out of the file; for a generated one, the note saying how its line changed. */
    private String take(String zone, ZoneFile z, Hit hit) {
        if (hit.generate() == null) {
            edit(zone, ZoneEdits.remove(z, hit.entry()));
            return "";
        }
        ZoneGenerate g = hit.generate();
        int v = hit.value();
        String text = z.text();
        String was = g.range(g.first(), g.last());
        String lines;
        String note;
        if (g.first() == g.last()) {
            lines = "";
            note = " (removes $GENERATE " + was + ")";
        } else if (v == g.first() || v == g.last()) {
            int from = v == g.first() ? v + g.step() : g.first();
            int to = v == g.last() ? v - g.step() : g.last();
            lines = g.line(from, to);
            note = " (shrinks $GENERATE " + was + " to " + g.range(from, to) + ")";
        } else {
            String left = g.line(g.first(), v - g.step());
            lines = (left.endsWith("\n") ? left : left + herd.files.Text.newline(text)) + g.line(v + g.step(), g.last());
            note = " (splits $GENERATE " + was + " into " + g.range(g.first(), v - g.step()) + " and "
                    + g.range(v + g.step(), g.last()) + ")";
        }
        edit(zone, text.substring(0, hit.entry().start()) + lines + text.substring(hit.entry().end()));
        return note;
    }

    /** The records of {@code owner} ({@code type} null: any type), lines and {@code $GENERATE} values alike. */
    private static List<Hit> hits(ZoneFile z, String owner, String type) {
        List<Hit> out = new ArrayList<>();
        for (ZoneEntry e : z.entries()) {
            if (e.isRecord()) {
                if (e.owner().equals(owner) && (type == null || e.type().equals(type))) {
                    out.add(new Hit(e, null, 0, e.type(), e.data()));
                }
            } else {
                ZoneGenerate.of(e, z.text()).filter(g -> type == null || g.type().equals(type)).ifPresent(g -> g
                        .valueOf(owner, g.type(), null, false).ifPresent(v -> out.add(new Hit(e, g, v, g.type(), g.data(v)))));
            }
        }
        return out;
    }

    /**
     * Where the PTR of reverse name {@code rev} lives: the target of its CNAME when that is in a
     * configured zone (RFC 2317 delegation), else its name in the classless zone that covers the
     * address, else {@code rev} itself.
     */
    String ptrOwner(String rev) {
        if (!rev.endsWith(".in-addr.arpa.")) {
            return rev;
        }
        Optional<String> zone = DnsNames.zoneOf(rev, settings.zones());
        if (zone.isPresent()) {
            for (Hit h : hits(zone(zone.get()), rev, "CNAME")) {
                if (DnsNames.zoneOf(h.target(), settings.zones()).isPresent()) {
                    return h.target();
                }
            }
        }
        return DnsNames.classless(rev, settings.zones()).orElse(rev);
    }

    /** Every changed zone file, its SOA serial bumped once. */
    public List<FileChange> changes(LocalDate today) {
        List<FileChange> out = new ArrayList<>();
        for (Map.Entry<String, FileChange> e : open.entrySet()) {
            FileChange c = e.getValue();
            if (c.changed()) {
                ZoneFile bumped = ZoneFile.parse(c.path(), e.getKey(), ZoneEdits.bumpSerial(
                        ZoneFile.parse(c.path(), e.getKey(), c.after()), today));
                serials.put(e.getKey(), ZoneEdits.serial(bumped));
                c = c.withAfter(bumped.text());
            }
            out.add(c);
        }
        return out;
    }

    /** Zone to new serial, for the zones {@link #changes} bumped. */
    public Map<String, Long> serials() {
        return serials;
    }

    private void edit(String zone, String text) {
        open.computeIfPresent(zone, (z, c) -> c.withAfter(text));
    }
}
