package herd.lab.pxe;

import herd.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PXE-booting node's network card: a network namespace of its own (held by a sleeping
 * {@code unshare --net} child, addressed by pid: the lab agent's private /run hides the host's
 * /run/netns names) wired to the lab dhcpd's bridge by a veth with the node's MAC, a real DHCP exchange (dhclient, client-arch 7 like iPXE on UEFI), the
 * leased address set on eth0, and HTTP GETs from that address (curl), so that dhcpd and the web
 * server log the node's own MAC and IP.
 */
final class PxeNodeNet implements AutoCloseable {

    private final Process holder;
    private final long server;
    private final String mac;
    private final Path work;
    private String ip;

    /** Plugs a card with {@code mac} into the bridge of the namespace {@code serverPid} runs in. */
    PxeNodeNet(long serverPid, String mac, Path work) {
        String id = mac.toLowerCase().replace(":", "");
        this.server = serverPid;
        this.mac = mac.toLowerCase();
        this.work = work;
        try {
            holder = new ProcessBuilder("unshare", "--net", "sleep", "infinity")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new LabException("lab pxe: unshare: " + e.getMessage(), e);
        }
        // A card left by a boot cut short (power off) goes first; then unshare has made the namespace.
        PxeProcs.run(in(server, "ip", "link", "delete", "x" + id), 10);
        awaitNamespace();
        String me = Long.toString(holder.pid());
        PxeProcs.check(in(server, "ip", "link", "add", "x" + id, "type", "veth", "peer", "name", "eth0", "netns", me), 10);
        PxeProcs.check(in(server, "ip", "link", "set", "x" + id, "master", "br0", "up"), 10);
        PxeProcs.check(in(holder.pid(), "ip", "link", "set", "eth0", "address", this.mac), 10);
        PxeProcs.check(in(holder.pid(), "ip", "link", "set", "lo", "up"), 10);
        PxeProcs.check(in(holder.pid(), "ip", "link", "set", "eth0", "up"), 10);
    }

    /** {@code command} run in the network namespace of process {@code pid}. */
    private static List<String> in(long pid, String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "--"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private void awaitNamespace() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && holder.isAlive()) {
            try {
                if (!Files.readSymbolicLink(Path.of("/proc/" + holder.pid() + "/ns/net"))
                        .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")))) {
                    return;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        holder.destroyForcibly();
        throw new LabException("lab pxe: unshare --net did not make a network namespace for " + mac);
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
                    + "send client-arch 7;\nrequest subnet-mask, host-name, domain-name;\ntimeout 10;\nretry 1;\n"
                    // DISCOVER again after 1 s, then backing off, as a PXE ROM does: a dhcpd
                    // answering a whole rack drops some of the first burst.
                    + "initial-interval 1;\n");
            Files.deleteIfExists(record);
            if (firmware) {
                Files.deleteIfExists(work.resolve("dhclient.leases"));
            }
            Path pid = work.resolve("dhclient.pid");
            Files.deleteIfExists(pid);
            PxeProcs.run(in(holder.pid(), "dhclient", "-4", "-1", "-cf",
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
                PxeProcs.check(in(holder.pid(), "ip", "addr", "add", ip + "/16", "dev", "eth0"), 10);
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
        PxeProcs.Result r = PxeProcs.run(in(holder.pid(), "curl", "-s", "--max-time", "10",
                "-A", "iPXE/1.21.1+ (herd lab)", "-w", "\n%{http_code}", url), 15);
        String out = r.out();
        int nl = out.lastIndexOf('\n');
        if (r.rc() != 0 || nl < 0 || !out.substring(nl + 1).strip().equals("200")) {
            return null;
        }
        return out.substring(0, nl);
    }

    /**
     * Runs an installer script in the new system, as anaconda runs %post: the node's fresh disk
     * ({@code disk}: upper, work) over this machine's root, mounted at {@code mountPoint} in a mount
     * namespace of its own with /dev and /proc, chrooted into, from this card's address. Its output
     * goes to the script's log in the new system, else to the result.
     */
    PxeProcs.Result runInstalled(Path disk, Path mountPoint, LabInstaller.Script script) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new LabException("lab pxe: " + mountPoint + ": " + e.getMessage(), e);
        }
        String setup = "d=$1; m=$2; mount -t overlay overlay -o \"lowerdir=/,upperdir=$d/upper,workdir=$d/work\" \"$m\""
                + " && mount --rbind /dev \"$m/dev\" && mount -t proc proc \"$m/proc\" || exit 99;"
                + " if [ -n \"$4\" ]; then exec chroot \"$m\" \"$3\" -c \"$5\" > \"$m$4\" 2>&1;"
                + " else exec chroot \"$m\" \"$3\" -c \"$5\" 2>&1; fi";
        try {
            Files.createDirectories(disk.resolve("work"));
        } catch (IOException e) {
            throw new LabException("lab pxe: " + disk + ": " + e.getMessage(), e);
        }
        List<String> cmd = in(holder.pid(), "unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                setup, "sh", disk.toString(), mountPoint.toString(), script.interpreter(),
                script.log() == null ? "" : script.log(), script.body());
        return PxeProcs.run(cmd, 60);
    }

    /** Unplugs the card: its namespace (and the veth pair with it) goes when the holder dies. */
    @Override
    public void close() {
        holder.destroyForcibly();
    }
}
