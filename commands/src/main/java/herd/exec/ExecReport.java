package herd.exec;

import herd.nodeset.NodeSet;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderer-independent views of a run's output, as clush prints them: gathered blocks
 * ({@code -b}/{@code -B}), lines ordered by node ({@code -L}), differences against the most common
 * output ({@code --diff}), output files ({@code --outdir}/{@code --errdir}) and the failure summary.
 *
 * <pre>{@code
 * ExecReport.gathered(result, false).forEach(System.out::println);
 * ExecReport.summary(result.outcomes()).forEach(System.err::println);   // valkyrie[03,07] (2): exit 1
 * }</pre>
 */
public final class ExecReport {

    /** clush's block separator. */
    public static final String SEP = "-".repeat(15);

    private ExecReport() {
    }

    /** Identical outputs grouped; largest group first, then by first node (clush's order). */
    public static List<OutputBlock> blocks(ExecResult r, boolean withStderr) {
        Map<List<String>, List<String>> byText = new LinkedHashMap<>();
        for (String node : NodeSet.fromNames(r.outputs().keySet())) {
            List<String> lines = lines(r.output(node), withStderr);
            if (!lines.isEmpty()) {
                byText.computeIfAbsent(lines, k -> new ArrayList<>()).add(node);
            }
        }
        List<OutputBlock> blocks = new ArrayList<>();
        byText.forEach((lines, nodes) -> blocks.add(new OutputBlock(NodeSet.fromNames(nodes), lines)));
        blocks.sort(Comparator.comparingInt((OutputBlock b) -> -b.nodes().size())
                .thenComparing(b -> b.nodes().get(0)));
        return blocks;
    }

    /** {@code -b}: each block headed by its folded nodeset between separators. */
    public static List<String> gathered(ExecResult r, boolean withStderr) {
        List<String> out = new ArrayList<>();
        for (OutputBlock b : blocks(r, withStderr)) {
            out.add(SEP);
            out.add(b.header());
            out.add(SEP);
            out.addAll(b.lines());
        }
        return out;
    }

    /** {@code -L}: {@code node: line}, nodes in nodeset order. */
    public static List<String> byNode(ExecResult r, boolean withStderr) {
        List<String> out = new ArrayList<>();
        for (String node : NodeSet.fromNames(r.outputs().keySet())) {
            for (String line : lines(r.output(node), withStderr)) {
                out.add(node + ": " + line);
            }
        }
        return out;
    }

    /** {@code --diff}: unified differences of every other output against the most common one. */
    public static List<String> diff(ExecResult r, boolean withStderr) {
        List<OutputBlock> blocks = blocks(r, withStderr);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < blocks.size(); i++) {
            out.addAll(LineDiff.unified(blocks.get(0).lines(), blocks.get(i).lines(),
                    blocks.get(0).header(), blocks.get(i).header()));
        }
        return out;
    }

    /**
     * One line per way of failing, nodes folded: {@code valkyrie[03,07] (2): exit 1},
     * {@code valkyrie12: timed out after 30 s}; ordered by reason, then detail. Empty when all ok.
     */
    public static List<String> summary(OutcomeSet outcomes) {
        Map<String, List<String>> byDetail = outcomes.failures();
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>(byDetail.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, List<String>> e) -> reasonOf(outcomes, e))
                .thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : entries) {
            NodeSet nodes = NodeSet.fromNames(e.getValue());
            out.add((nodes.size() > 1 ? nodes + " (" + nodes.size() + ")" : nodes.toString()) + ": " + e.getKey());
        }
        return out;
    }

    /** Writes each node's stdout to {@code outdir/NODE} and stderr to {@code errdir/NODE} (either may be null). */
    public static void writeFiles(ExecResult r, Path outdir, Path errdir) throws IOException {
        for (NodeOutcome o : r.outcomes().outcomes()) {
            NodeOutput output = r.output(o.node());
            if (outdir != null) {
                Files.createDirectories(outdir);
                Files.write(outdir.resolve(o.node()), output.stdout());
            }
            if (errdir != null) {
                Files.createDirectories(errdir);
                Files.write(errdir.resolve(o.node()), output.stderr());
            }
        }
    }

    private static Reason reasonOf(OutcomeSet outcomes, Map.Entry<String, List<String>> e) {
        return outcomes.outcome(e.getValue().get(0)).reason();
    }

    private static List<String> lines(NodeOutput o, boolean withStderr) {
        if (!withStderr || o.stderr().isEmpty()) {
            return o.stdout();
        }
        List<String> all = new ArrayList<>(o.stdout());
        all.addAll(o.stderr());
        return all;
    }
}
