package herd.bmc;

import herd.nodeset.NodeSet;
import herd.session.OutcomeSet;
import herd.session.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-node outcome of {@code bmc info} and the facts of the nodes that answered;
 * {@link #table()} folds nodes whose facts are identical into one row.
 *
 * @param facts what each answering node's BMC reported
 */
public record InfoResult(OutcomeSet outcomes, Map<String, BmcFacts> facts) {

    public InfoResult {
        facts = Map.copyOf(facts);
    }

    /** One row per distinct set of facts, its nodes folded, in the order nodes were asked. */
    public Table table() {
        Map<BmcFacts, List<String>> groups = new LinkedHashMap<>();
        outcomes.outcomes().forEach(o -> {
            BmcFacts f = facts.get(o.node());
            if (f != null) {
                groups.computeIfAbsent(f, k -> new ArrayList<>()).add(o.node());
            }
        });
        Table t = Table.of("nodes", "manufacturer", "model", "serial", "bios", "bmc_firmware", "health", "power");
        for (var e : groups.entrySet()) {
            BmcFacts f = e.getKey();
            t = t.row(NodeSet.fromNames(e.getValue()), f.manufacturer(), f.model(), f.serial(), f.bios(), f.firmware(),
                    f.health(), f.power() == null ? BmcFacts.UNKNOWN : f.power().word());
        }
        return t;
    }
}
