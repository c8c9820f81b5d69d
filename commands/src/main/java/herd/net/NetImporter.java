package herd.net;

import herd.dhcp.DhcpChecks;
import herd.dhcp.DhcpEngine;
import herd.dhcp.DhcpEntry;
import herd.dns.DnsEngine;
import herd.dns.DnsRecord;
import herd.hosts.HostsEngine;
import herd.hosts.HostsFile;
import herd.services.ServiceSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code net import}: nodes from the DHCP host entries (name, MAC, address), the forward zones'
 * A records and the hosts file (localhost lines and zone apexes left out). The first source
 * that knows a node's address wins; every disagreement is a warning, not a failure, because the
 * hand-kept files are what they are (the tutorial's own dhcpd.conf gives two hosts one MAC).
 */
final class NetImporter {
    private final ServiceSettings settings;
    private final DhcpEngine dhcp;
    private final DnsEngine dns;
    private final HostsEngine hosts;
    private final Map<String, NetNode> nodes = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    NetImporter(ServiceSettings settings, DhcpEngine dhcp, DnsEngine dns, HostsEngine hosts) {
        this.settings = settings;
        this.dhcp = dhcp;
        this.dns = dns;
        this.hosts = hosts;
    }

    NetImport read(List<NetNode> inventory) {
        if (dhcp != null) {
            dhcp.problems().forEach(p -> warnings.add(p.toString()));
            for (DhcpEntry e : dhcp.list()) {
                String mac = DhcpChecks.validMac(e.mac()) ? DhcpChecks.canonicalMac(e.mac()) : null;
                merge(e.name(), e.ip().isEmpty() ? null : e.ip(), mac, settings.dhcp().conf(), e.line());
            }
        }
        if (dns != null) {
            for (DnsRecord r : dns.list(null)) {
                if (r.type().equals("A") && !r.name().equals(r.zone() + ".") && !r.zone().endsWith(".arpa")) {
                    merge(NetChecks.shortName(r.name()), r.value(), null, r.file(), r.line());
                }
            }
        }
        if (hosts != null) {
            for (HostsFile.Entry h : hosts.list()) {
                boolean local = h.ip().startsWith("127.") || h.ip().equals("::1") || h.names().isEmpty();
                if (!local) {
                    merge(NetChecks.shortName(h.names().get(0)), h.ip(), null, settings.hosts(), h.line());
                }
            }
        }
        for (NetNode i : inventory) {
            NetNode f = nodes.get(i.name());
            if (f != null && ((i.ip() != null && f.ip() != null && !i.ip().equals(f.ip()))
                    || (i.mac() != null && f.mac() != null && !i.mac().equals(f.mac())))) {
                warnings.add(i.source() + ":" + i.line() + ": node " + i.name() + " is " + i.ip() + " " + i.mac()
                        + " in the inventory, " + f.ip() + " " + f.mac() + " in " + f.source() + ":" + f.line());
            }
        }
        return new NetImport(List.copyOf(nodes.values()), List.copyOf(warnings));
    }

    private void merge(String name, String ip, String mac, String file, int line) {
        NetNode old = nodes.get(name);
        if (old == null) {
            nodes.put(name, new NetNode(name, ip, mac, file, line));
            return;
        }
        if (ip != null && old.ip() != null && !ip.equals(old.ip())) {
            warnings.add(file + ":" + line + ": " + name + " is " + ip + " here but " + old.ip() + " in " + old.source()
                    + ":" + old.line());
        }
        nodes.put(name, new NetNode(name, old.ip() != null ? old.ip() : ip, old.mac() != null ? old.mac() : mac,
                old.source(), old.line()));
    }
}
