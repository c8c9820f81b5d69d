package herd.deploy;

import herd.session.Count;
import herd.session.Output;
import herd.session.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a deployment for people while a command is attached to it ({@code deploy --follow}):
 * one line per stage reached, stuck node, reinstall or problem (with the live view on a terminal,
 * only the problems: the view shows the rest); nothing once detached (the job goes on). Also the
 * table of {@code deploy status} and the one-line progress summary.
 */
final class DeployPrinter implements DeployListener {

    private volatile Output out;
    private volatile boolean nodeEvents;

    DeployPrinter(Output out, boolean nodeEvents) {
        this.out = out;
        this.nodeEvents = nodeEvents;
    }

    /** From now on every event goes to {@code output} ({@code fg} brings the deployment to the front). */
    void attach(Output output) {
        attach(output, true);
    }

    /** From now on events go to {@code output}: all of them, or (under a live view) only the problems. */
    void attach(Output output, boolean everyEvent) {
        nodeEvents = everyEvent;
        out = output;
    }

    /** Silent from now on: the deployment goes on in the background. */
    void detach() {
        out = null;
    }

    @Override
    public synchronized void on(DeployEvent e) {
        Output out = this.out;
        if (out == null || !nodeEvents && !(e instanceof DeployEvent.Problem)) {
            return;
        }
        if (e instanceof DeployEvent.StageReached r) {
            out.line(String.format("%-12s %-17s %s", r.node(), r.stage(), r.evidence()));
        } else if (e instanceof DeployEvent.Stuck s) {
            out.warn(s.message());
        } else if (e instanceof DeployEvent.Failed f) {
            out.warn(f.node() + ": failed at " + f.stage() + ": " + f.evidence());
        } else if (e instanceof DeployEvent.ReinstallDetected r) {
            out.warn(r.node() + ": started installing again after its install finished (reinstall loop?): " + r.evidence());
        } else if (e instanceof DeployEvent.HostKeysLearned k) {
            out.line(String.format("%-12s %-17s %s", k.node(), "host-keys", k.summary() + " (in " + k.knownHosts()
                    + (k.backup().isEmpty() ? "" : ", previous file kept as " + k.backup()) + ")"));
        } else if (e instanceof DeployEvent.HostKeysRefused r) {
            out.warn((r.node().isEmpty() ? "" : r.node() + ": ") + r.message());
        } else if (e instanceof DeployEvent.Problem p) {
            out.warn(p.node().isEmpty() ? p.message() : p.node() + ": " + p.message());
        }
    }

    /** {@code 4 nodes: 2 ssh-up, 1 installing, 1 waiting-dhcp (stuck 1)}. */
    static String summary(List<NodeProgress> rows) {
        Map<Stage, Integer> byStage = new TreeMap<>();
        rows.forEach(r -> byStage.merge(r.stage(), 1, Integer::sum));
        StringBuilder b = new StringBuilder(Count.of(rows.size(), "node") + ":");
        byStage.forEach((stage, n) -> b.append(' ').append(n).append(' ').append(stage).append(','));
        b.setLength(b.length() - 1);
        long stuck = rows.stream().filter(NodeProgress::stuck).count();
        return stuck == 0 ? b.toString() : b + " (stuck " + stuck + ")";
    }

    static Table table(List<NodeProgress> rows, Instant now) {
        Table t = Table.of("node", "stage", "elapsed", "in stage", "last event", "host keys", "flags");
        for (NodeProgress p : rows) {
            String flags = (p.stuck() ? "stuck " : "") + (p.reinstalls() > 0 ? "reinstalled x" + p.reinstalls() : "");
            t = t.row(p.node(), p.stage().label(), Durations.format(p.elapsed(now)),
                    Durations.format(java.time.Duration.between(p.stageSince(), now)), p.lastEvent(), p.hostKeys(),
                    flags.strip());
        }
        return t;
    }
}
