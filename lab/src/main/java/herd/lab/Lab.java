package herd.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A disposable cluster on this machine: real sshd nodes (each on its own loopback address, with
 * its own hostname and host key), and on request one ipmi_sim BMC per node, a named and a
 * dhcpd, described by an inventory ({@link #inventoryFile()}) that herd reads.
 *
 * <pre>{@code
 * try (Lab lab = Lab.up(LabSpec.builder().nodes(4).build())) {
 *     // ssh -F lab.sshConfig() valkyrie01 hostname   -> valkyrie01
 *     lab.stopNode("valkyrie02");                    // its sshd and sessions are gone
 * }                                                   // down: nothing of it remains
 * }</pre>
 *
 * {@link #up} ties the lab to this JVM (a shutdown hook tears it down); {@link #upPersistent}
 * leaves it running for {@link #attach} / {@link #down(Path)} from another process.
 */
public final class Lab implements AutoCloseable {
    private final LabDir dir;
    private final LabLayout layout;
    private final Duration startTime;
    private final SshNodes ssh;
    private Thread shutdownHook;

    Lab(LabDir dir, LabLayout layout, Duration startTime) {
        this.dir = dir;
        this.layout = layout;
        this.startTime = startTime;
        this.ssh = new SshNodes(dir);
    }

    /** Starts a lab that is torn down at the latest when this JVM exits. */
    public static Lab up(LabSpec spec) {
        Lab lab = Launcher.up(spec, true);
        lab.shutdownHook = new Thread(lab::down, "herd-lab-down");
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        return lab;
    }

    /**
     * Starts a lab that outlives this JVM. If a lab already runs in the directory, it is returned
     * as is; the remains of a crashed one are cleaned first.
     */
    public static Lab upPersistent(LabSpec spec) {
        return Launcher.up(spec, false);
    }

    /** The lab already running in {@code dir}. */
    public static Lab attach(Path dir) {
        return Launcher.attach(dir);
    }

    /** Tears down the lab in {@code dir}, running or crashed; does nothing where there is none. */
    public static void down(Path dir) {
        Launcher.down(dir);
    }

    /** Whether the lab in {@code dir} runs (its namespace holder is alive). */
    public static boolean isRunning(Path dir) {
        return Launcher.isRunning(new LabDir(dir.toAbsolutePath().normalize()));
    }

    /** Stops everything of this lab and removes its directory. Safe to call twice. */
    public synchronized void down() {
        Teardown.down(dir);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down; the hook runs (or ran) this same down
            }
            shutdownHook = null;
        }
    }

    @Override
    public void close() {
        down();
    }

    /** Powers a node off: its sshd and every session it opened are killed. */
    public void stopNode(String name) {
        ssh.stop(layout.node(name));
    }

    /** Powers a node on: its sshd starts (if not running) and this returns once it accepts. */
    public void startNode(String name) {
        ssh.start(layout.node(name));
    }

    /**
     * Reinstalls a node that is off, as a deployment does: its disk is emptied (files written
     * before are gone), it gets a new host key (in the new system's /etc/ssh; the lab's known_hosts keeps the old one), and its next
     * boot installs a fresh system and runs {@code firstBoot} (a bash script) inside it once.
     */
    public void reinstall(String name, String firstBoot) {
        if (isNodeRunning(name)) {
            throw new LabException("lab: node " + name + " runs; power it off before reinstalling it");
        }
        NodeInstall.reinstall(dir, layout.node(name), firstBoot);
    }

    /** Command prefix that runs a program inside the running node (its root, processes and network). */
    public List<String> inNode(String name) {
        return ssh.enter(layout.node(name));
    }

    /**
     * The running node's {@code /} as this machine sees it ({@code /proc/PID/root} of its init):
     * a file written under it is on the node's disk, as if written on the node; {@code nodeRoot(n)
     * .resolve("tmp/x")} is the node's {@code /tmp/x}. Valid until the node powers off.
     */
    public Path nodeRoot(String name) {
        return ssh.root(layout.node(name));
    }

    /** Whether the node runs (its init is alive). */
    public boolean isNodeRunning(String name) {
        return ssh.running(layout.node(name));
    }

    /** The boot device last set through the node's BMC (none, pxe, default, cdrom, bios). */
    public String bootDevice(String name) {
        Path boot = dir.node(layout.node(name).name()).resolve("boot");
        return Files.exists(boot) ? LabDir.read(boot).strip() : "none";
    }

    /** Every power and boot-device change the node's BMC made, one timestamped line each. */
    public List<String> chassisLog(String name) {
        Path log = dir.node(layout.node(name).name()).resolve("chassis.log");
        return Files.exists(log) ? LabDir.read(log).lines().toList() : List.of();
    }

    /** Pid of the node's ipmi_sim (it changes when the lab agent restarts a dead one). */
    public long bmcPid(String name) {
        return Procs.readPid(dir.node(layout.node(name).name()).resolve("bmc/ipmi_sim.pid"))
                .orElseThrow(() -> new LabException("lab: node " + name + " has no BMC"));
    }

    /** The node's Redfish service ({@code https://127.0.0.1:PORT}), in a lab started with redfish on. */
    public String redfishUrl(String name) {
        if (!layout.spec().redfish()) {
            throw new LabException("lab: this lab serves no Redfish (start it with --redfish)");
        }
        return InventoryFiles.redfishUrl(layout.node(name));
    }

    /** The lab CA's certificate (PEM), which signed every node's Redfish certificate. */
    public Path redfishCa() {
        return RedfishBmcs.ca(dir);
    }

    /** Makes the node's Redfish service stop answering (requests wait), or answer again. */
    public void hangRedfish(String name, boolean hung) {
        Path hang = RedfishBmcs.state(dir, layout.node(name).name()).resolve("hang");
        if (hung) {
            LabDir.write(hang, "", false);
        } else {
            try {
                Files.deleteIfExists(hang);
            } catch (java.io.IOException e) {
                throw new LabException("lab: cannot remove " + hang + ": " + e.getMessage(), e);
            }
        }
    }

    /** Every request the node's Redfish service answered: {@code METHOD PATH STATUS AUTH [If-Match=ETAG]}. */
    public List<String> redfishRequests(String name) {
        Path log = RedfishBmcs.state(dir, layout.node(name).name()).resolve("requests.log");
        return Files.exists(log) ? LabDir.read(log).lines().toList() : List.of();
    }

    /** Narrows the ResetType values the node's Redfish service offers (empty: the default five). */
    public void offerResetTypes(String name, List<String> types) {
        Path file = RedfishBmcs.state(dir, layout.node(name).name()).resolve("reset-types");
        if (types.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw new LabException("lab: cannot remove " + file + ": " + e.getMessage(), e);
            }
        } else {
            LabDir.write(file, String.join("\n", types) + "\n", false);
        }
    }

    /**
     * Plants a fault on a node ({@link FaultKind#perNode()}) or, with target {@link Fault#LAB}, on
     * a service of the lab; it stays until {@link #clearFault} (or the node's next boot, for the
     * faults of its running system: sshd-down, hang, nic-down).
     */
    public void fault(String target, FaultKind kind) {
        faults().plant(List.of(target), kind, java.util.Optional.empty());
    }

    /** Like {@link #fault(String, FaultKind)}, clearing itself after {@code duration} (a background timer). */
    public void fault(String target, FaultKind kind, Duration duration) {
        faults().plant(List.of(target), kind, java.util.Optional.of(duration));
    }

    /** Clears fault {@code kind} of {@code target}, if planted; the broken part works again on return. */
    public void clearFault(String target, FaultKind kind) {
        faults().clear(List.of(target), java.util.Optional.of(kind));
    }

    /** Clears every fault of the lab; returns those cleared. */
    public List<Fault> clearFaults() {
        return faults().clear(List.of(), java.util.Optional.empty());
    }

    /** The faults in force. */
    public List<Fault> activeFaults() {
        return faults().active();
    }

    LabFaults faults() {
        return new LabFaults(dir, layout);
    }

    /** Name of the network namespace the lab's dhcpd runs in (bridge br0, 10.10.0.1/16). */
    public String dhcpServerNamespace() {
        return dhcp().serverNamespace();
    }

    /**
     * A real DHCP round trip for a node: dhclient with the node's MAC, in a namespace of its own
     * wired to the dhcpd's bridge, once; returns what it was offered.
     */
    public DhcpLease dhcpRequest(String node) {
        return dhcpRequest(node, -1);
    }

    /** Like {@link #dhcpRequest(String)}, sending option client-arch (0 BIOS, 7 EFI x64). */
    public DhcpLease dhcpRequest(String node, int clientArch) {
        return dhcpRequestAs(layout.node(node).mac(), clientArch);
    }

    /** A DHCP round trip as any machine (e.g. one not in dhcpd.conf); clientArch < 0 sends none. */
    public DhcpLease dhcpRequestAs(String mac, int clientArch) {
        if (!layout.spec().dhcp()) {
            throw new LabException("lab: this lab has no DHCP server (start it with dhcp on)");
        }
        return dhcp().request(mac, clientArch);
    }

    /** The dhcpd.conf the lab's dhcpd reads (the inventory's services.dhcp.conf). */
    public Path dhcpdConf() {
        return dir.dhcp("dhcpd.conf");
    }

    /** Restarts the lab's dhcpd after checking its dhcpd.conf (the inventory's services.dhcp.restart). */
    public void restartDhcpd() {
        Procs.check(List.of(dir.bin("dhcpd-restart").toString(), "restart"), Duration.ofSeconds(30));
    }

    /** The forward zone file (cluster.local), tutorial format. */
    public Path forwardZoneFile() {
        return dir.dns("forward");
    }

    /** The reverse zone file (10.10.in-addr.arpa), tutorial format. */
    public Path reverseZoneFile() {
        return dir.dns("reverse");
    }

    /** rndc command prefix for the lab's named: {@code rndc -c DIR/dns/rndc.conf -s 127.0.0.1 -p PORT}. */
    public List<String> rndcCommand() {
        return List.of("rndc", "-c", dir.dns("rndc.conf").toString(), "-s", "127.0.0.1", "-p", Integer.toString(rndcPort()));
    }

    /** The TSIG secret (base64, hmac-sha256) of key {@code ddns-key}, allowed to update the lab's zones. */
    public String ddnsSecret() {
        return Secrets.read(dir).ddnsSecret();
    }

    private DhcpService dhcp() {
        return new DhcpService(dir, layout.slot(), LabState.load(dir));
    }

    LabDir files() {
        return dir;
    }

    public Path dir() {
        return dir.root();
    }

    public LabSpec spec() {
        return layout.spec();
    }

    /** How long {@code up} took. */
    public Duration startTime() {
        return startTime;
    }

    public List<LabNode> nodes() {
        return layout.nodes();
    }

    public LabNode node(String name) {
        return layout.node(name);
    }

    /** {@code DIR/cluster.yaml}: the inventory for {@code herd --inventory}. */
    public Path inventoryFile() {
        return dir.inventory();
    }

    /** The lab's private key (ed25519, no passphrase), authorized for root on every node. */
    public Path sshKey() {
        return dir.sshKey();
    }

    /** known_hosts with every node's host key, as {@code [name]:port} and {@code [address]:port}. */
    public Path knownHosts() {
        return dir.knownHosts();
    }

    /** ssh_config with one Host block per node, for {@code ssh -F}, clush and pdsh. */
    public Path sshConfig() {
        return dir.sshConfig();
    }

    /** Node names to loopback addresses, for {@code -Djdk.net.hosts.file}. */
    public Path hostsFile() {
        return dir.resolverHosts();
    }

    /** The cluster's /etc/hosts (tutorial format, cluster addresses), the inventory's services.hosts. */
    public Path clusterHostsFile() {
        return dir.clusterHosts();
    }

    /** {@code DIR/secrets} (0600): KEY=VALUE lines {@code bmc} and {@code ddns-key}. */
    public Path secretsFile() {
        return dir.secrets();
    }

    /** Password of user admin on every BMC of the lab. */
    public String bmcPassword() {
        return Secrets.read(dir).bmcPassword();
    }

    /** Password of user admin on the node's BMC: the lab's, or the new one of fault bmc-password. */
    public String bmcPassword(String node) {
        return faults().bmcPassword(layout.node(node).name());
    }

    /** Port of the lab's named on 127.0.0.1 (when the lab has DNS). */
    public int dnsPort() {
        return layout.dnsPort();
    }

    /** rndc control port of the lab's named on 127.0.0.1. */
    public int rndcPort() {
        return layout.rndcPort();
    }

    @Override
    public String toString() {
        return "lab " + dir.root() + " (" + layout.nodes().size() + (layout.nodes().size() == 1 ? " node)" : " nodes)");
    }
}
