package herd.net;

import herd.dhcp.DhcpChecks;
import herd.dhcp.DhcpEngine;
import herd.dhcp.DhcpEntry;
import herd.dns.DnsEngine;
import herd.dns.DnsRecord;
import herd.dns.ZoneSet;
import herd.files.FileProblem;
import herd.hosts.HostsEngine;
import herd.hosts.HostsFile;
import herd.inventory.Network;
import herd.services.ServiceSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code net check}: each file's own problems, then the files against each other (A without
 * PTR, PTR without A, names differing between DHCP, DNS and hosts) and against the inventory
 * (missing entry, other MAC or address, address outside every network). Read-only.
 */
final class NetChecks {
    private final ServiceSettings settings;
    private final DhcpEngine dhcp;
    private final DnsEngine dns;
    private final HostsEngine hosts;
    private final List<FileProblem> out = new ArrayList<>();

    NetChecks(ServiceSettings settings, DhcpEngine dhcp, DnsEngine dns, HostsEngine hosts) {
        this.settings = settings;
        this.dhcp = dhcp;
        this.dns = dns;
        this.hosts = hosts;
    }

    List<FileProblem> check(List<NetNode> inventory) {
        List<DhcpEntry> leases = dhcp == null ? List.of() : dhcp.list();
        List<DnsRecord> records = dns == null ? List.of() : dns.list(null);
        List<HostsFile.Entry> lines = hosts == null ? List.of() : hosts.list();
        if (dhcp != null) {
            out.addAll(dhcp.problems());
        }
        if (dns != null) {
            out.addAll(dns.problems());
            pointers(records);
        }
        if (hosts != null) {
            out.addAll(hosts.problems());
        }
        names(leases, records, lines);
        for (NetNode n : inventory) {
            node(n, leases, records, lines);
        }
        return out;
    }

    /** A records without their PTR, PTRs without the matching A. */
    private void pointers(List<DnsRecord> records) {
        Map<String, DnsRecord> ptrs = new LinkedHashMap<>();
        records.stream().filter(r -> r.type().equals("PTR")).forEach(r -> ptrs.put(r.name(), r));
        boolean reverseZones = settings.dns().zones().keySet().stream().anyMatch(z -> z.endsWith(".arpa"));
        for (DnsRecord a : records) {
            // An A inside a reverse zone is the name server's glue (the tutorial keeps one), not a host.
            if (!a.type().equals("A") || a.name().equals(zoneName(a)) || a.name().endsWith(".arpa.")) {
                continue;
            }
            DnsRecord p = ptrs.get(ZoneSet.reverseName(a.value()));
            if (reverseZones && p == null) {
                add(a.file(), a.line(), a.name() + " A " + a.value() + " has no PTR");
            } else if (p != null && !p.value().equals(a.name()) && records.stream().noneMatch(
                    r -> r.type().equals("A") && r.name().equals(p.value()) && r.value().equals(a.value()))) {
                add(a.file(), a.line(), a.name() + " A " + a.value() + " but the PTR of " + a.value() + " names " + p.value());
            }
        }
        for (DnsRecord p : ptrs.values()) {
            Optional<String> ip = address(p.name());
            if (ip.isPresent() && records.stream().noneMatch(r -> r.type().equals("A") && r.name().equals(p.value())
                    && r.value().equals(ip.get()))) {
                add(p.file(), p.line(), "PTR " + ip.get() + " -> " + p.value() + " has no A record " + p.value() + " "
                        + ip.get() + " in the configured zones");
            }
        }
    }

    /** The same address under different names in DHCP, DNS and hosts. */
    private void names(List<DhcpEntry> leases, List<DnsRecord> records, List<HostsFile.Entry> lines) {
        Map<String, String> dnsName = new LinkedHashMap<>();
        records.stream().filter(r -> r.type().equals("PTR")).forEach(r -> address(r.name())
                .ifPresent(ip -> dnsName.put(ip, shortName(r.value()))));
        for (DhcpEntry e : leases) {
            String name = e.hostName().isEmpty() ? e.name() : e.hostName();
            String d = dnsName.get(e.ip());
            if (d != null && !d.equalsIgnoreCase(shortName(name))) {
                add(settings.dhcp().conf(), e.line(), "host " + e.name() + ": " + e.ip() + " is " + d + " in DNS");
            }
        }
        for (HostsFile.Entry h : lines) {
            String d = dnsName.get(h.ip());
            if (d != null && !h.names().isEmpty() && h.names().stream().noneMatch(n -> shortName(n).equalsIgnoreCase(d))) {
                add(settings.hosts(), h.line(), h.ip() + " is " + h.names().get(0) + " here but " + d + " in DNS");
            }
        }
    }

    private void node(NetNode n, List<DhcpEntry> leases, List<DnsRecord> records, List<HostsFile.Entry> lines) {
        if (n.ip() != null && !settings.networks().isEmpty() && settings.networks().stream().noneMatch(w -> inside(n.ip(), w))) {
            add(n.source(), n.line(), "node " + n.name() + ": " + n.ip() + " is outside every network of the inventory");
        }
        if (dhcp != null && n.mac() != null) {
            Optional<DhcpEntry> e = leases.stream().filter(l -> l.name().equals(n.name())).findFirst();
            if (e.isEmpty()) {
                add(n.source(), n.line(), "node " + n.name() + ": no host entry in " + settings.dhcp().conf());
            } else if (!DhcpChecks.validMac(e.get().mac()) || !DhcpChecks.canonicalMac(e.get().mac()).equals(n.mac())
                    || (n.ip() != null && !n.ip().equals(e.get().ip()))) {
                add(settings.dhcp().conf(), e.get().line(), "host " + n.name() + ": " + e.get().mac() + " " + e.get().ip()
                        + ", the inventory says " + n.mac() + " " + n.ip());
            }
        }
        if (dns != null && n.ip() != null) {
            List<DnsRecord> a = records.stream().filter(r -> r.type().equals("A") && shortName(r.name()).equals(n.name())).toList();
            if (a.isEmpty()) {
                add(n.source(), n.line(), "node " + n.name() + ": no A record in DNS");
            } else if (a.stream().noneMatch(r -> r.value().equals(n.ip()))) {
                add(a.get(0).file(), a.get(0).line(), a.get(0).name() + " A " + a.get(0).value() + ", the inventory says " + n.ip());
            }
        }
        if (hosts != null && n.ip() != null) {
            List<HostsFile.Entry> h = lines.stream().filter(l -> l.names().contains(n.name())).toList();
            if (h.isEmpty()) {
                add(n.source(), n.line(), "node " + n.name() + ": not in " + settings.hosts());
            } else if (h.stream().noneMatch(l -> l.ip().equals(n.ip()))) {
                add(settings.hosts(), h.get(0).line(), n.name() + " is " + h.get(0).ip() + " here, the inventory says " + n.ip());
            }
        }
    }

    private String zoneName(DnsRecord r) {
        return r.zone().endsWith(".") ? r.zone() : r.zone() + ".";
    }

    static String shortName(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 ? fqdn : fqdn.substring(0, dot);
    }

    /** The IPv4 address an in-addr.arpa name stands for, when it names a whole address. */
    static Optional<String> address(String reverse) {
        String[] l = reverse.split("\\.");
        if (l.length != 6 || !reverse.endsWith(".in-addr.arpa.")) {
            return Optional.empty();
        }
        return Optional.of(l[3] + "." + l[2] + "." + l[1] + "." + l[0]);
    }

    static boolean inside(String ip, Network w) {
        String[] cidr = w.subnet().split("/");
        long mask = cidr.length < 2 ? 0xffffffffL : (0xffffffffL << (32 - Integer.parseInt(cidr[1]))) & 0xffffffffL;
        long a = v4(ip);
        long b = v4(cidr[0]);
        return a >= 0 && b >= 0 && (a & mask) == (b & mask);
    }

    private static long v4(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            if (!x.matches("\\d{1,3}")) {
                return -1;
            }
            v = (v << 8) | Integer.parseInt(x);
        }
        return v;
    }

    private void add(String file, int line, String message) {
        out.add(new FileProblem(file, line, message));
    }
}
