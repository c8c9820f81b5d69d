package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live view's model: stage lines folded, the estimate from the nodes up, only the nodes that need a person. */
class DeployViewTest {

    static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

    /** A node that reached {@code stages} at the given seconds after T0 (the last one is where it is). */
    static NodeProgress node(String name, Object... stageThenSecond) {
        Map<Stage, Instant> reached = new EnumMap<>(Stage.class);
        Stage stage = Stage.WAITING;
        Instant since = T0;
        for (int i = 0; i < stageThenSecond.length; i += 2) {
            stage = (Stage) stageThenSecond[i];
            since = T0.plusSeconds((Integer) stageThenSecond[i + 1]);
            reached.put(stage, since);
        }
        return new NodeProgress(name, stage, T0, since, "last of " + name, false, 0, reached, "", "");
    }

    static NodeProgress stuck(NodeProgress p) {
        return new NodeProgress(p.node(), p.stage(), p.started(), p.stageSince(), p.lastEvent(), true, 0, p.reached(), "", p.hostKeys());
    }

    @Test
    void oneLinePerStageWithItsFoldedNodesetAndCount() {
        List<NodeProgress> rows = new ArrayList<>();
        for (int i = 1; i <= 180; i++) {
            rows.add(node(String.format("valkyrie%03d", i), Stage.DHCP_ACKED, 5, Stage.INSTALLING, 30));
        }
        rows.add(node("valkyrie181"));
        rows.add(node("valkyrie182"));
        List<String> screen = DeployView.lines(rows, T0.plusSeconds(72), 120, 40);
        assertThat(screen).containsExactly(
                "deploy: 182 nodes · 1m12s elapsed · an estimate once a node is up",
                "  waiting-dhcp     valkyrie[181-182] (2)",
                "  installing       valkyrie[001-180] (180)",
                DeployView.FOOTER);
    }

    @Test
    void aFragmentedFoldIsCutToTheWidthButKeepsItsCount() {
        List<NodeProgress> rows = new ArrayList<>();
        for (int i = 1; i <= 200; i += 2) {
            rows.add(node(String.format("valkyrie%03d", i), Stage.KERNEL, 10));
        }
        String line = DeployView.stageLine(Stage.KERNEL, rows.stream().map(NodeProgress::node).toList(), 60);
        assertThat(line).hasSize(60).startsWith("  kernel           valkyrie[001,003,005,").endsWith("... (100)");
    }

    @Test
    void theEstimateIsWhatTheNodesUpTookFromTheSameStageLessTheTimeAlreadySpentThere() {
        // Two nodes up: 100 s and 140 s from installing (at 20 s) to ssh-up: 120 s on average.
        NodeProgress a = node("n1", Stage.INSTALLING, 20, Stage.SSH_UP, 120);
        NodeProgress b = node("n2", Stage.INSTALLING, 20, Stage.SSH_UP, 160);
        NodeProgress installing = node("n3", Stage.INSTALLING, 100);
        NodeProgress waiting = node("n4");
        Instant now = T0.plusSeconds(160);
        // n3: 120 s from installing, 60 s spent: 60 s left. n4: 160 s from the start (the average of
        // 120 and 160 from power-on), 160 s spent: none left. The longest wins.
        assertThat(DeployView.estimate(List.of(a, b, installing, waiting), now)).contains(Duration.ofSeconds(60));
        assertThat(DeployView.header(List.of(a, b, installing, waiting), now))
                .isEqualTo("deploy: 4 nodes · 2m40s elapsed · about 1m00s left (from 2 up)");
        assertThat(DeployView.estimate(List.of(installing, waiting), now)).isEmpty();
    }

    @Test
    void aStageTheNodesUpNeverLoggedFallsBackToTheLastOneTheyDid() {
        // No TFTP server: the nodes up never logged the ipxe stage; a node at ipxe is measured from their dhcp-acked.
        NodeProgress up = node("n1", Stage.DHCP_ACKED, 10, Stage.BOOT_SCRIPT, 12, Stage.SSH_UP, 110);
        NodeProgress atIpxe = node("n2", Stage.DHCP_ACKED, 30, Stage.IPXE_BINARY, 31);
        assertThat(DeployView.estimate(List.of(up, atIpxe), T0.plusSeconds(41))).contains(Duration.ofSeconds(90));
    }

    @Test
    void nodesThatNeedAPersonAreListedAndLeftOutOfTheEstimate() {
        NodeProgress up = node("n1", Stage.INSTALLING, 20, Stage.SSH_UP, 60);
        NodeProgress going = node("n2", Stage.INSTALLING, 20);
        NodeProgress noDhcp = stuck(node("n3"));
        NodeProgress loop = new NodeProgress("n4", Stage.KERNEL, T0, T0.plusSeconds(50), "GET /vmlinuz", false, 2,
                Map.of(Stage.KERNEL, T0.plusSeconds(50)), "", "");
        NodeProgress refused = new NodeProgress("n5", Stage.NODE_FILE, T0, T0.plusSeconds(9), "GET /nodes/n5.ipxe 404",
                false, 0, Map.of(Stage.NODE_FILE, T0.plusSeconds(9)), "\"GET /repositories/vmlinuz HTTP/1.1\" 404", "");
        Instant now = T0.plusSeconds(400);
        List<String> screen = DeployView.lines(List.of(up, going, noDhcp, loop, refused), now, 200, 40);
        assertThat(screen).contains("needs a person: 3",
                "  n3  stuck at waiting-dhcp for 6m40s, last event: last of n3",
                "  n4  reinstall loop: installing again after its install finished (x2), at kernel for 5m50s,"
                        + " last event: GET /vmlinuz",
                "  n5  failed at node-file: \"GET /repositories/vmlinuz HTTP/1.1\" 404");
        assertThat(screen).noneMatch(l -> l.startsWith("  n1 ") || l.startsWith("  n2 "));
        // n2 is late (installing for 380 s, the node up took 40 s): no time left, but not n3's 400 s of waiting.
        assertThat(DeployView.estimate(List.of(up, going, noDhcp, loop, refused), now)).contains(Duration.ZERO);
        assertThat(screen.get(0)).isEqualTo("deploy: 5 nodes · 6m40s elapsed · 1 node on the way, slower than the 1 up");
    }

    @Test
    void theScreenFitsTheTerminalHowManyNodesNeedAPerson() {
        List<NodeProgress> rows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            rows.add(stuck(node(String.format("valkyrie%03d", i))));
        }
        List<String> screen = DeployView.lines(rows, T0.plusSeconds(400), 50, 12);
        assertThat(screen).hasSize(11).allMatch(l -> l.length() <= 50);
        assertThat(screen.get(0)).isEqualTo("deploy: 50 nodes · 6m40s elapsed · 0 up, none l...");
        assertThat(screen).contains("  ... and 44 more (any key: the full table)");
        assertThat(screen.get(screen.size() - 1)).startsWith("any key: the full table");
    }
}
