package herd.exec;

import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pass of a run under sudo, between the engine and the view: sudo's own lines (prompts, "Sorry,
 * try again.", in whatever language) never reach the view, and a node where sudo did not let the
 * command run ends with what sudo said ({@link #WRONG_PASSWORD}) rather than "exit 1". Nodes that
 * need a password are held back: {@link #release} shows them once the caller knows their fate.
 */
final class SudoFilter implements ExecListener {

    static final String WRONG_PASSWORD = "sudo: wrong password";
    static final String NEEDS_PASSWORD = "sudo: a password is required";

    private final ExecListener next;
    private final boolean withPassword;
    private final boolean again;
    private final Map<String, Preamble> preambles = new ConcurrentHashMap<>();
    private final Map<String, NodeOutcome> judged = new ConcurrentHashMap<>();

    /**
     * @param withPassword whether sudo was given a password in this pass
     * @param again        whether the view saw these nodes start in an earlier pass
     */
    SudoFilter(ExecListener next, boolean withPassword, boolean again) {
        this.next = next;
        this.withPassword = withPassword;
        this.again = again;
    }

    @Override
    public void on(ExecEvent event) {
        if (event instanceof ExecEvent.Started) {
            if (!again) {
                next.on(event);
            }
        } else if (event instanceof ExecEvent.Output o && o.stream() == ExecEvent.Stream.STDERR) {
            Preamble p = preambles.computeIfAbsent(o.node(), k -> new Preamble());
            if (p.ran) {
                next.on(event);
            } else {
                p.add(o.line());
            }
        } else if (event instanceof ExecEvent.Finished f) {
            NodeOutcome o = judge(f.outcome(), preambles.getOrDefault(f.node(), new Preamble()));
            judged.put(o.node(), o);
            if (!o.detail().equals(NEEDS_PASSWORD)) {
                next.on(new ExecEvent.Finished(o));
            }
        } else {
            next.on(event);
        }
    }

    /** Shows the held-back nodes, with {@code detail} instead of {@link #NEEDS_PASSWORD}. */
    ExecResult release(ExecResult cleaned, List<String> nodes, String detail) {
        Map<String, NodeOutcome> changed = new HashMap<>();
        for (String node : nodes) {
            NodeOutcome o = cleaned.outcomes().outcome(node);
            NodeOutcome shown = new NodeOutcome(node, o.reason(), o.exitCode(), detail);
            changed.put(node, shown);
            next.on(new ExecEvent.Finished(shown));
        }
        List<NodeOutcome> outcomes = new ArrayList<>();
        cleaned.outcomes().outcomes().forEach(o -> outcomes.add(changed.getOrDefault(o.node(), o)));
        return new ExecResult(OutcomeSet.of(outcomes), cleaned.outputs(), cleaned.elapsed());
    }

    /** The engine's result as the view should see it: judged outcomes, sudo's lines left out. */
    ExecResult clean(ExecResult raw) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        for (NodeOutcome o : raw.outcomes().outcomes()) {
            outcomes.add(judged.getOrDefault(o.node(), o));
        }
        Map<String, NodeOutput> outputs = new HashMap<>();
        raw.outputs().forEach((node, out) -> outputs.put(node, new NodeOutput(out.stdout(), commandLines(out.stderr()))));
        return new ExecResult(OutcomeSet.of(outcomes), outputs, raw.elapsed());
    }

    /** The nodes whose sudo wants a password (held back until {@link #release}). */
    List<String> needingPassword() {
        return judged.values().stream().filter(o -> o.detail().equals(NEEDS_PASSWORD)).map(NodeOutcome::node).toList();
    }

    boolean wrongPassword() {
        return judged.values().stream().anyMatch(o -> o.detail().equals(WRONG_PASSWORD));
    }

    private NodeOutcome judge(NodeOutcome raw, Preamble p) {
        if (p.ran || raw.reason() != Reason.FAILED || raw.detail().startsWith("killed")) {
            return raw;
        }
        String detail = p.prompts >= 2 ? WRONG_PASSWORD
                : !withPassword && raw.exitCode() == 1 ? NEEDS_PASSWORD
                : p.last == null ? "sudo failed: exit " + raw.exitCode()
                : "sudo: " + p.last.replaceFirst("^sudo: ", "");
        return new NodeOutcome(raw.node(), raw.reason(), raw.exitCode(), detail);
    }

    /** The lines after sudo's {@link Sudo#RAN} line; none when sudo did not run the command. */
    private static List<String> commandLines(List<String> stderr) {
        for (int i = 0; i < stderr.size(); i++) {
            if (withoutPrompts(stderr.get(i)).equals(Sudo.RAN)) {
                return stderr.subList(i + 1, stderr.size());
            }
        }
        return List.of();
    }

    private static String withoutPrompts(String line) {
        String rest = line;
        while (rest.startsWith(Sudo.PROMPT)) {
            rest = rest.substring(Sudo.PROMPT.length());
        }
        return rest;
    }

    /** What sudo wrote to a node's standard error before the command ran. */
    private static final class Preamble {
        private volatile boolean ran;
        private int prompts;
        private String last;

        synchronized void add(String line) {
            String rest = withoutPrompts(line);
            prompts += (line.length() - rest.length()) / Sudo.PROMPT.length();
            if (rest.equals(Sudo.RAN)) {
                ran = true;
            } else if (!rest.isBlank()) {
                last = rest.strip();
            }
        }
    }
}
