package herd.deploy;

import herd.nodeset.NodeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a deployment ended, folded by outcome for people: the nodes up, then the others by
 * {@linkplain NodeProgress#outcome() outcome} (stuck by stage, failed by reason), those that need
 * a person with the log lines that show it (the first few nodes of a group).
 * <pre>{@code
 * out.result(DeploySummary.lines(job.progress(), Instant.now()));
 * // deploy: 97 of 100 nodes up in 4m12s
 * // ok                     valkyrie[001-041,043-077,079-099] (97)
 * // stuck at waiting-dhcp  valkyrie042 (1)
 * //     valkyrie042: DHCPDISCOVER from 08:00:27:03:00:2a via br0: network 10.10.0.0/16: no free leases
 * }</pre>
 */
public final class DeploySummary {

    /** Log lines shown per outcome group: a rack of nodes stuck alike needs one example, not forty. */
    static final int EVIDENCE_PER_GROUP = 3;

    private DeploySummary() {
    }

    public static List<String> lines(List<NodeProgress> rows, Instant now) {
        Instant start = rows.stream().map(NodeProgress::started).min(Instant::compareTo).orElse(now);
        Map<String, List<NodeProgress>> groups = new LinkedHashMap<>();
        rows.stream().filter(NodeProgress::done).forEach(p -> groups.computeIfAbsent("ok", k -> new ArrayList<>()).add(p));
        rows.stream().filter(p -> !p.done()).forEach(p -> groups.computeIfAbsent(p.outcome(), k -> new ArrayList<>()).add(p));
        int width = groups.keySet().stream().mapToInt(String::length).max().orElse(2);
        List<String> out = new ArrayList<>();
        long up = rows.stream().filter(NodeProgress::done).count();
        out.add("deploy: " + up + " of " + rows.size() + (rows.size() == 1 ? " node" : " nodes") + " up in "
                + Durations.format(Duration.between(start, now)));
        groups.forEach((outcome, nodes) -> {
            out.add(String.format("%-" + width + "s  %s (%d)", outcome,
                    NodeSet.fromNames(nodes.stream().map(NodeProgress::node).toList()), nodes.size()));
            if (nodes.get(0).needsPerson()) {
                nodes.stream().limit(EVIDENCE_PER_GROUP).forEach(p -> out.add("    " + p.node() + ": " + p.evidence()));
                if (nodes.size() > EVIDENCE_PER_GROUP) {
                    out.add("    ... " + (nodes.size() - EVIDENCE_PER_GROUP) + " more: 'deploy status'");
                }
            }
        });
        return out;
    }
}
