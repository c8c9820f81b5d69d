package herd.deploy;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the deploy table: a node's stage, since when, the last event seen, and flags.
 *
 * @param reinstalls how many times the node was seen starting an install after one had finished
 * @param hostKeys   what became of the host keys its install reported: "" (none yet), "learned ...", "refused"
 */
public record NodeProgress(String node, Stage stage, Instant started, Instant stageSince, String lastEvent,
                           boolean stuck, int reinstalls, String hostKeys) {

    /** Deployed: ssh answers after the install. */
    public boolean done() {
        return stage == Stage.SSH_UP;
    }

    public Duration elapsed(Instant now) {
        return Duration.between(started, now);
    }
}
