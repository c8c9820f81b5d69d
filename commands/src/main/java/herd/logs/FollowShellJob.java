package herd.logs;

import herd.session.Jobs;
import herd.session.Output;
import java.time.Duration;

/**
 * A {@link FollowJob} as one of the session's {@link Jobs}: its lines go to whichever output it is
 * attached to (above the prompt in the background, the {@code fg} command's output in front).
 */
final class FollowShellJob implements Jobs.Job {

    private volatile Output out;
    private FollowJob job;

    FollowShellJob(Output out) {
        this.out = out;
    }

    /** The listener to start the engine with; {@link #started} is called with the job it returns. */
    FollowListener listener() {
        return e -> LogsCommands.print(out, e);
    }

    void started(FollowJob followJob) {
        this.job = followJob;
    }

    @Override
    public String description() {
        return job.description();
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
        return job.await(timeout);
    }

    @Override
    public void attach(Output output) {
        this.out = output;
    }
}
