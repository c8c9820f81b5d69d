package herd.shell;

import herd.session.Jobs;
import herd.session.Session;
import herd.session.UsageException;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/** Background jobs ({@code follow ... &}, {@code deploy}): jobs, fg, stop (docs/shell.md). */
@Component
public class JobsCommands {

    private static final String GROUP = "Shell";

    private final Session session;

    public JobsCommands(Session session) {
        this.session = session;
    }

    private Jobs registry() {
        return session.resource(Jobs.class, Jobs::new);
    }

    @Command(name = "jobs", group = GROUP, description = "List the background jobs (follow ... &, deploy)")
    public void jobs() {
        for (Jobs.Entry e : registry().list()) {
            boolean running = e.job().running();
            session.out().line("[" + e.id() + "] " + (running ? "running" : "done   ") + "  " + e.job().description());
            if (!running) {
                registry().remove(e.id());
            }
        }
    }

    @Command(name = "fg", group = GROUP, description = "Bring a background job to the front (default: the newest); Ctrl-C stops a follow, sends a deploy back")
    public void fg(@Arguments List<String> id) {
        if (id.size() > 1) {
            throw new UsageException("fg: one job number at most");
        }
        Jobs.Entry e = entry(id.isEmpty() ? "0" : id.get(0), "fg");
        Jobs.Job job = e.job();
        session.out().line(job.description());
        job.attach(session.out());
        try {
            Jobs.inFront(job, session.cancellation(), () -> { });
        } finally {
            if (job.running()) {
                job.leaveFront();
            }
        }
        if (job.running()) {
            session.out().line("[" + e.id() + "] goes on in the background  " + job.description());
        } else {
            registry().remove(e.id());
        }
    }

    @Command(name = "stop", group = GROUP, description = "Stop a background job")
    public void stop(@Argument(index = 0, description = "job number (see jobs)") String id) {
        Jobs.Entry e = entry(id, "stop");
        e.job().stop();
        registry().remove(e.id());
        session.out().line("[" + e.id() + "] stopped  " + e.job().description());
    }

    private Jobs.Entry entry(String number, String command) {
        int id;
        try {
            id = Integer.parseInt(number.startsWith("%") ? number.substring(1) : number);
        } catch (NumberFormatException ex) {
            throw new UsageException(command + ": '" + number + "' is not a job number (see jobs)");
        }
        if (id == 0) {
            return registry().latest().orElseThrow(() -> new UsageException(command + ": no background job"));
        }
        return registry().get(id).orElseThrow(() -> new UsageException(command + ": no job " + id + " (see jobs)"));
    }
}
