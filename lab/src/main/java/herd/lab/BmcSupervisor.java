package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one ipmi_sim per node as a child of the lab agent and restarts any that dies (ipmi_sim
 * crashes on some client requests, e.g. freeipmi's ipmiconsole without solchannelsupport).
 */
final class BmcSupervisor {
    private static final Duration RESTART_DELAY = Duration.ofMillis(300);
    private static final Duration DEAD_POLL = Duration.ofMillis(100);

    private final LabDir dir;
    private final List<LabNode> nodes;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    BmcSupervisor(LabDir dir, List<LabNode> nodes) {
        this.dir = dir;
        this.nodes = nodes;
    }

    /** Starts every BMC and returns once each one's UDP port is bound. */
    void startAll(Duration timeout) throws IOException {
        for (LabNode node : nodes) {
            start(node);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> wanted = new HashSet<>();
        nodes.forEach(n -> wanted.add(n.bmcPort()));
        while (!boundUdpPorts().containsAll(wanted)) {
            if (System.nanoTime() > deadline) {
                wanted.removeAll(boundUdpPorts());
                throw new LabException("lab: BMCs on UDP ports " + wanted + " did not start (see nodes/*/bmc/ipmi_sim.log)");
            }
            Procs.sleep(Duration.ofMillis(50));
        }
    }

    private void start(LabNode node) throws IOException {
        Path bmc = dir.node(node.name()).resolve("bmc");
        Files.createDirectories(bmc.resolve("state"));
        Process p = new ProcessBuilder("ipmi_sim", "-n", "-c", bmc.resolve("lan.conf").toString(),
                "-f", bmc.resolve("bmc.emu").toString(), "-s", bmc.resolve("state").toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(bmc.resolve("ipmi_sim.log").toFile()))
                .start();
        running.put(node.name(), p);
        // Renamed into place: a reader never sees the file empty.
        Path pid = bmc.resolve("ipmi_sim.pid.new");
        Files.writeString(pid, p.pid() + "\n");
        Files.move(pid, bmc.resolve("ipmi_sim.pid"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        p.onExit().thenRun(() -> exited(node, p));
    }

    /** A BMC killed by fault bmc-dead: not restarted while this file exists. */
    static Path deadMark(LabDir dir, String node) {
        return dir.node(node).resolve("bmc/dead");
    }

    private void exited(LabNode node, Process p) {
        if (stopping) {
            return;
        }
        if (Files.exists(deadMark(dir, node.name()))) {
            LabAgent.log("BMC of " + node.name() + " (pid " + p.pid() + ") killed by fault bmc-dead; restarted once cleared");
            Thread wait = new Thread(() -> {
                while (Files.exists(deadMark(dir, node.name())) && !stopping) {
                    Procs.sleep(DEAD_POLL);
                }
                restart(node);
            }, "bmc-dead-" + node.name());
            wait.setDaemon(true);
            wait.start();
            return;
        }
        LabAgent.log("BMC of " + node.name() + " (pid " + p.pid() + ") exited with status " + p.exitValue() + "; restarting");
        Procs.sleep(RESTART_DELAY);
        restart(node);
    }

    private void restart(LabNode node) {
        try {
            if (!stopping) {
                start(node);
                appendRestart(node);
            }
        } catch (IOException | RuntimeException e) {
            LabAgent.log("cannot restart BMC of " + node.name() + ": " + e.getMessage());
        }
    }

    private void appendRestart(LabNode node) throws IOException {
        Path log = dir.node(node.name()).resolve("bmc/restarts");
        Files.writeString(log, Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    void stopAll() {
        stopping = true;
        running.values().forEach(Process::destroyForcibly);
    }

    /** Local UDP ports bound on 127.0.0.1, from /proc/net/udp. */
    static Set<Integer> boundUdpPorts() {
        Set<Integer> ports = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && f[1].startsWith("0100007F:")) {
                    ports.add(Integer.parseInt(f[1].substring(9), 16));
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot read /proc/net/udp: " + e.getMessage(), e);
        }
        return ports;
    }
}
