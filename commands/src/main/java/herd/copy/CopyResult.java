package herd.copy;

import herd.session.OutcomeSet;
import java.time.Duration;
import java.util.Map;

/**
 * The end of a copy.
 *
 * @param outcomes one per node: ok, or failed with the reason ("size mismatch ...", "no such file ...")
 * @param bytes    bytes copied per node
 * @param elapsed  wall time
 */
public record CopyResult(OutcomeSet outcomes, Map<String, Long> bytes, Duration elapsed) {

    public CopyResult {
        bytes = Map.copyOf(bytes);
    }
}
