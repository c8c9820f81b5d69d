package herd.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void callbacksRunOnceOnCancelAndNotAfterTheirRegistrationCloses() {
        Cancellation token = Cancellation.create();
        List<String> ran = new ArrayList<>();
        Cancellation.Registration closedEarly = token.onCancel(() -> ran.add("early"));
        token.onCancel(() -> {
            throw new IllegalStateException("a failing close");
        });
        token.onCancel(() -> ran.add("kept"));
        closedEarly.close();
        token.check("exec");
        token.cancel();
        token.cancel();
        assertThat(ran).containsExactly("kept");
        assertThat(token.isCancelled()).isTrue();
        assertThatThrownBy(() -> token.check("exec")).isInstanceOf(CancelledException.class).hasMessage("exec: cancelled");
    }

    @Test
    void registeringAfterCancelRunsAtOnce() {
        Cancellation token = Cancellation.create();
        token.cancel();
        List<String> ran = new ArrayList<>();
        token.onCancel(() -> ran.add("late"));
        assertThat(ran).containsExactly("late");
    }
}
