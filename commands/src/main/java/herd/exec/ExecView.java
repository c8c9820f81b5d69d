package herd.exec;

import herd.nodeset.NodeSet;
import herd.session.Output;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a run is shown: lines streamed as they come (unless output is gathered), a live progress
 * line, then the gathered views and the failure summary. JSON mode gets one record per node.
 */
final class ExecView implements ExecListener {

    /** One node's end, for {@code --json}. */
    record NodeRecord(String node, String reason, int exitCode, String detail, List<String> stdout,
                      List<String> stderr) { }

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final Output out;
    private final boolean gathered;
    private final int total;
    private int started;
    private int ok;
    private int failed;
    private long lastProgress;
    private final Set<String> running = new LinkedHashSet<>();

    ExecView(Output out, boolean gathered, int total) {
        this.out = out;
        this.gathered = gathered;
        this.total = total;
        out.onKey(this::running);
    }

    /** What a key press shows: the folded nodeset of the nodes still running. */
    synchronized String running() {
        return running.isEmpty() ? "running: none" : "running (" + running.size() + "): " + NodeSet.fromNames(running);
    }

    @Override
    public synchronized void on(ExecEvent event) {
        if (event instanceof ExecEvent.Started) {
            started++;
            running.add(event.node());
        } else if (event instanceof ExecEvent.Output o) {
            if (!gathered) {
                out.line(o.node() + ": " + o.line());
            }
        } else if (event instanceof ExecEvent.Finished f) {
            running.remove(f.node());
            if (f.outcome().ok()) {
                ok++;
            } else {
                failed++;
            }
        }
        long now = System.nanoTime();
        if (now - lastProgress > PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            out.progress((ok + failed) + "/" + total + " done, " + ok + " ok, " + failed + " failed, "
                    + (started - ok - failed) + " running");
        }
    }

    void finish(ExecResult r, boolean withStderr, boolean byNode, boolean diff, boolean quiet) {
        out.progress("");
        if (out.json()) {
            r.outcomes().outcomes().forEach(o -> out.result(new NodeRecord(o.node(), o.reason().name(), o.exitCode(),
                    o.detail(), r.output(o.node()).stdout(), r.output(o.node()).stderr())));
            return;
        }
        List<String> lines = diff ? ExecReport.diff(r, withStderr)
                : byNode ? ExecReport.byNode(r, withStderr)
                : gathered ? ExecReport.gathered(r, withStderr) : List.of();
        lines.forEach(out::line);
        if (!quiet) {
            ExecReport.summary(r.outcomes()).forEach(out::line);
        }
    }
}
