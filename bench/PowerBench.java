import herd.bmc.BmcEngine;
import herd.bmc.BmcPool;
import herd.bmc.InventoryCredentials;
import herd.bmc.IpmiBackend;
import herd.bmc.PowerAction;
import herd.bmc.PowerRequest;
import herd.bmc.PowerResult;
import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.session.Cancellation;
import herd.session.SecretStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code power status} on every node of an inventory through herd's BMC engine, in one JVM:
 * the first run logs in to every BMC (cold), the next ones reuse the warm sessions. With a peer
 * command (ipmipower), each warm run is paired with one run of the peer right after it, so that
 * both see the same load on a shared machine: the ratio of each pair is what is compared.
 * Usage: {@code java -cp CLASSPATH bench/PowerBench.java cluster.yaml ROUNDS FANOUT [PEER ARG...]}.
 * Prints {@code cold MS ON}, {@code warm MS ON} (median of the rounds, least "on" count) and, with a
 * peer, {@code peer MS ON} and {@code ratio PEER/WARM} (median of the per-round ratios); a peer's
 * "on" count is the number of its output lines ending in ": on". Then {@code threads N M} (the
 * JVM's live threads, of which the BMC back end's) and {@code rss KB SESSIONS} with every session warm and
 * the fan-out's workers gone.
 */
public class PowerBench {
    public static void main(String[] args) throws Exception {
        Inventory inventory = InventoryLoader.load(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int fanout = Integer.parseInt(args[2]);
        List<String> peer = Arrays.asList(args).subList(3, args.length);
        List<String> nodes = inventory.all().expand();
        var credentials = new InventoryCredentials(inventory, new SecretStore(System.getenv()), prompt -> {
            throw new IllegalStateException("no prompt in a benchmark");
        });
        IpmiBackend ipmi = new IpmiBackend(Duration.ofSeconds(5));
        try (BmcPool pool = new BmcPool(ipmi, Duration.ofSeconds(20))) {
            BmcEngine engine = new BmcEngine(pool, fanout);
            long[] cold = run(engine, credentials, nodes);
            List<Long> warm = new ArrayList<>();
            List<Long> peerMs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long warmOn = nodes.size();
            long peerOn = nodes.size();
            for (int i = 0; i < rounds; i++) {
                long[] r = run(engine, credentials, nodes);
                warm.add(r[0]);
                warmOn = Math.min(warmOn, r[1]);
                if (!peer.isEmpty()) {
                    long[] p = runPeer(peer);
                    peerMs.add(p[0]);
                    peerOn = Math.min(peerOn, p[1]);
                    ratios.add((double) p[0] / Math.max(1, r[0]));
                }
            }
            System.out.printf("cold %d %d%nwarm %d %d%n", cold[0], cold[1], median(warm), warmOn);
            if (!peer.isEmpty()) {
                System.out.printf("peer %d %d%nratio %.2f%n", median(peerMs), peerOn, median(ratios));
            }
            // The fan-out's workers end 5 s after the last command: what stays is what warm sessions cost.
            for (long end = System.nanoTime() + 15_000_000_000L; ipmi.liveThreads() > 2 && System.nanoTime() < end; ) {
                Thread.sleep(200);
            }
            System.out.printf("threads %d %d%nrss %d %d%n", Thread.activeCount(), ipmi.liveThreads(), rssKb(), pool.size());
        }
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Milliseconds, and how many nodes answered "on" (failures go to stderr). */
    private static long[] run(BmcEngine engine, InventoryCredentials credentials, List<String> nodes) {
        long start = System.nanoTime();
        PowerResult r = engine.power(new PowerRequest(nodes, PowerAction.STATUS, false, Duration.ZERO), credentials,
                Cancellation.create(), (done, total) -> { });
        long ms = (System.nanoTime() - start) / 1_000_000;
        r.outcomes().failures().forEach((why, failed) -> System.err.println("herd: " + failed.size() + " nodes: " + why));
        return new long[] {ms, r.byState().getOrDefault("on", List.of()).size()};
    }

    /** The resident set of this JVM, from /proc. */
    private static long rssKb() throws Exception {
        return java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1);
    }

    /** Runs the peer command to its end: milliseconds, and its lines ending in ": on". */
    private static long[] runPeer(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long on;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            on = out.lines().filter(line -> line.endsWith(": on")).count();
        }
        p.waitFor();
        return new long[] {(System.nanoTime() - start) / 1_000_000, on};
    }
}
