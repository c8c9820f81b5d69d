package herd.exec;

import herd.session.OutcomeSet;
import java.time.Duration;
import java.util.Map;

/**
 * The end of a run: every node's outcome and output.
 *
 * <pre>{@code
 * ExecResult r = engine.run(request, e -> { });
 * r.outcomes().groups().get("failed");
 * r.output("valkyrie01").stdout();
 * }</pre>
 *
 * @param outcomes one outcome per requested node, in request order
 * @param outputs  node name to its output; nodes that printed nothing may be absent
 * @param elapsed  wall time of the run
 */
public record ExecResult(OutcomeSet outcomes, Map<String, NodeOutput> outputs, Duration elapsed) {

    public ExecResult {
        outputs = Map.copyOf(outputs);
    }

    /** The node's output ({@link NodeOutput#NONE} when it printed nothing). */
    public NodeOutput output(String node) {
        return outputs.getOrDefault(node, NodeOutput.NONE);
    }
}
