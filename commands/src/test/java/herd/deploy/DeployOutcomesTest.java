package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployOutcomesTest {

    private static NodeProgress at(String node, Stage stage) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new NodeProgress(node, stage, t, t, "", false, 0, java.util.Map.of(), "", "");
    }

    @Test
    void sshUpIsOkAndANodeShortOfItTimedOutOrWasStopped() {
        List<NodeProgress> progress = List.of(at("n1", Stage.SSH_UP), at("n2", Stage.INSTALLING));
        assertThat(DeployEngine.outcomes(progress, true).groups())
                .containsEntry("ok", List.of("n1")).containsEntry("timeout", List.of("n2"));
        assertThat(DeployEngine.outcomes(progress, false).failures()).containsEntry("stopped at installing", List.of("n2"));
    }
}
