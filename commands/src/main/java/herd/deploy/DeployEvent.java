package herd.deploy;

import herd.hostkeys.HostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** What the deploy tracker reports, per node. */
public sealed interface DeployEvent
        permits DeployEvent.StageReached, DeployEvent.Stuck, DeployEvent.ReinstallDetected, DeployEvent.Failed,
        DeployEvent.Problem, DeployEvent.HostKeysReported, DeployEvent.HostKeysRefused, DeployEvent.HostKeysLearned {

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

    /** The node's callback carried its new host keys, from its own address, inside its deploy window. */
    record HostKeysReported(String node, List<HostKey> keys, Instant at) implements DeployEvent {
    }

    /**
     * A callback's host keys were refused (nothing written): {@code node} is the node it came from or
     * named ("" when neither), {@code why} the rule it broke.
     */
    record HostKeysRefused(String node, String address, String why, Instant at) implements DeployEvent {
        /** What to check, and the way out when the node really was reinstalled outside a deploy. */
        public String message() {
            String n = node.isEmpty() ? "NODE" : node;
            return "host keys from " + address + " refused: " + why + "; nothing written to known_hosts. Check what"
                    + " sent that callback (the web server's access log); if " + n + " was reinstalled outside a"
                    + " deploy, check its key on its console, then 'hostkeys forget " + n + "'";
        }
    }

    /**
     * herd pinned the reported keys in {@code knownHosts} (the previous file kept as {@code backup}),
     * and, when {@code certified}, signed them with the host CA for the node to fetch.
     */
    record HostKeysLearned(String node, List<HostKey> keys, String knownHosts, String backup, boolean certified)
            implements DeployEvent {
        /** {@code learned ED25519 SHA256:...}, {@code , certified} when signed. */
        public String summary() {
            return "learned " + keys.stream().map(HostKey::describe).collect(Collectors.joining(", "))
                    + (certified ? ", certified" : "");
        }
    }
}
