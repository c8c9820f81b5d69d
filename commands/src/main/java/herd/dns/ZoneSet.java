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

    /** A record of an add, with the zone it goes to. */
    private record Pending(String zone, String owner, String type, String data) {
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
        for (Add a : adds) {
            String fqdn = a.type().equals("PTR") ? ptrOwner(a.fqdn()) : a.fqdn();
            String zone = zoneFor(fqdn);
            ZoneFile z = zone(zone);
            for (ZoneRecords.Hit e : ZoneRecords.hits(z, fqdn, null)) {
                if (e.type().equals(a.type()) || e.type().equals("CNAME") || a.type().equals("CNAME")) {
                    throw new DnsException(fqdn + " already has " + e.type() + " " + e.data() + " (" + z.path() + ":"
                            + e.entry().line() + ")" + (e.type().equals(a.type()) ? "; remove it first" : ""));
                }
            }
            List<Pending> records = new ArrayList<>();
            records.add(new Pending(zone, fqdn, a.type(), a.value()));
            if (a.withPtr() && (a.type().equals("A") || a.type().equals("AAAA"))) {
                String rev = DnsNames.reverse(a.value());
                String ptrName = ptrOwner(rev);
                String rzone = DnsNames.zoneOf(ptrName, settings.zones()).orElseThrow(() -> new DnsException(
                        "no reverse zone in the inventory holds " + rev + " (use --no-ptr)"));
                ZoneFile r = zone(rzone);
                for (ZoneRecords.Hit e : ZoneRecords.hits(r, ptrName, "PTR")) {
                    throw new DnsException(a.value() + " already has PTR " + e.target() + " (" + r.path() + ":"
                            + e.entry().line() + ")");
                }
                records.add(new Pending(rzone, ptrName, "PTR", fqdn));
            }
            for (Pending p : records) {
                String note = extend(p.zone(), p.owner(), p.type(), p.data());
                if (note.isEmpty()) {
                    byZone.computeIfAbsent(p.zone(), k -> new ArrayList<>()).add(new ZoneEdits.NewRecord(p.owner(), p.type(),
                            p.data(), a.ttl()));
                }
                done.add(p.owner() + " " + p.type() + " " + p.data() + note);
            }
        }
        byZone.forEach((zone, records) -> edit(zone, ZoneEdits.addAll(zone(zone), records)));
        return done;
    }

    /** Extends a {@code $GENERATE} line of {@code zone} whose next (or previous) value is the record; the note, or "". */
    private String extend(String zone, String owner, String type, String data) {
        Optional<ZoneRecords.Taken> t = ZoneRecords.extend(zone(zone), owner, type, data);
        t.ifPresent(x -> edit(zone, x.text()));
        return t.map(ZoneRecords.Taken::note).orElse("");
    }

    /** Takes one record out of the file; for a generated one, the note saying how its line changed. */
    private String take(String zone, ZoneFile z, ZoneRecords.Hit hit) {
        ZoneRecords.Taken t = ZoneRecords.take(z, hit);
        edit(zone, t.text());
        return t.note();
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
            ZoneRecords.Hit hit = ZoneRecords.hits(z, owner, type).stream()
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
            ZoneRecords.Hit hit = ZoneRecords.hits(r, ptrName, "PTR").stream().filter(e -> e.target().equals(target))
                    .findFirst().orElse(null);
            if (hit == null) {
                break;
            }
            done.add(ptrName + " PTR " + target + take(rzone, r, hit));
        }
        return done;
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
            for (ZoneRecords.Hit h : ZoneRecords.hits(zone(zone.get()), rev, "CNAME")) {
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
