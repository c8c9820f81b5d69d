package herd.deploy;

import herd.nodeset.NodeSet;
import herd.session.Jobs;
import herd.session.Output;
import java.time.Duration;

/**
 * A {@link DeployJob} as one of the session's {@link Jobs}: {@code jobs} lists it, {@code fg}
 * brings its stage lines to the front, Ctrl-C there sends it back to the background (silent), and
 * {@code deploy status} reads its progress.
 */
final class DeployShellJob implements Jobs.Job {

    private final DeployJob job;
    private final DeployPrinter printer;
    private final NodeSet nodes;

    DeployShellJob(DeployJob job, DeployPrinter printer, NodeSet nodes) {
        this.job = job;
        this.printer = printer;
        this.nodes = nodes;
    }

    DeployJob deployment() {
        return job;
    }

    /** The printer of this job's events (silent while no command follows it). */
    DeployPrinter printer() {
        return printer;
    }

    @Override
    public String description() {
        return "deploy " + nodes;
    }

    @Override
    public boolean running() {
        return job.running();
    }

    @Override
    public void stop() {
        job.stop();
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            return job.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !job.running();
        }
    }

    @Override
    public void attach(Output out) {
        printer.attach(out);
    }

    @Override
    public void leaveFront() {
        printer.detach();
    }
}
