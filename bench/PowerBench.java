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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code power status} on every node of an inventory through herd's BMC engine, in one JVM:
 * the first run logs in to every BMC (cold), the next ones reuse the warm sessions.
 * Usage: {@code java -cp CLASSPATH bench/PowerBench.java cluster.yaml WARM_RUNS FANOUT}.
 * Prints {@code cold MS ON} and {@code warm MS ON}: times (warm: median of the warm runs) and how
 * many nodes answered "on" (the least of the warm runs).
 */
public class PowerBench {
    public static void main(String[] args) {
        Inventory inventory = InventoryLoader.load(Path.of(args[0]));
        int warmRuns = Integer.parseInt(args[1]);
        int fanout = Integer.parseInt(args[2]);
        List<String> nodes = inventory.all().expand();
        var credentials = new InventoryCredentials(inventory, new SecretStore(System.getenv()), prompt -> {
            throw new IllegalStateException("no prompt in a benchmark");
        });
        try (BmcPool pool = new BmcPool(new IpmiBackend(Duration.ofSeconds(5), 8), Duration.ofSeconds(20))) {
            BmcEngine engine = new BmcEngine(pool, fanout);
            long[] cold = run(engine, credentials, nodes);
            List<Long> warm = new ArrayList<>();
            long warmOn = nodes.size();
            for (int i = 0; i < warmRuns; i++) {
                long[] r = run(engine, credentials, nodes);
                warm.add(r[0]);
                warmOn = Math.min(warmOn, r[1]);
            }
            Collections.sort(warm);
            System.out.printf("cold %d %d%nwarm %d %d%n", cold[0], cold[1], warm.get(warm.size() / 2), warmOn);
        }
    }

    /** Milliseconds, and how many nodes answered "on" (failures go to stderr). */
    private static long[] run(BmcEngine engine, InventoryCredentials credentials, List<String> nodes) {
        long start = System.nanoTime();
        PowerResult r = engine.power(new PowerRequest(nodes, PowerAction.STATUS, false, Duration.ZERO), credentials,
                Cancellation.create(), (done, total) -> { });
        long ms = (System.nanoTime() - start) / 1_000_000;
        r.outcomes().failures().forEach((why, failed) -> System.err.println("herd: " + failed.size() + " nodes: " + why));
        return new long[] {ms, r.byState().get("on").size()};
    }
}
