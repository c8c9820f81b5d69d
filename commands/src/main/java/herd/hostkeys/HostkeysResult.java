package herd.hostkeys;

import java.util.List;

/** The rows of the hostkeys commands; {@code nodes} is a folded nodeset. */
public final class HostkeysResult {

    private HostkeysResult() {
    }

    /** {@code hostkeys show}: status is pinned, certified, "pinned, certified" or unknown. */
    public record Shown(String nodes, String status, List<String> fingerprints, String knownHosts) {
        public Shown {
            fingerprints = List.copyOf(fingerprints);
        }
    }

    /** {@code hostkeys scan}: the key presented now ("" when none) and how it compares with the pinned ones. */
    public record Scanned(String nodes, String presented, String verdict) {
    }
}
