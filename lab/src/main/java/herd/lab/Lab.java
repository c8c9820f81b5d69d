package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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

    private Lab(LabDir dir, LabLayout layout, Duration startTime) {
        this.dir = dir;
        this.layout = layout;
        this.startTime = startTime;
        this.ssh = new SshNodes(dir);
    }

    /** Starts a lab that is torn down at the latest when this JVM exits. */
    public static Lab up(LabSpec spec) {
        Lab lab = upPersistent(spec);
        lab.shutdownHook = new Thread(lab::down, "herd-lab-down");
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        return lab;
    }

    /**
     * Starts a lab that outlives this JVM. If a lab already runs in the directory, it is returned
     * as is; the remains of a crashed one are cleaned first.
     */
    public static Lab upPersistent(LabSpec spec) {
        Prerequisites.check(spec);
        LabDir dir = new LabDir(directory(spec));
        if (LabState.exists(dir)) {
            if (isRunning(dir)) {
                return attach(dir.root());
            }
            Teardown.down(dir);
        }
        long t0 = System.nanoTime();
        LabSlot slot = LabSlot.claim(dir.root(), ProcessHandle.current().pid());
        try {
            LabLayout layout = LabLayout.of(spec.withDir(dir.root()), slot);
            LabState state = LabState.create(dir, layout.spec(), slot);
            writeFiles(dir, layout);
            long holder = MountNamespace.start(dir);
            state.holder(holder, Procs.namespace(holder, "mnt").orElseThrow(
                    () -> new LabException("lab: namespace holder " + holder + " vanished")));
            slot.keep(dir.root(), holder);
            new SshNodes(dir).startAll(layout.nodes(), Duration.ofSeconds(60 + layout.nodes().size() / 10));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            state.started(took.toMillis());
            return new Lab(dir, layout, took);
        } catch (RuntimeException e) {
            try {
                Teardown.down(dir);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            slot.release(dir.root());
            throw e;
        }
    }

    /** The lab already running in {@code dir}. */
    public static Lab attach(Path dir) {
        LabDir d = new LabDir(dir.toAbsolutePath().normalize());
        if (!LabState.exists(d)) {
            throw new LabException("lab: no lab in " + dir + " (no " + d.state().getFileName() + ")");
        }
        LabState state = LabState.load(d);
        LabLayout layout = LabLayout.of(state.spec(d.root()), state.slot());
        return new Lab(d, layout, Duration.ofMillis(state.startMillis()));
    }

    /** Tears down the lab in {@code dir}, running or crashed; does nothing where there is none. */
    public static void down(Path dir) {
        LabDir d = new LabDir(dir.toAbsolutePath().normalize());
        if (!LabState.exists(d) && Files.isDirectory(d.root()) && !isEmpty(d.root())) {
            throw new LabException("lab: " + dir + " holds no lab (no lab.properties); not touching it");
        }
        Teardown.down(d);
    }

    /** Whether the lab in {@code dir} runs (its namespace holder is alive). */
    public static boolean isRunning(Path dir) {
        return isRunning(new LabDir(dir.toAbsolutePath().normalize()));
    }

    private static boolean isRunning(LabDir dir) {
        if (!LabState.exists(dir)) {
            return false;
        }
        LabState state = LabState.load(dir);
        long pid = state.holderPid();
        return Procs.alive(pid) && Procs.namespace(pid, "mnt").map(state.mountNamespace()::equals).orElse(false);
    }

    private static Path directory(LabSpec spec) {
        try {
            Path dir = spec.dir() != null ? spec.dir().toAbsolutePath().normalize()
                    : Files.createTempDirectory("herd-lab-");
            if (dir.startsWith("/run")) {
                throw new LabException("lab: directory " + dir + " is under /run, which the lab's namespace hides; use e.g. /tmp/herd-lab");
            }
            if (Files.isDirectory(dir) && !isEmpty(dir) && !LabState.exists(new LabDir(dir))) {
                throw new LabException("lab: directory " + dir + " is not empty and holds no lab; pick another --dir");
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new LabException("lab: cannot create lab directory: " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeFiles(LabDir dir, LabLayout layout) {
        Secrets.generate().write(dir);
        SshFiles.write(dir, layout);
        InventoryFiles.write(dir, layout);
        dir.script("node.sh", dir.bin("node"));
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

    /** Whether the node's sshd runs. */
    public boolean isNodeRunning(String name) {
        return ssh.running(layout.node(name));
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
        return "lab " + dir.root() + " (" + layout.nodes().size() + " nodes)";
    }
}
