package herd.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's ISC dhcpd, in a network namespace of its own with a bridge br0 (10.10.0.1/16), and
 * real DHCP round trips: for a request, a namespace per MAC is wired to the bridge with a veth
 * whose MAC is the client's, and dhclient runs there once, recording what it was offered.
 */
final class DhcpService {
    private final LabDir dir;
    private final LabSlot slot;
    private final LabState state;

    DhcpService(LabDir dir, LabSlot slot, LabState state) {
        this.dir = dir;
        this.slot = slot;
        this.state = state;
    }

    static final String BRIDGE_ADDRESS = "10.10.0.1";

    /** The cluster network's namespace file inside the lab's mount namespace (see MountNamespace). */
    static String networkPath(LabDir dir) {
        return dir.run("cluster-net").toString();
    }

    String serverNamespace() {
        return slot.netnsPrefix() + "dhcp";
    }

    static void write(LabDir dir, LabLayout layout) {
        LabDir.write(dir.dhcp("dhcpd.conf"), dhcpdConf(layout), false);
        dir.script("dhcpd.sh", dir.bin("dhcpd-restart"), Map.of("NETNS", layout.slot().netnsPrefix() + "dhcp"));
        dir.script("dhclient-record.sh", dir.bin("dhclient-record"));
    }

    /** Creates the cluster network: the server namespace and its bridge, which the nodes plug into. */
    void createNetwork() {
        String ns = serverNamespace();
        state.addNetns(ns);
        ip("netns", "add", ns);
        ip("-n", ns, "link", "set", "lo", "up");
        // A MAC of its own: else the bridge takes the lowest of its ports' (random veth) MACs, which
        // changes as node cards come and go, and a card that learnt the old one loses the web
        // server at 10.10.0.1 until its ARP entry expires (a PXE GET times out).
        ip("-n", ns, "link", "add", "br0", "address", "02:00:0a:0a:00:01", "type", "bridge");
        ip("-n", ns, "addr", "add", BRIDGE_ADDRESS + "/16", "dev", "br0");
        ip("-n", ns, "link", "set", "br0", "up");
    }

    /** Starts dhcpd on the cluster network. */
    void start() {
        Procs.check(List.of(dir.bin("dhcpd-restart").toString(), "start"), Duration.ofSeconds(30));
    }

    /** One DHCP round trip as the machine with {@code mac}; {@code clientArch} < 0 sends no client-arch. */
    DhcpLease request(String mac, int clientArch) {
        String id = mac.toLowerCase().replace(":", "");
        if (!mac.toLowerCase().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new LabException("lab: bad MAC address '" + mac + "'");
        }
        String ns = slot.netnsPrefix() + id;
        if (!Files.exists(Path.of("/run/netns", ns))) {
            state.addNetns(ns);
            ip("netns", "add", ns);
            ip("link", "add", "v" + id, "netns", serverNamespace(), "type", "veth", "peer", "name", "eth0", "netns", ns);
            ip("-n", serverNamespace(), "link", "set", "v" + id, "master", "br0", "up");
            ip("-n", ns, "link", "set", "eth0", "address", mac.toLowerCase());
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "link", "set", "eth0", "up");
        }
        Path conf = dir.dhcp("dhclient-" + id + ".conf");
        Path record = dir.dhcp("lease-" + id);
        Path pid = dir.dhcp("dhclient-" + id + ".pid");
        Path leases = dir.dhcp("dhclient-" + id + ".leases");
        LabDir.write(conf, clientConf(clientArch), false);
        try {
            Files.deleteIfExists(record);
            // A booting machine remembers no lease: with one, dhclient first asks for the old address
            // (INIT-REBOOT) and falls back to it when no server answers.
            Files.deleteIfExists(leases);
        } catch (java.io.IOException e) {
            throw new LabException("lab: cannot remove " + record + ": " + e.getMessage(), e);
        }
        Procs.Result r = Procs.run(List.of("ip", "netns", "exec", ns, "dhclient", "-4", "-1", "-v",
                "-cf", conf.toString(), "-sf", dir.bin("dhclient-record").toString(),
                "-lf", leases.toString(), "-pf", pid.toString(),
                "-e", "RECORD=" + record, "eth0"), Duration.ofSeconds(30));
        // dhclient -1 forks to renew after binding: stop that one by its pid.
        Procs.readPid(pid).filter(Procs::alive).ifPresent(p -> Procs.killAll(List.of(p), Duration.ofSeconds(5)));
        if (!r.ok() || !Files.exists(record)) {
            return new DhcpLease(mac.toLowerCase(), false, "", "", "", "", "", List.of());
        }
        Map<String, String> v = new HashMap<>();
        LabDir.read(record).lines().forEach(l -> v.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        String dns = v.getOrDefault("domain-name-servers", "").trim();
        return new DhcpLease(mac.toLowerCase(), true, v.get("ip"), v.get("host-name"), v.get("next-server"),
                v.get("filename"), v.get("domain-name"), dns.isEmpty() ? List.of() : Arrays.asList(dns.split("\\s+")));
    }

    private static void ip(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Procs.check(cmd, Duration.ofSeconds(10));
    }

    private static String clientConf(int clientArch) {
        String arch = clientArch < 0 ? "" : "send client-arch " + clientArch + ";\n";
        return "# herd lab dhclient: one try, short timeout\n"
                + "option client-arch code 93 = unsigned integer 16;\n" + arch
                + "request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, host-name;\n"
                + "timeout 5;\nretry 1;\n";
    }

    static String dhcpdConf(LabLayout layout) {
        StringBuilder b = new StringBuilder("""
                 authoritative;

                 option client-arch code 93 = unsigned integer 16;
                 if exists client-arch {
                   if option client-arch = 00:00 {
                     filename "undionly.kpxe";
                   } elsif option client-arch = 00:07 {
                     filename "ipxe.efi";
                   } elsif option client-arch = 00:08 {
                     filename "ipxe.efi";
                   } elsif option client-arch = 00:09 {
                     filename "ipxe.efi";
                   }
                 }

                 subnet 10.10.0.0 netmask 255.255.0.0 {
                 # range 10.10.254.0 10.10.254.254; # range where unknown servers will be
                 option domain-name "cluster.local";
                 option domain-name-servers 10.10.0.1; # dns server ip
                 option broadcast-address 10.10.255.255;
                 default-lease-time 600;
                 max-lease-time 7200;

                 next-server 10.10.0.1; #  pxe server ip

                # List of nodes

                """);
        for (LabNode n : layout.nodes()) {
            b.append("host ").append(n.name()).append(" {\n hardware ethernet ").append(n.mac().toUpperCase())
                    .append(";\n fixed-address ").append(n.ip()).append(";\n option host-name \"")
                    .append(n.name()).append("\";\n}\n\n");
        }
        return b.append("}\n").toString();
    }
}
