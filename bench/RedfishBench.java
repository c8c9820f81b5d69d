import herd.bmc.BmcEngine;
import herd.bmc.BmcPool;
import herd.bmc.InventoryCredentials;
import herd.bmc.IpmiBackend;
import herd.bmc.MixedBackend;
import herd.bmc.PowerAction;
import herd.bmc.PowerRequest;
import herd.bmc.PowerResult;
import herd.bmc.RedfishBackend;
import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.session.Cancellation;
import herd.session.SecretStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code power status} on every node of a lab through herd's BMC engine, over Redfish and over
 * IPMI (the same BMCs, the same chassis program), in one JVM: each protocol's first run logs in
 * everywhere (cold), the next ones reuse the warm sessions; each Redfish warm run is paired with
 * an IPMI warm run right after it (the machine is shared), and the ratio is the median of the pairs.
 * Usage: {@code java -cp CLASSPATH bench/RedfishBench.java redfish.yaml ipmi.yaml ROUNDS FANOUT}.
 * Prints {@code redfish-cold MS ON}, {@code ipmi-cold MS ON}, {@code redfish-warm MS ON},
 * {@code ipmi-warm MS ON} (medians, least "on" count), {@code ratio IPMI/REDFISH} and
 * {@code redfish-client-cpu MS ROUNDS}: the CPU this JVM spent in all Redfish warm rounds.
 */
public class RedfishBench {
    public static void main(String[] args) {
        Inventory redfish = InventoryLoader.load(Path.of(args[0]));
        Inventory ipmi = InventoryLoader.load(Path.of(args[1]));
        int rounds = Integer.parseInt(args[2]);
        int fanout = Integer.parseInt(args[3]);
        List<String> nodes = redfish.all().expand();
        Duration timeout = Duration.ofSeconds(10);
        try (BmcPool rf = pool(timeout); BmcPool ip = pool(timeout)) {
            Run r = new Run(new BmcEngine(rf, fanout), credentials(redfish), nodes);
            Run i = new Run(new BmcEngine(ip, fanout), credentials(ipmi), nodes);
            long[] rCold = r.once();
            long[] iCold = i.once();
            List<Long> rWarm = new ArrayList<>();
            List<Long> iWarm = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long clientCpu = 0;
            long rOn = nodes.size();
            long iOn = nodes.size();
            for (int k = 0; k < rounds; k++) {
                long cpu = os.getProcessCpuTime();
                long[] a = r.once();
                clientCpu += os.getProcessCpuTime() - cpu;
                long[] b = i.once();
                rWarm.add(a[0]);
                iWarm.add(b[0]);
                rOn = Math.min(rOn, a[1]);
                iOn = Math.min(iOn, b[1]);
                ratios.add((double) b[0] / Math.max(1, a[0]));
            }
            System.out.printf("redfish-cold %d %d%nipmi-cold %d %d%nredfish-warm %d %d%nipmi-warm %d %d%nratio %.2f%n"
                    + "redfish-client-cpu %d %d%n", rCold[0], rCold[1], iCold[0], iCold[1], median(rWarm), rOn,
                    median(iWarm), iOn, median(ratios), clientCpu / 1_000_000, rounds);
        }
    }

    private static BmcPool pool(Duration timeout) {
        return new BmcPool(new MixedBackend(new IpmiBackend(timeout),
                new RedfishBackend(timeout)), Duration.ofSeconds(20));
    }

    private static InventoryCredentials credentials(Inventory inventory) {
        return new InventoryCredentials(inventory, new SecretStore(System.getenv()), prompt -> {
            throw new IllegalStateException("no prompt in a benchmark");
        });
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** One protocol's engine and nodes: {@link #once} gives milliseconds and how many answered "on". */
    private record Run(BmcEngine engine, InventoryCredentials credentials, List<String> nodes) {
        long[] once() {
            long start = System.nanoTime();
            PowerResult r = engine.power(new PowerRequest(nodes, PowerAction.STATUS, false, Duration.ZERO), credentials,
                    Cancellation.create(), (done, total) -> { });
            long ms = (System.nanoTime() - start) / 1_000_000;
            r.outcomes().failures().forEach((why, failed) -> System.err.println("herd: " + failed.size() + " nodes: " + why));
            return new long[] {ms, r.byState().getOrDefault("on", List.of()).size()};
        }
    }
}
