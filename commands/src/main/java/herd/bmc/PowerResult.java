package herd.bmc;

import herd.session.OutcomeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-node outcome of a power command; for nodes whose state is known (status, {@code --wait}),
 * the state: {@code result.byState()} is {@code {"on": [n1, n2], "off": [n3]}}, the source of
 * {@code @power:on} / {@code @power:off}.
 *
 * @param outcomes one outcome per node; an ok detail is the state ("on") or "ok"
 * @param states   the power state of every node that reported one
 */
public record PowerResult(PowerAction action, OutcomeSet outcomes, Map<String, PowerState> states) {

    public PowerResult {
        states = Map.copyOf(states);
    }

    /** "on" and "off" to the nodes in that state (both keys always present). */
    public Map<String, List<String>> byState() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (PowerState s : PowerState.values()) {
            groups.put(s.word(), new ArrayList<>());
        }
        outcomes.outcomes().forEach(o -> {
            PowerState s = states.get(o.node());
            if (s != null) {
                groups.get(s.word()).add(o.node());
            }
        });
        return groups;
    }
}
