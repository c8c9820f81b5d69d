package herd.deploy;

import java.time.Duration;
import java.time.Instant;

/** What the deploy tracker reports, per node. */
public sealed interface DeployEvent
        permits DeployEvent.StageReached, DeployEvent.Stuck, DeployEvent.ReinstallDetected, DeployEvent.Failed,
        DeployEvent.Problem {

    String node();

    /** The node reached {@code stage}; {@code evidence} is the log line (or "ssh answered"). */
    record StageReached(String node, Stage stage, Instant at, String evidence) implements DeployEvent {
    }

    /** No progress within the stage's timeout. */
    record Stuck(String node, Stage stage, Duration waited, String lastEvent) implements DeployEvent {
        /** {@code valkyrie03: stuck at waiting for 5m0s, last event: none since power cycle}. */
        public String message() {
            return node + ": stuck at " + stage + " for " + Durations.format(waited) + ", last event: " + lastEvent;
        }
    }

    /** The node started installing again after its install had finished (a PXE reinstall loop). */
    record ReinstallDetected(String node, Instant at, String evidence) implements DeployEvent {
    }

    /** The server refused one of the node's chain files ({@code stage} would have been proven): it cannot go on alone. */
    record Failed(String node, Stage stage, Instant at, String evidence) implements DeployEvent {
    }

    /** Something went wrong on the way (node "" when it concerns the whole deployment): a warning. */
    record Problem(String node, String message) implements DeployEvent {
    }
}
