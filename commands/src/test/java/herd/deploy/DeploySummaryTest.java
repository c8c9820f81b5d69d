package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end of a deployment: the summary folded by outcome, and the outcome sets it leaves. */
class DeploySummaryTest {

    static final Instant T0 = DeployViewTest.T0;

    static List<NodeProgress> rack() {
        List<NodeProgress> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String n = String.format("valkyrie%02d", i);
            rows.add(switch (i) {
                case 5 -> new NodeProgress(n, Stage.WAITING, T0, T0, "DHCPDISCOVER from 08:00:27:03:00:05 via br0: network"
                        + " 10.10.0.0/16: no free leases", true, 0, Map.of(), "", "");
                case 9, 10, 11, 12 -> new NodeProgress(n, Stage.INSTALLING, T0, T0.plusSeconds(30), "GET /x" + i, true, 0,
                        Map.of(Stage.INSTALLING, T0.plusSeconds(30)), "", "");
                case 17 -> new NodeProgress(n, Stage.KERNEL, T0, T0.plusSeconds(80), "GET /vmlinuz", false, 2,
                        Map.of(Stage.KERNEL, T0.plusSeconds(80)), "", "");
                default -> DeployViewTest.node(n, Stage.INSTALLING, 30, Stage.SSH_UP, 90);
            });
        }
        return rows;
    }

    @Test
    void foldedByOutcomeWithTheLogLinesOfTheFirstFewOfEachGroup() {
        assertThat(DeploySummary.lines(rack(), T0.plusSeconds(102))).containsExactly(
                "deploy: 14 of 20 nodes up in 1m42s",
                "ok                     valkyrie[01-04,06-08,13-16,18-20] (14)",
                "stuck at waiting-dhcp  valkyrie05 (1)",
                "    valkyrie05: DHCPDISCOVER from 08:00:27:03:00:05 via br0: network 10.10.0.0/16: no free leases",
                "stuck at installing    valkyrie[09-12] (4)",
                "    valkyrie09: GET /x9",
                "    valkyrie10: GET /x10",
                "    valkyrie11: GET /x11",
                "    ... 1 more: 'deploy status'",
                "reinstall loop         valkyrie17 (1)",
                "    valkyrie17: GET /vmlinuz");
    }

    @Test
    void theOutcomeSetsHoldExactlyTheNodesShortOfSshUpAndStuckOnlyTheStuckOnes() {
        var groups = DeployEngine.outcomes(rack(), false).groups();
        assertThat(String.join(",", groups.get("failed"))).isEqualTo(
                "valkyrie05,valkyrie09,valkyrie10,valkyrie11,valkyrie12,valkyrie17");
        assertThat(groups.get("stuck")).containsExactly("valkyrie05", "valkyrie09", "valkyrie10", "valkyrie11", "valkyrie12");
        assertThat(groups.get("ok")).hasSize(14).doesNotContain("valkyrie05", "valkyrie17");
        assertThat(DeployEngine.outcomes(rack(), false).failures()).containsOnlyKeys("stuck at waiting-dhcp",
                "stuck at installing", "reinstall loop");
    }
}
