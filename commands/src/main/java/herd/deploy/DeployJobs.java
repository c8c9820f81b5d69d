package herd.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The session's deployments (a session resource): {@code deploy} adds one, {@code deploy status}
 * reads them, and closing the session stops those still running.
 */
public final class DeployJobs implements AutoCloseable {

    private final List<DeployJob> jobs = new ArrayList<>();

    public synchronized void add(DeployJob job) {
        jobs.add(job);
    }

    /** Every deployment of this session, oldest first. */
    public synchronized List<DeployJob> all() {
        return List.copyOf(jobs);
    }

    @Override
    public synchronized void close() {
        jobs.forEach(DeployJob::stop);
    }
}
