package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.session.NodeOutcome;
import herd.session.Reason;
import herd.session.SecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 1,000 real BMCs (ipmi_sim) at once, 5 % of them silent (stopped: they take datagrams and never
 * answer): the silent ones are reported after their timeout, every other one answers, and the
 * warm sessions cost the back end no thread each.
 */
@LabConfig(nodes = 1000, bmc = true)
class BmcThousandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    Lab lab;

    @Test
    void silentBmcsAreReportedWithinTheirTimeoutAndTheOthersAnswer() throws Exception {
        List<String> all = lab.nodes().stream().map(n -> n.name()).filter(n -> n.startsWith("valkyrie")).toList();
        assertThat(all).hasSize(1000);
        List<String> silent = IntStream.range(0, all.size()).filter(i -> i % 20 == 7).mapToObj(all::get).toList();
        List<String> answering = new ArrayList<>(all);
        answering.removeAll(silent);
        var credentials = new InventoryCredentials(InventoryLoader.load(lab.inventoryFile()), new SecretStore(Map.of()),
                prompt -> {
                    throw new AssertionError("no prompt expected: " + prompt);
                });
        List<Long> stopped = new ArrayList<>();
        IpmiBackend ipmi = new IpmiBackend(TIMEOUT);
        try (BmcPool pool = new BmcPool(ipmi, Duration.ofSeconds(20))) {
            BmcEngine engine = new BmcEngine(pool, BmcSettings.DEFAULT_FANOUT);
            for (String node : silent) {
                long pid = lab.bmcPid(node);
                signal("STOP", pid);
                stopped.add(pid);
            }
            for (int round = 0; round < 2; round++) {  // cold (logs in everywhere), then warm
                long start = System.nanoTime();
                PowerResult r = engine.power(new PowerRequest(all, PowerAction.STATUS, false, Duration.ZERO),
                        credentials, Cancellation.create(), (d, t) -> { });
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(r.byState().get("on")).as("round %d", round).containsExactlyElementsOf(answering);
                for (String node : silent) {
                    assertThat(r.outcomes().outcome(node))
                            .isEqualTo(NodeOutcome.without(node, Reason.UNREACHABLE, "no answer after 5 s"));
                }
                // 50 silent BMCs hold 50 of the 256 fan-out slots for one timeout each, concurrently: about one
                // timeout in all, with room for a loaded machine (never the 50 timeouts in a row).
                assertThat(took).as("round %d", round).isLessThan(TIMEOUT.multipliedBy(4));
                assertThat(pool.size()).isEqualTo(answering.size());
            }
            BmcEngineTest.eventually(() -> ipmi.liveThreads() <= 3, Duration.ofSeconds(30));
            assertThat(ipmi.liveThreads()).as("threads with %d warm sessions (reader, timer, keep-alive)", pool.size())
                    .isLessThanOrEqualTo(3);
        } finally {
            for (long pid : stopped) {
                signal("CONT", pid);
            }
        }
        BmcEngineTest.eventually(() -> ipmi.liveThreads() == 0, Duration.ofSeconds(5));
        assertThat(ipmi.liveThreads()).isZero();
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }
}
