package herd.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeSetTest {

    private final OutcomeSet set = OutcomeSet.of(List.of(
            NodeOutcome.exited("n1", 0),
            NodeOutcome.exited("n2", 1),
            NodeOutcome.exited("n3", 1),
            NodeOutcome.exited("n4", 3),
            NodeOutcome.without("n5", Reason.UNREACHABLE, "unreachable: connection refused"),
            NodeOutcome.without("n6", Reason.TIMED_OUT, "timed out after 30 s"),
            NodeOutcome.without("n7", Reason.HOST_KEY_MISMATCH, "host key mismatch")));

    @Test
    void groupsNameEveryOutcome() {
        assertThat(set.groups())
                .containsEntry("ok", List.of("n1"))
                .containsEntry("failed", List.of("n2", "n3", "n4", "n5", "n6", "n7"))
                .containsEntry("rc=1", List.of("n2", "n3"))
                .containsEntry("rc=3", List.of("n4"))
                .containsEntry("rc=0", List.of("n1"))
                .containsEntry("timeout", List.of("n6"))
                .containsEntry("unreachable", List.of("n5", "n7"))
                .containsEntry("cancelled", List.of());
    }

    @Test
    void aDetailLosesOnlyItsOwnNodesName() {
        assertThat(NodeOutcome.without("n1", Reason.UNREACHABLE, "unreachable: unknown host n1").foldedDetail())
                .isEqualTo("unreachable: unknown host");
        assertThat(NodeOutcome.without("n1", Reason.CANCELLED, "n1 refused the copy of n10").foldedDetail())
                .isEqualTo("refused the copy of n10");
        assertThat(NodeOutcome.without("n1", Reason.CANCELLED, "host n1.cluster.local down").foldedDetail())
                .isEqualTo("host n1.cluster.local down");
        assertThat(OutcomeSet.of(List.of(NodeOutcome.without("a1", Reason.UNREACHABLE, "unknown host a1"),
                NodeOutcome.without("a2", Reason.UNREACHABLE, "unknown host a2"))).failures())
                .containsExactly(java.util.Map.entry("unknown host", List.of("a1", "a2")));
    }

    @Test
    void failuresAreKeyedByDetail() {
        assertThat(set.failures())
                .containsEntry("exit 1", List.of("n2", "n3"))
                .containsEntry("exit 3", List.of("n4"))
                .doesNotContainKey("ok");
        assertThat(set.maxExitCode()).isEqualTo(3);
        assertThat(set.allOk()).isFalse();
    }

    @Test
    void exitCodeMustFitReason() {
        assertThatThrownBy(() -> new NodeOutcome("n1", Reason.UNREACHABLE, 0, "x"))
                .hasMessageContaining("n1: exit code 0 does not fit reason UNREACHABLE");
        assertThat(OutcomeSet.empty().maxExitCode()).isZero();
    }

    @Test
    void aCommandsOwnGroupIsPublishedBesideTheOutcomeGroups() {
        OutcomeSet withStuck = set.withGroup("stuck", List.of("n2"));
        assertThat(withStuck.groups()).containsEntry("stuck", List.of("n2")).containsEntry("ok", set.groups().get("ok"));
        assertThat(set.groups()).doesNotContainKey("stuck");
        assertThat(withStuck.outcomes()).isEqualTo(set.outcomes());
    }
}
