package herd.deploy;

import herd.session.Cancellation;
import herd.session.Jobs;
import herd.session.Output;
import java.time.Instant;
import java.util.List;

/**
 * Keeps a command in front of a running deployment ({@code deploy --follow}, {@code deploy status
 * --follow}) until every node is up or needs a person, the deployment ends, or Ctrl-C detaches.
 * On a terminal it redraws the {@link DeployView} twice a second, and a key prints the full
 * per-node table; elsewhere (a batch, a pipe, {@code --events}) the printer streams one line per
 * event under a one-line progress summary.
 */
final class DeployFollow {

    private final Output out;
    private final boolean view;

    DeployFollow(Output out, boolean events) {
        this.out = out;
        this.view = !events && out.screen().isPresent();
    }

    /** True when the live view is shown: the printer then keeps the node events to itself. */
    boolean view() {
        return view;
    }

    /** Follows {@code job}; true when Ctrl-C ended it (the deployment goes on, silent). */
    boolean run(DeployShellJob job, Cancellation cancel) {
        DeployJob deployment = job.deployment();
        out.onKey(() -> DeployPrinter.table(deployment.progress(), Instant.now()));
        try {
            show(deployment.progress());
            Jobs.inFront(job, cancel, deployment::settled, () -> show(deployment.progress()));
        } finally {
            job.leaveFront();
            out.live(List.of());
            out.progress("");
        }
        return cancel.isCancelled();
    }

    private void show(List<NodeProgress> rows) {
        Output.Screen screen = out.screen().orElse(null);
        if (view && screen != null) {
            out.live(DeployView.lines(rows, Instant.now(), screen.columns() - 1, screen.rows()));
        } else {
            out.progress(DeployPrinter.summary(rows));
        }
    }
}
