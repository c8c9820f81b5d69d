package herd.deploy;

import herd.nodeset.NodeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live view of a deployment, as screen lines for a person at a terminal: a header with the
 * elapsed time and an estimate, one line per stage with its count and folded nodeset, then only
 * the nodes that need a person. Plain text from tracker rows; the terminal redraws it in place.
 * <pre>{@code
 * List<String> screen = DeployView.lines(job.progress(), Instant.now(), 160, 40);
 * // deploy: 100 nodes · 2m10s elapsed · about 1m05s left (from 12 up)
 * //   installing         valkyrie[001-041,043-087] (85)
 * }</pre>
 */
public final class DeployView {

    static final String FOOTER = "any key: the full table · Ctrl-C: detach (the deployment goes on)";
    private static final int STAGE_COLUMN = 19;

    private DeployView() {
    }

    /** The screen: never wider than {@code width}, never more than {@code height - 1} lines (the cursor's). */
    public static List<String> lines(List<NodeProgress> rows, Instant now, int width, int height) {
        List<String> out = new ArrayList<>();
        out.add(header(rows, now));
        byStage(rows).forEach((stage, nodes) -> out.add(stageLine(stage, nodes, width)));
        List<NodeProgress> person = rows.stream().filter(NodeProgress::needsPerson).toList();
        if (!person.isEmpty()) {
            out.add("needs a person: " + person.size());
            int room = Math.max(1, height - 1 - out.size() - 1);
            int shown = person.size() <= room ? person.size() : room - 1;
            person.stream().limit(shown).forEach(p -> out.add("  " + problem(p, now)));
            if (shown < person.size()) {
                out.add("  ... and " + (person.size() - shown) + " more (any key: the full table)");
            }
        }
        out.add(FOOTER);
        return out.stream().map(l -> clip(l, width)).toList();
    }

    /** {@code deploy: 20 nodes · 1m12s elapsed · about 40s left (from 5 up)}. */
    static String header(List<NodeProgress> rows, Instant now) {
        Instant start = rows.stream().map(NodeProgress::started).min(Instant::compareTo).orElse(now);
        long up = rows.stream().filter(NodeProgress::done).count();
        String head = "deploy: " + rows.size() + (rows.size() == 1 ? " node" : " nodes") + " · "
                + Durations.format(Duration.between(start, now)) + " elapsed";
        if (rows.stream().allMatch(p -> p.done() || p.needsPerson())) {
            return head + " · " + up + " up, none left on its way";
        }
        long going = rows.stream().filter(p -> !p.done() && !p.needsPerson()).count();
        return head + estimate(rows, now).map(d -> d.isZero()
                        ? " · " + going + (going == 1 ? " node" : " nodes") + " on the way, slower than the " + up + " up"
                        : " · about " + Durations.format(d) + " left (from " + up + " up)")
                .orElse(" · an estimate once a node is up");
    }

    /**
     * How long until the last node still on its way is up, learnt from the nodes already up: for
     * each such node, the average time the up nodes took from its stage to ssh-up, less the time it
     * has already spent since reaching it. Empty before the first node is up.
     */
    static Optional<Duration> estimate(List<NodeProgress> rows, Instant now) {
        List<NodeProgress> up = rows.stream().filter(NodeProgress::done).toList();
        if (up.isEmpty()) {
            return Optional.empty();
        }
        Duration longest = Duration.ZERO;
        for (NodeProgress p : rows) {
            if (p.done() || p.needsPerson()) {
                continue;
            }
            Instant since = p.reachedAtOrBefore(p.stage());
            long fromStage = (long) up.stream().mapToLong(d -> Duration.between(d.reachedAtOrBefore(p.stage()),
                    d.reachedAtOrBefore(Stage.SSH_UP)).toMillis()).average().orElse(0);
            Duration left = Duration.ofMillis(fromStage).minus(Duration.between(since, now));
            if (left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        return Optional.of(longest);
    }

    /** Nodes by stage, in stage order; only stages that hold a node. */
    static Map<Stage, List<String>> byStage(List<NodeProgress> rows) {
        Map<Stage, List<String>> by = new EnumMap<>(Stage.class);
        rows.forEach(p -> by.computeIfAbsent(p.stage(), s -> new ArrayList<>()).add(p.node()));
        return by;
    }

    /** {@code   installing         valkyrie[001-180] (180)}, the fold cut to fit with its count kept. */
    static String stageLine(Stage stage, List<String> nodes, int width) {
        String head = String.format("  %-" + (STAGE_COLUMN - 2) + "s", stage.label());
        String count = " (" + nodes.size() + ")";
        String fold = NodeSet.fromNames(nodes).toString();
        int room = Math.max(4, width - head.length() - count.length());
        return head + (fold.length() > room ? fold.substring(0, room - 3) + "..." : fold) + count;
    }

    /** One line per node that needs a person: why, since when, and the log line that shows it. */
    static String problem(NodeProgress p, Instant now) {
        String in = Durations.format(Duration.between(p.stageSince(), now));
        String why = p.failed() ? "failed at " + p.stage() + ": " + p.failure()
                : p.reinstalls() > 0 ? "reinstall loop: installing again after its install finished (x" + p.reinstalls()
                        + "), at " + p.stage() + " for " + in + ", last event: " + p.lastEvent()
                : "stuck at " + p.stage() + " for " + in + ", last event: " + p.lastEvent();
        return p.node() + "  " + why;
    }

    private static String clip(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 3)) + "...";
    }
}
