package herd.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the deploy table: a node's stage, since when, the last event seen, and flags.
 *
 * @param reinstalls how many times the node was seen starting an install after one had finished
 * @param reached    when each stage of the current install was reached (the estimate learns from done nodes)
 * @param failure    the log line that showed the node cannot go on (a chain file refused), "" when none
 * @param hostKeys   what became of the host keys its install reported: "" (none yet), "learned ...", "refused"
 */
public record NodeProgress(String node, Stage stage, Instant started, Instant stageSince, String lastEvent,
                           boolean stuck, int reinstalls, Map<Stage, Instant> reached, String failure, String hostKeys) {

    public NodeProgress {
        reached = Map.copyOf(reached);
    }

    /** Deployed: ssh answers after the install. */
    public boolean done() {
        return stage == Stage.SSH_UP;
    }

    public Duration elapsed(Instant now) {
        return Duration.between(started, now);
    }

    public boolean failed() {
        return !failure.isEmpty();
    }

    /** Short of ssh-up and not going to get there alone: stuck past its stage's limit, failed, or reinstalling. */
    public boolean needsPerson() {
        return !done() && (stuck || failed() || reinstalls > 0);
    }

    /**
     * Why the node is where it is, for people and to fold nodes by: {@code ok}, {@code failed at kernel},
     * {@code reinstall loop}, {@code stuck at waiting-dhcp}, or (still on its way) {@code at installing}.
     */
    public String outcome() {
        if (done()) {
            return "ok";
        }
        if (failed()) {
            return "failed at " + stage;
        }
        if (reinstalls > 0) {
            return "reinstall loop";
        }
        return (stuck ? "stuck at " : "at ") + stage;
    }

    /** The log line behind {@link #outcome()}: the refused request of a failed node, else the last event. */
    public String evidence() {
        return failed() ? failure : lastEvent;
    }

    /** When the node reached {@code s} in its current install, or the last stage before it that it did reach. */
    public Instant reachedAtOrBefore(Stage s) {
        for (int i = s.ordinal(); i > 0; i--) {
            Instant at = reached.get(Stage.values()[i]);
            if (at != null) {
                return at;
            }
        }
        return started;
    }
}
