import herd.deploy.ChainPaths;
import herd.deploy.DeployTimeouts;
import herd.deploy.DeployTracker;
import herd.deploy.DeployView;
import herd.deploy.NodeProgress;
import herd.deploy.Stage;
import herd.logs.FollowEngine;
import herd.logs.FollowEvent;
import herd.logs.FollowJob;
import herd.logs.FollowRequest;
import herd.logs.LogSource;
import herd.logs.NodeTagger;
import herd.pxe.DeployProfile;
import herd.pxe.ProfileParser;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deploy tracker against the log rate of NODES nodes booting and installing together, through
 * herd's own path: two log files (dhcpd's syslog lines, nginx's combined access log) written at
 * RATE lines/s by a writer thread, followed by herd's FollowEngine into a DeployTracker, with the
 * live view rendered twice a second from the tracker as {@code deploy --follow} does.
 * Each node logs DHCP (discover, offer, request, ack, twice: PXE ROM and iPXE), its iPXE chain,
 * PACKAGES package fetches, and the completion callback, all nodes interleaved.
 * Usage: {@code java -cp CLASSPATH bench/DeployTrackerBench.java NODES PACKAGES RATE} (RATE 0: as
 * fast as the writer can). Prints lines produced and handled per second, the largest lag seen,
 * herd's CPU (the process's less the writer thread's) as % of one core, and the view's render time.
 */
public class DeployTrackerBench {
    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int packages = Integer.parseInt(args[1]);
        long rate = Long.parseLong(args[2]);
        Path dir = Files.createTempDirectory("herd-tracker-bench");
        Path dhcp = dir.resolve("dhcpd.log");
        Path http = dir.resolve("access.log");
        Files.createFile(dhcp);
        Files.createFile(http);
        DeployProfile profile = ProfileParser.parseText("compute: {os: el, version: '9'}", "bench.yaml").get("compute");
        List<NodeTagger.Address> addresses = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            addresses.add(new NodeTagger.Address(String.format("n%04d", i + 1), "10.10." + (3 + i / 250) + "." + (i % 250 + 1),
                    String.format("08:00:27:03:%02x:%02x", i / 256, i % 256)));
        }
        DeployTracker tracker = new DeployTracker(DeployTimeouts.defaults(), e -> { });
        Instant start = Instant.now();
        for (NodeTagger.Address a : addresses) {
            tracker.track(a.node(), ChainPaths.of(a.node(), profile), start);
        }
        AtomicLong handled = new AtomicLong();
        FollowJob follow = new FollowEngine(new NodeTagger(addresses)).start(
                FollowRequest.of(List.of(new LogSource.File(dhcp), new LogSource.File(http))), e -> {
                    if (e instanceof FollowEvent.Line l) {
                        tracker.accept(l.line(), Instant.now());
                        handled.incrementAndGet();
                    }
                });
        Thread.sleep(500); // the tails are open at the files' ends

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        AtomicLong produced = new AtomicLong();
        long[] writerCpu = new long[1];
        Thread writer = new Thread(() -> {
            try {
                write(addresses, profile, packages, rate, dhcp, http, produced);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            writerCpu[0] = threads.getCurrentThreadCpuTime();
        }, "bench-writer");
        writer.start();
        long renders = 0;
        long renderNanos = 0;
        long maxLag = 0;
        while (writer.isAlive() || handled.get() < produced.get()) {
            Thread.sleep(500);
            long r0 = System.nanoTime();
            List<String> screen = DeployView.lines(tracker.progress(), Instant.now(), 159, 40);
            renderNanos += System.nanoTime() - r0;
            renders++;
            maxLag = Math.max(maxLag, produced.get() - handled.get());
            if (!writer.isAlive() && System.nanoTime() - t0 > 600_000_000_000L) {
                break;
            }
            if (screen.isEmpty()) {
                throw new IllegalStateException("no view");
            }
        }
        writer.join();
        double wall = (System.nanoTime() - t0) / 1e9;
        double herdCpu = (processCpuNanos() - cpu0 - writerCpu[0]) / 1e9;
        follow.stop();
        long finished = tracker.progress().stream().filter(p -> p.stage() == Stage.INSTALL_FINISHED).count();
        System.out.printf("nodes %d, %d lines each: produced %d lines in %.1f s (%.0f/s), handled %d (%.0f/s), largest lag %d lines%n",
                nodes, produced.get() / nodes, produced.get(), wall, produced.get() / wall, handled.get(), handled.get() / wall, maxLag);
        System.out.printf("herd CPU %.1f s over %.1f s wall: %.0f%% of one core; view rendered %d times, %.2f ms each; %d of %d nodes at install-finished%n",
                herdCpu, wall, 100 * herdCpu / wall, renders, renderNanos / 1e6 / renders, finished, nodes);
        for (Path p : List.of(dhcp, http, dir)) {
            Files.delete(p);
        }
    }

    /** The lines of every node, interleaved round-robin, paced to {@code rate} lines/s in 10 ms batches. */
    static void write(List<NodeTagger.Address> nodes, DeployProfile profile, int packages, long rate, Path dhcp, Path http,
                      AtomicLong produced) throws Exception {
        List<List<String[]>> scripts = new ArrayList<>();
        for (NodeTagger.Address a : nodes) {
            scripts.add(script(a, ChainPaths.of(a.node(), profile), packages));
        }
        int steps = scripts.get(0).size();
        long t0 = System.nanoTime();
        try (BufferedWriter d = Files.newBufferedWriter(dhcp, StandardOpenOption.APPEND);
             BufferedWriter h = Files.newBufferedWriter(http, StandardOpenOption.APPEND)) {
            for (int step = 0; step < steps; step++) {
                for (List<String[]> s : scripts) {
                    String[] line = s.get(step);
                    (line[0].equals("d") ? d : h).write(line[1]);
                    long n = produced.incrementAndGet();
                    if (rate > 0 && n % Math.max(1, rate / 100) == 0) {
                        d.flush();
                        h.flush();
                        long due = t0 + n * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
                d.flush();
                h.flush();
            }
        }
    }

    static List<String[]> script(NodeTagger.Address a, ChainPaths paths, int packages) {
        List<String[]> s = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            s.add(new String[] {"d", "Nov 25 17:26:27 odin dhcpd[413]: DHCPDISCOVER from " + a.mac() + " via eth0\n"});
            s.add(new String[] {"d", "Nov 25 17:26:27 odin dhcpd[413]: DHCPOFFER on " + a.ip() + " to " + a.mac() + " via eth0\n"});
            s.add(new String[] {"d", "Nov 25 17:26:27 odin dhcpd[413]: DHCPREQUEST for " + a.ip() + " (10.10.0.1) from "
                    + a.mac() + " via eth0\n"});
            s.add(new String[] {"d", "Nov 25 17:26:27 odin dhcpd[413]: DHCPACK on " + a.ip() + " to " + a.mac() + " via eth0\n"});
        }
        for (String path : List.of("/boot.ipxe", paths.nodeFile(), paths.kernel(), paths.initrd(), paths.configs().get(0))) {
            s.add(get(a, path));
        }
        for (int i = 0; i < packages; i++) {
            s.add(get(a, "/repositories/AlmaLinux/9/x86_64/os/BaseOS/Packages/p/package-" + i + "-1.0-1.el9.x86_64.rpm"));
        }
        s.add(get(a, "/herd/install-finished"));
        return s;
    }

    static String[] get(NodeTagger.Address a, String path) {
        return new String[] {"h", a.ip() + " - - [25/Nov/2026:17:26:46 +0000] \"GET " + path + " HTTP/1.1\" 200 1234 \"-\""
                + " \"iPXE/1.21.1+ (g4bd0)\"\n"};
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
