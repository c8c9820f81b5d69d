package herd.dns;

import herd.files.FileEditor;
import herd.files.WriteMode;
import herd.services.DnsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dynamic path of {@code dns add/remove}: RFC 2136 updates signed with TSIG, one per zone
 * (the record, then its PTR); no zone file is touched, named keeps them in its journal.
 */
final class DnsUpdates {
    private final FileEditor editor;
    private final DnsSettings settings;
    private final NamedControl named;

    DnsUpdates(FileEditor editor, DnsSettings settings, NamedControl named) {
        this.editor = editor;
        this.settings = settings;
        this.named = named;
    }

    /** What {@code dns remove NAME} asks named for: the types a node's name carries. */
    private static final List<String> OWNER_TYPES = List.of("A", "AAAA", "CNAME", "TXT", "MX", "HINFO", "SSHFP", "SRV");

    DnsResult add(DnsEngine.Target t, boolean withPtr, WriteMode mode) {
        List<String> done = new ArrayList<>();
        String zone = DnsNames.zoneOf(t.fqdn(), settings.zones()).orElse(settings.domain());
        done.add(t.fqdn() + " " + t.type() + " " + t.value());
        String ptr = withPtr && (t.type().equals("A") || t.type().equals("AAAA")) ? DnsNames.reverse(t.value()) : null;
        if (ptr != null) {
            done.add(ptr + " PTR " + t.fqdn());
        }
        if (mode != WriteMode.DRY_RUN) {
            named.update(zone, List.of(new NamedControl.Change(true, t.fqdn(), t.type(), t.value(), ttl(t, zone))));
            if (ptr != null) {
                String rzone = DnsNames.zoneOf(ptr, settings.zones()).orElseThrow(() -> new DnsException(
                        "no reverse zone in the inventory holds " + ptr + " (use --no-ptr)"));
                named.update(rzone, List.of(new NamedControl.Change(true, ptr, "PTR", t.fqdn(), ttl(t, rzone))));
            }
        }
        return new DnsResult(List.of(), done, Map.of(), false, mode != WriteMode.DRY_RUN, true);
    }

    DnsResult remove(DnsEngine.Target t, boolean withPtr, WriteMode mode) {
        String zone = DnsNames.zoneOf(t.fqdn(), settings.zones()).orElse(settings.domain());
        List<String> types = t.type() == null ? OWNER_TYPES : List.of(t.type());
        List<String> done = new ArrayList<>();
        List<NamedControl.Change> changes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (String type : types) {
            for (String v : named.values(t.fqdn(), type)) {
                if (t.value() == null || v.equalsIgnoreCase(t.value()) || v.equals(ZoneFile.absolute(t.value()))) {
                    changes.add(new NamedControl.Change(false, t.fqdn(), type, v, 0));
                    done.add(t.fqdn() + " " + type + " " + v);
                    addresses.addAll(type.equals("A") || type.equals("AAAA") ? List.of(v) : List.of());
                }
            }
        }
        if (changes.isEmpty()) {
            throw new DnsException(t.fqdn() + " has no " + String.join(", ", types) + " record served by named");
        }
        if (mode != WriteMode.DRY_RUN) {
            named.update(zone, changes);
        }
        for (String ip : withPtr ? addresses : List.<String>of()) {
            String ptr = DnsNames.reverse(ip);
            DnsNames.zoneOf(ptr, settings.zones()).ifPresent(rzone -> {
                done.add(ptr + " PTR " + t.fqdn());
                if (mode != WriteMode.DRY_RUN) {
                    named.update(rzone, List.of(new NamedControl.Change(false, ptr, "PTR", t.fqdn(), 0)));
                }
            });
        }
        return new DnsResult(List.of(), done, Map.of(), false, mode != WriteMode.DRY_RUN, true);
    }

    /** The TTL asked for, else the zone file's first numeric $TTL, else an hour. */
    private long ttl(DnsEngine.Target t, String zone) {
        if (t.ttl() != null) {
            return ZoneTtl.seconds(t.ttl());
        }
        String file = settings.zones().get(zone);
        if (file != null && editor.files().exists(file)) {
            ZoneFile z = new ZoneSet(editor, settings).zone(zone);
            for (ZoneEntry e : z.entries()) {
                if (e.directive() && e.type().equals("$TTL") && !e.rdata().isEmpty() && e.rdata().get(0).text().matches("\\d+")) {
                    return Long.parseLong(e.rdata().get(0).text());
                }
            }
        }
        return 3600;
    }
}
