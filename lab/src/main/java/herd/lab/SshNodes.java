package herd.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Power of the lab's SSH nodes, through the lab's {@code bin/node} script (the same script each
 * BMC's chassis_control calls): start = sshd in a fresh UTS namespace named after the node,
 * stop = every process of that namespace killed.
 */
final class SshNodes {
    private static final int PARALLEL = 4;

    private final LabDir dir;

    SshNodes(LabDir dir) {
        this.dir = dir;
    }

    /** Starts every node (in a few parallel batches) and waits until each sshd accepts. */
    void startAll(List<LabNode> nodes, long holder, Duration timeout) {
        int batches = Math.min(PARALLEL, nodes.size());
        ExecutorService pool = Executors.newFixedThreadPool(batches);
        try {
            List<Future<Procs.Result>> runs = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<String> cmd = new ArrayList<>(MountNamespace.enter(holder));
                cmd.addAll(List.of(dir.bin("node").toString(), "launch"));
                for (int i = b; i < nodes.size(); i += batches) {
                    cmd.add(nodes.get(i).name());
                }
                runs.add(pool.submit(() -> Procs.run(cmd, timeout)));
            }
            for (Future<Procs.Result> run : runs) {
                Procs.Result r = run.get();
                if (!r.ok()) {
                    throw new LabException("lab: starting nodes failed: " + r.output().strip().replace('\n', ' '));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab: interrupted while starting nodes", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof LabException le ? le : new LabException("lab: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (LabNode node : nodes) {
            awaitListening(node, deadline);
        }
    }

    void start(LabNode node) {
        Procs.check(List.of(dir.bin("node").toString(), "start", node.name()), Duration.ofSeconds(20));
        awaitListening(node, System.nanoTime() + Duration.ofSeconds(20).toNanos());
    }

    void stop(LabNode node) {
        Procs.check(List.of(dir.bin("node").toString(), "stop", node.name()), Duration.ofSeconds(20));
    }

    /** Command prefix that runs a program inside the running node: its root, processes, network. */
    List<String> enter(LabNode node) {
        return List.of("nsenter", "-t", Long.toString(init(node)), "-m", "-u", "-i", "-n", "-p", "--");
    }

    /** The running node's root directory as this machine sees it (its init's {@code /proc/PID/root}). */
    Path root(LabNode node) {
        return Path.of("/proc", Long.toString(init(node)), "root");
    }

    private long init(LabNode node) {
        return Procs.readPid(dir.node(node.name()).resolve("init.pid")).filter(Procs::alive)
                .orElseThrow(() -> new LabException("lab: node " + node.name() + " is off"));
    }

    /** Whether the node's init is alive. */
    boolean running(LabNode node) {
        return Procs.readPid(dir.node(node.name()).resolve("init.pid")).map(Procs::alive).orElse(false);
    }

    private void awaitListening(LabNode node, long deadline) {
        while (true) {
            // The init listens before it writes its pid file; a probe connection would cost an sshd.
            if (running(node)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                String log = dir.node(node.name()).resolve("boot.log").toFile().exists()
                        ? LabDir.read(dir.node(node.name()).resolve("boot.log")).strip().replace('\n', ' ') : "";
                throw new LabException("lab: sshd of " + node.name() + " (" + node.sshHost() + ":" + node.sshPort()
                        + ") did not start" + (log.isEmpty() ? "" : ": " + log));
            }
            Procs.sleep(Duration.ofMillis(20));
        }
    }

}
