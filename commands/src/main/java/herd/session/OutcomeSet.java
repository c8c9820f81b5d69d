package herd.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-node outcomes of one fan-out, kept by the session as the groups of {@code @last:NAME}.
 *
 * <pre>{@code
 * OutcomeSet last = OutcomeSet.of(List.of(NodeOutcome.exited("n1", 0), NodeOutcome.exited("n2", 1)));
 * last.groups().get("failed");   // [n2]
 * last.failures();               // {"exit 1" -> [n2]}
 * }</pre>
 *
 * Group names: {@code ok}, {@code failed} (every node not ok), {@code timeout}, {@code unreachable}
 * (refused, host key mismatch and auth refused included), {@code cancelled}, {@code rc=N} for
 * every exit code seen, and any group the command added ({@link #withGroup}).
 */
public final class OutcomeSet {

    private final Map<String, NodeOutcome> byNode;
    private final Map<String, List<String>> extraGroups;

    private OutcomeSet(Map<String, NodeOutcome> byNode, Map<String, List<String>> extraGroups) {
        this.byNode = byNode;
        this.extraGroups = extraGroups;
    }

    /** Outcomes in the order given; a node given twice keeps its last outcome. */
    public static OutcomeSet of(Collection<NodeOutcome> outcomes) {
        Map<String, NodeOutcome> map = new LinkedHashMap<>();
        for (NodeOutcome o : outcomes) {
            map.put(o.node(), o);
        }
        return new OutcomeSet(Collections.unmodifiableMap(map), Map.of());
    }

    public static OutcomeSet empty() {
        return new OutcomeSet(Map.of(), Map.of());
    }

    /**
     * The same outcomes with one more group a command defines for itself ({@code deploy}'s
     * {@code stuck}); a group of that name is replaced.
     */
    public OutcomeSet withGroup(String name, Collection<String> nodes) {
        Map<String, List<String>> extra = new TreeMap<>(extraGroups);
        extra.put(name, List.copyOf(nodes));
        return new OutcomeSet(byNode, Collections.unmodifiableMap(extra));
    }

    public Collection<NodeOutcome> outcomes() {
        return byNode.values();
    }

    public NodeOutcome outcome(String node) {
        return byNode.get(node);
    }

    public int size() {
        return byNode.size();
    }

    public boolean allOk() {
        return byNode.values().stream().allMatch(NodeOutcome::ok);
    }

    /** The largest exit code seen (0 when none), for {@code -S}. */
    public int maxExitCode() {
        return byNode.values().stream().mapToInt(NodeOutcome::exitCode).filter(c -> c > 0).max().orElse(0);
    }

    /** Group name to node names, for {@code @last:NAME}; every name listed in the class doc is present. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (String name : List.of("ok", "failed", "timeout", "unreachable", "cancelled")) {
            groups.put(name, new ArrayList<>());
        }
        for (NodeOutcome o : byNode.values()) {
            groups.get(o.ok() ? "ok" : "failed").add(o.node());
            switch (o.reason()) {
                case TIMED_OUT -> groups.get("timeout").add(o.node());
                case UNREACHABLE, AUTH_REFUSED, HOST_KEY_MISMATCH -> groups.get("unreachable").add(o.node());
                case CANCELLED -> groups.get("cancelled").add(o.node());
                default -> { }
            }
            if (o.reason().hasExitCode()) {
                groups.computeIfAbsent("rc=" + o.exitCode(), k -> new ArrayList<>()).add(o.node());
            }
        }
        extraGroups.forEach((name, nodes) -> groups.put(name, new ArrayList<>(nodes)));
        return groups;
    }

    /**
     * What did not succeed, keyed by the one-line detail ("exit 1", "unreachable: connection refused"),
     * without the node's own name ({@link NodeOutcome#foldedDetail()}).
     */
    public Map<String, List<String>> failures() {
        Map<String, List<String>> failures = new TreeMap<>();
        for (NodeOutcome o : byNode.values()) {
            if (!o.ok()) {
                failures.computeIfAbsent(o.foldedDetail(), k -> new ArrayList<>()).add(o.node());
            }
        }
        return failures;
    }
}
