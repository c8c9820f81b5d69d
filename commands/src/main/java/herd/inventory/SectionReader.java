package herd.inventory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the inventory sections that have a fixed shape: services, ssh/bmc layers, nodes. */
final class SectionReader {

    private SectionReader() {
    }

    static Services services(YamlMap s) {
        if (s == null) {
            return Services.NONE;
        }
        Services.Dhcp dhcp = null;
        YamlMap d = s.map("dhcp");
        if (d != null) {
            dhcp = new Services.Dhcp(d.string("conf"), d.string("restart"));
            d.finish();
        }
        Services out = new Services(s.string("host"), dhcp, dns(s.map("dns")), s.string("hosts"),
                s.string("http-root"), s.string("http-log"), s.string("tftp-root"), s.string("dhcp-log"));
        s.finish();
        return out;
    }

    private static Services.Dns dns(YamlMap d) {
        if (d == null) {
            return null;
        }
        Map<String, String> zones = new LinkedHashMap<>();
        YamlMap z = d.map("zones");
        if (z != null) {
            for (String zone : z.keys()) {
                zones.put(zone, z.required(zone));
            }
        }
        Services.Tsig tsig = null;
        YamlMap t = d.map("tsig");
        if (t != null) {
            tsig = new Services.Tsig(t.required("name"), t.string("algorithm"), Checks.secret(t, "secret"));
            t.finish();
        }
        Services.Dns dns = new Services.Dns(d.string("server"), d.integer("port", 1, 65535), zones,
                d.string("rndc"), tsig, d.bool("dynamic"));
        d.finish();
        return dns;
    }

    /** An ssh/bmc/profile layer; {@code withHost} allows {@code host} (a node's own layer only). */
    static Settings settings(YamlMap m, boolean withHost) {
        Ssh ssh = Ssh.NONE;
        YamlMap s = m.map("ssh");
        if (s != null) {
            ssh = new Ssh(withHost ? s.string("host") : null, s.integer("port", 1, 65535), s.string("user"),
                    s.string("identity"), s.string("known-hosts"), s.string("host-ca"), s.string("host-cert-validity"));
            s.finish();
        }
        Bmc bmc = Bmc.NONE;
        YamlMap b = m.map("bmc");
        if (b != null) {
            bmc = new Bmc(withHost ? b.string("host") : null, b.integer("port", 1, 65535), b.string("user"),
                    Checks.secret(b, "password"), b.integer("cipher-suite", 0, 17), Checks.oneOf(b, "protocol", "ipmi", "redfish"),
                    withHost ? Checks.httpsUrl(b, "url") : null, b.string("ca"), Checks.fingerprint(b, "fingerprint"),
                    b.has("insecure") ? b.bool("insecure") : null);
            b.finish();
        }
        return new Settings(ssh, bmc, m.string("profile"));
    }

    static Map<String, Node> nodes(YamlMap nodes) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (nodes == null) {
            return out;
        }
        Map<String, String> ipOwner = new HashMap<>();
        Map<String, String> macOwner = new HashMap<>();
        for (String name : nodes.keys()) {
            Checks.name(nodes, name, "node name");
            int line = nodes.lineOf(name);
            YamlMap n = nodes.map(name);
            if (n == null) {
                out.put(name, new Node(name, null, null, java.util.List.of(), Settings.NONE, line));
                continue;
            }
            String ip = Checks.ip(n, "ip");
            String mac = Checks.mac(n, "mac");
            unique(n, "ip", ip, name, ipOwner);
            unique(n, "mac", mac, name, macOwner);
            Node node = new Node(name, ip, mac, n.strings("groups"), settings(n, true), line);
            n.finish();
            out.put(name, node);
        }
        return out;
    }

    private static void unique(YamlMap n, String key, String value, String node, Map<String, String> owners) {
        if (value == null) {
            return;
        }
        String other = owners.putIfAbsent(value, node);
        if (other != null) {
            throw n.error(key, value + " is already the " + key + " of " + other);
        }
    }
}
