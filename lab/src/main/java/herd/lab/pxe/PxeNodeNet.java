package herd.lab.pxe;

import herd.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PXE-booting node's network card: a namespace of its own wired to the lab dhcpd's bridge by a
 * veth with the node's MAC, a real DHCP exchange (dhclient, client-arch 7 like iPXE on UEFI), the
 * leased address set on eth0, and HTTP GETs from that address (curl), so that dhcpd and the web
 * server log the node's own MAC and IP.
 */
final class PxeNodeNet implements AutoCloseable {

    private final String namespace;
    private final String serverNamespace;
    private final String mac;
    private final Path work;
    private String ip;

    PxeNodeNet(String serverNamespace, String mac, Path work) {
        String id = mac.toLowerCase().replace(":", "");
        this.namespace = "herdpxe-" + id + "-" + ProcessHandle.current().pid();
        this.serverNamespace = serverNamespace;
        this.mac = mac.toLowerCase();
        this.work = work;
        ip("netns", "add", namespace);
        ip("link", "add", "x" + id, "netns", serverNamespace, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip("-n", serverNamespace, "link", "set", "x" + id, "master", "br0", "up");
        ip("-n", namespace, "link", "set", "eth0", "address", this.mac);
        ip("-n", namespace, "link", "set", "lo", "up");
        ip("-n", namespace, "link", "set", "eth0", "up");
    }

    /**
     * One DHCP exchange; returns the lease's variables (ip_address, host_name, next_server,
     * filename), empty when none. Firmware remembers no lease (DISCOVER); an OS asks for its old
     * one (REQUEST).
     */
    Map<String, String> dhcp(boolean firmware) {
        try {
            Files.createDirectories(work);
            Path record = work.resolve("lease");
            Path script = work.resolve("record.sh");
            Files.writeString(script, "#!/bin/sh\nenv | grep '^new_' > '" + record + "'\n");
            script.toFile().setExecutable(true);
            Files.writeString(work.resolve("dhclient.conf"), "option client-arch code 93 = unsigned integer 16;\n"
                    + "send client-arch 7;\nrequest subnet-mask, host-name, domain-name;\ntimeout 5;\nretry 1;\n");
            Files.deleteIfExists(record);
            if (firmware) {
                Files.deleteIfExists(work.resolve("dhclient.leases"));
            }
            Path pid = work.resolve("dhclient.pid");
            Files.deleteIfExists(pid);
            PxeProcs.run(List.of("ip", "netns", "exec", namespace, "dhclient", "-4", "-1", "-cf",
                    work.resolve("dhclient.conf").toString(), "-sf", script.toString(), "-lf",
                    work.resolve("dhclient.leases").toString(), "-pf", pid.toString(), "eth0"), 20);
            if (Files.exists(record)) {
                stopRenewer(pid);
            }
            Map<String, String> lease = new HashMap<>();
            if (Files.exists(record)) {
                Files.readAllLines(record).forEach(l -> lease.put(l.substring(4, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            }
            if (lease.containsKey("ip_address") && ip == null) {
                ip = lease.get("ip_address");
                ip("-n", namespace, "addr", "add", ip + "/16", "dev", "eth0");
            }
            return lease;
        } catch (IOException e) {
            throw new LabException("lab pxe: " + work + ": " + e.getMessage(), e);
        }
    }

    /** dhclient -1 forks after binding to renew the lease; the child writes its pid file a moment later. */
    private static void stopRenewer(Path pid) throws IOException {
        for (int i = 0; i < 40 && !(Files.exists(pid) && !Files.readString(pid).isBlank()); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Files.exists(pid) && !Files.readString(pid).isBlank()) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    /** GET from the node's address; the body, or null unless the answer is 200. */
    String get(String url) {
        PxeProcs.Result r = PxeProcs.run(List.of("ip", "netns", "exec", namespace, "curl", "-s", "--max-time", "10",
                "-A", "iPXE/1.21.1+ (herd lab)", "-w", "\n%{http_code}", url), 15);
        String out = r.out();
        int nl = out.lastIndexOf('\n');
        if (r.rc() != 0 || nl < 0 || !out.substring(nl + 1).strip().equals("200")) {
            return null;
        }
        return out.substring(0, nl);
    }

    @Override
    public void close() {
        PxeProcs.run(List.of("ip", "netns", "delete", namespace), 10);
    }

    private static void ip(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        PxeProcs.check(cmd, 10);
    }
}
