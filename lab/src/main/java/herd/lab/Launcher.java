package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** Bringing a lab up from its spec, finding a running one, and tearing one down by directory. */
final class Launcher {
    /** The lab's unit files and their helpers (resources units/NAME), which a node's systemctl runs. */
    private static final List<String> NODE_UNITS = List.of("chronyd.service", "rpcbind.service", "nfs-server.service", "exports-to-ganesha", "nfs-mount");

    private Launcher() {
    }

    /**
     * Starts a lab that outlives this JVM. If a lab already runs in the directory, it is returned
     * as is; the remains of a crashed one are cleaned first.
     */
    static Lab up(LabSpec spec, boolean tiedToJvm) {
        Prerequisites.check(spec);
        LabLayout.check(spec);
        LabDir dir = new LabDir(directory(spec));
        if (LabState.exists(dir)) {
            if (isRunning(dir)) {
                return attach(dir.root());
            }
            Teardown.down(dir);
        }
        long t0 = System.nanoTime();
        long owner = tiedToJvm ? ProcessHandle.current().pid() : 0;
        LabSlot slot = LabSlot.claim(dir.root(), ProcessHandle.current().pid(), owner);
        try {
            LabLayout layout = LabLayout.of(spec.withDir(dir.root()), slot);
            LabState state = LabState.create(dir, layout.spec(), slot);
            long tFiles = System.nanoTime();
            writeFiles(dir, layout);
            // The cluster network first: the lab's namespace keeps a handle on it for the nodes.
            String network = "";
            if (layout.spec().dhcp()) {
                DhcpService dhcp = new DhcpService(dir, layout.slot(), state);
                dhcp.createNetwork();
                network = dhcp.serverNamespace();
            }
            long holder = MountNamespace.start(dir, network);
            String prep = "files+namespace " + (System.nanoTime() - tFiles) / 1_000_000 + " ms\n";
            state.holder(holder, Procs.namespace(holder, "mnt").orElseThrow(
                    () -> new LabException("lab: namespace holder " + holder + " vanished")));
            slot.keep(dir.root(), holder, owner);
            startServices(dir, layout, state, holder, prep);
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

    /**
     * Starts nodes, BMCs, named and dhcpd side by side (they do not depend on each other: a BMC
     * reads its node's power when asked) and logs each one's start time to log/up.log.
     */
    private static void startServices(LabDir dir, LabLayout layout, LabState state, long holder, String prep) {
        int n = layout.nodes().size();
        Map<String, Runnable> phases = new LinkedHashMap<>();
        phases.put("ssh", () -> new SshNodes(dir).startAll(layout.nodes(), holder, Duration.ofSeconds(60 + n / 4)));
        if (layout.spec().bmc()) {
            phases.put("bmc", () -> AgentProcess.start(dir, holder, Duration.ofSeconds(60 + n / 4)));
        }
        if (layout.spec().dns()) {
            phases.put("dns", () -> DnsService.start(dir, layout, holder));
        }
        if (layout.spec().dhcp()) {
            phases.put("dhcp", () -> {
                DhcpService dhcp = new DhcpService(dir, layout.slot(), state);
                dhcp.start();
                if (layout.spec().pxe()) {
                    herd.lab.pxe.PxeLab.startHttp(dir.root(), dhcp.serverNamespace());
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(phases.size());
        StringBuilder log = new StringBuilder(prep);
        try {
            Map<String, Future<Long>> running = new LinkedHashMap<>();
            phases.forEach((name, phase) -> running.put(name, pool.submit(() -> {
                long t = System.nanoTime();
                phase.run();
                return (System.nanoTime() - t) / 1_000_000;
            })));
            for (var e : running.entrySet()) {
                log.append(e.getKey()).append(' ').append(e.getValue().get()).append(" ms\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab: interrupted while starting", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LabException le ? le : new LabException("lab: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        LabDir.write(dir.log("up.log"), log.toString(), false);
    }

    /** The lab already running in {@code dir}. */
    static Lab attach(Path dir) {
        LabDir d = new LabDir(dir.toAbsolutePath().normalize());
        if (!LabState.exists(d)) {
            throw new LabException("lab: no lab in " + dir + " (no " + d.state().getFileName() + ")");
        }
        LabState state = LabState.load(d);
        LabLayout layout = LabLayout.of(state.spec(d.root()), state.slot());
        return new Lab(d, layout, Duration.ofMillis(state.startMillis()));
    }

    /** Tears down the lab in {@code dir}, running or crashed; does nothing where there is none. */
    static void down(Path dir) {
        LabDir d = new LabDir(dir.toAbsolutePath().normalize());
        if (!LabState.exists(d) && Files.isDirectory(d.root()) && !isEmpty(d.root())) {
            throw new LabException("lab: " + dir + " holds no lab (no lab.properties); not touching it");
        }
        Teardown.down(d);
    }

    /** Whether the lab in {@code dir} runs (its namespace holder is alive). */
    static boolean isRunning(LabDir dir) {
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
        Secrets secrets = Secrets.generate();
        secrets.write(dir);
        SshFiles.write(dir, layout);
        InventoryFiles.write(dir, layout);
        dir.script("node.sh", dir.bin("node"));
        dir.script("node-boot.pl", dir.bin("node-boot"));
        // Each node's first boot installs these as its /usr/bin/systemctl and /etc/herd-lab/units.
        dir.script("systemctl.pl", dir.bin("systemctl"));
        for (String unit : NODE_UNITS) {
            dir.script("units/" + unit, dir.root().resolve("units").resolve(unit));
        }
        for (String sub : new String[] {"power", "www", "tftpboot"}) {
            try {
                Files.createDirectories(dir.root().resolve(sub));
            } catch (IOException e) {
                throw new LabException("lab: cannot create " + dir.root().resolve(sub) + ": " + e.getMessage(), e);
            }
        }
        if (layout.spec().bmc()) {
            BmcFiles.write(dir, layout, secrets);
        }
        if (layout.spec().redfish()) {
            RedfishBmcs.write(dir, layout);
        }
        if (layout.spec().dns()) {
            DnsService.write(dir, layout, secrets);
        }
        if (layout.spec().dhcp()) {
            DhcpService.write(dir, layout);
        }
        if (layout.spec().pxe()) {
            herd.lab.pxe.PxeLab.setUp(dir.root(), dir.root().resolve("www"), dir.root().resolve("tftpboot"));
        }
    }

}
