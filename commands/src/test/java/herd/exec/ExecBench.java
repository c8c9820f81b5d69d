package herd.exec;

import herd.nodeset.NodeSet;
import herd.ssh.ConnectionPool;
import herd.ssh.SshSettings;
import herd.ssh.SshTarget;
import herd.ssh.config.SshConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Bench main for bench/exec.sh (not a test): one cold run of {@code hostname} on every node (no
 * open connection), then warm runs on the open connections, then a second cold run (connections
 * closed, JVM warmed up), in one JVM. Prints wall time and this process's CPU per node for each,
 * and the RSS with every connection open.
 *
 * <pre>{@code
 * java -cp ... herd.exec.ExecBench /tmp/herd-lab-bench 'valkyrie[001-200]' 5 64
 * }</pre>
 */
public final class ExecBench {

    private ExecBench() {
    }

    public static void main(String[] args) throws Exception {
        Path lab = Path.of(args[0]);
        List<String> nodes = NodeSet.parse(args[1]).expand();
        int warmRuns = Integer.parseInt(args[2]);
        int fanout = Integer.parseInt(args[3]);
        SshSettings settings = SshSettings.defaults(lab.resolve("home"))
                .withKnownHosts(lab.resolve("ssh/known_hosts"), false)
                .withIdentities(List.of(lab.resolve("ssh/id_ed25519")))
                .withTimes(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1));
        SshConfig config = SshConfig.parse(lab.resolve("ssh/config"));
        List<SshTarget> targets = new ArrayList<>();
        for (String n : nodes) {
            targets.add(SshTarget.of(config.resolve(n, "root", 22)));
        }
        try (ConnectionPool pool = new ConnectionPool(settings, p -> Optional.empty());
             ExecEngine engine = new ExecEngine(pool)) {
            ExecRequest request = ExecRequest.of(targets, "hostname").withFanout(fanout);
            report("cold", measure(engine, request), nodes.size());
            double[] walls = new double[warmRuns];
            double[] cpus = new double[warmRuns];
            double[] machine = new double[warmRuns];
            for (int i = 0; i < warmRuns; i++) {
                double[] m = measure(engine, request);
                walls[i] = m[0];
                cpus[i] = m[1];
                machine[i] = m[3];
            }
            Arrays.sort(walls);
            Arrays.sort(cpus);
            Arrays.sort(machine);
            if (warmRuns > 0) {
                report("warm(median of " + warmRuns + ")",
                        new double[] {walls[warmRuns / 2], cpus[warmRuns / 2], 0, machine[warmRuns / 2]}, nodes.size());
            }
            pool.close(nodes);
            report("cold again (connections closed, JVM warm)", measure(engine, request), nodes.size());
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("open connections=%d rss=%d MB heap-used-after-gc=%d MB threads=%d%n",
                    pool.connections().size(), rssKb() / 1024, heap >> 20, Thread.activeCount());
        }
    }

    /** {wall seconds, process CPU seconds, nodes ok, whole-machine busy CPU seconds}. */
    private static double[] measure(ExecEngine engine, ExecRequest request) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long busy0 = machineBusyTicks();
        long t0 = System.nanoTime();
        ExecResult r = engine.run(request, e -> { });
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        long busy1 = machineBusyTicks();
        long ok = request.targets().stream()
                .filter(t -> r.output(t.node()).stdout().equals(List.of(t.node()))).count();
        if (ok != request.targets().size()) {
            System.out.println("failures: " + ExecReport.summary(r.outcomes()));
        }
        return new double[] {(t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, ok, (busy1 - busy0) / 100.0};
    }

    /** Busy CPU of the whole machine (user+nice+system+irq+softirq) in USER_HZ ticks: herd plus the nodes' sshd. */
    private static long machineBusyTicks() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
    }

    private static void report(String what, double[] m, int n) {
        System.out.printf("herd %s: wall=%.2f s cpu=%.2f s cpu/node=%.2f ms machine-cpu=%.2f s%s%n", what, m[0], m[1],
                m[1] * 1000 / n, m[3], m[2] > 0 ? " ok=" + (long) m[2] + "/" + n : "");
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
