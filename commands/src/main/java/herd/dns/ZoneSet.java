package herd.dns;

import herd.files.FileChange;
import herd.files.FileEditor;
import herd.services.DnsSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** One record to add, with its PTR when {@code withPtr} and it is an A or AAAA. */
    public record Add(String fqdn, String type, String value, boolean withPtr) {
    }

    /** Adds a record (and the PTR of an A/AAAA when {@code withPtr}); returns what was added. */
    public List<String> add(String fqdn, String type, String value, boolean withPtr) {
        return addAll(List.of(new Add(fqdn, type, value, withPtr)));
    }

    /**
     * Adds records, each placed as {@link #add} would place it, with one edit per zone (linear for
     * a large first sync). A name that already has the type (or a CNAME), or an address that
     * already has a PTR, is refused before anything changes.
     */
    public List<String> addAll(List<Add> adds) {
        Map<String, List<ZoneEdits.NewRecord>> byZone = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        for (Add a : adds) {
            String zone = zoneFor(a.fqdn());
            ZoneFile z = zone(zone);
            for (ZoneEntry e : z.records(a.fqdn(), null)) {
                if (e.type().equals(a.type()) || e.type().equals("CNAME") || a.type().equals("CNAME")) {
                    throw new DnsException(a.fqdn() + " already has " + e.type() + " " + e.data() + " (" + z.path() + ":"
                            + e.line() + ")" + (e.type().equals(a.type()) ? "; remove it first" : ""));
                }
            }
            byZone.computeIfAbsent(zone, k -> new ArrayList<>()).add(new ZoneEdits.NewRecord(a.fqdn(), a.type(), a.value()));
            done.add(a.fqdn() + " " + a.type() + " " + a.value());
            if (a.withPtr() && (a.type().equals("A") || a.type().equals("AAAA"))) {
                String ptrName = DnsNames.reverse(a.value());
                String rzone = DnsNames.zoneOf(ptrName, settings.zones()).orElseThrow(() -> new DnsException(
                        "no reverse zone in the inventory holds " + ptrName + " (use --no-ptr)"));
                ZoneFile r = zone(rzone);
                for (ZoneEntry e : r.records(ptrName, "PTR")) {
                    throw new DnsException(a.value() + " already has PTR " + e.data() + " (" + r.path() + ":" + e.line() + ")");
                }
                byZone.computeIfAbsent(rzone, k -> new ArrayList<>()).add(new ZoneEdits.NewRecord(ptrName, "PTR", a.fqdn()));
                done.add(ptrName + " PTR " + a.fqdn());
            }
        }
        byZone.forEach((zone, records) -> edit(zone, ZoneEdits.addAll(zone(zone), records)));
        return done;
    }

    /**
     * Removes the records of {@code fqdn} of {@code type} (null: A, AAAA and CNAME) with
     * {@code value} (null: any), and the PTRs pointing back at it when {@code withPtr}.
     */
    public List<String> remove(String fqdn, String type, String value, boolean withPtr) {
        String zone = zoneFor(fqdn);
        List<String> done = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        while (true) {
            ZoneFile z = zone(zone);
            ZoneEntry hit = z.records(fqdn, type).stream()
                    .filter(e -> type != null || List.of("A", "AAAA", "CNAME").contains(e.type()))
                    .filter(e -> value == null || e.data().equalsIgnoreCase(value)
                            || ZoneFile.absolute(e.data(), e.origin()).equals(ZoneFile.absolute(value)))
                    .findFirst().orElse(null);
            if (hit == null) {
                break;
            }
            edit(zone, ZoneEdits.remove(z, hit));
            done.add(fqdn + " " + hit.type() + " " + hit.data());
            if (hit.type().equals("A") || hit.type().equals("AAAA")) {
                addresses.add(hit.data());
            }
        }
        if (done.isEmpty()) {
            throw new DnsException(fqdn + " has no " + (type == null ? "A, AAAA or CNAME" : type) + " record"
                    + (value == null ? "" : " " + value) + " in zone " + zone);
        }
        for (String ip : withPtr ? addresses : List.<String>of()) {
            done.addAll(removePtr(DnsNames.reverse(ip), fqdn));
        }
        return done;
    }

    private List<String> removePtr(String ptrName, String target) {
        List<String> done = new ArrayList<>();
        String rzone = DnsNames.zoneOf(ptrName, settings.zones()).orElse(null);
        while (rzone != null) {
            ZoneFile r = zone(rzone);
            ZoneEntry hit = r.records(ptrName, "PTR").stream()
                    .filter(e -> ZoneFile.absolute(e.data(), e.origin()).equals(target)).findFirst().orElse(null);
            if (hit == null) {
                break;
            }
            edit(rzone, ZoneEdits.remove(r, hit));
            done.add(ptrName + " PTR " + target);
        }
        return done;
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
