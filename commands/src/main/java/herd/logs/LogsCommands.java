package herd.logs;

import herd.session.Complete;
import herd.session.Jobs;
import herd.session.Output;
import herd.session.Session;
import herd.session.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The follow command (docs/follow.md). */
@Component
public class LogsCommands {

    private final Session session;

    public LogsCommands(Session session) {
        this.session = session;
    }

    @Command(name = "follow", group = "Logs", description = "Follow log files and journald units, lines tagged by node",
            help = "SOURCE is a file or journal:UNIT[,UNIT] (journal:@ID for a syslog identifier), NODE:SOURCE on a"
                    + " node over SSH; default: the inventory's dhcp-log and http-log (on services.host). Until Ctrl-C;"
                    + " with --background (or a last word '&') as a job: see jobs, fg, stop.")
    public void follow(@Complete(Complete.Kind.FILES) @Arguments List<String> sources,
                       @Option(shortName = 'w', longName = "nodes", description = "keep lines of these nodes") String nodes,
                       @Option(longName = "grep", description = "keep lines matching this regular expression") String grep,
                       @Option(longName = "from-start", description = "read what the sources already hold") boolean fromStart,
                       @Option(longName = "background", description = "run as a job, lines above the prompt") boolean background) {
        boolean amp = !sources.isEmpty() && sources.get(sources.size() - 1).equals("&");
        if (amp) {
            sources = sources.subList(0, sources.size() - 1);
        }
        List<LogSource> list = sources.isEmpty() ? LogsInventory.defaultSources(session.inventory())
                : sources.stream().map(spec -> LogsInventory.source(session.inventory(), spec)).toList();
        if (list.isEmpty()) {
            throw new UsageException("follow: no SOURCE given and the inventory sets no services.dhcp-log/http-log");
        }
        Set<String> keep = nodes == null || nodes.isBlank() ? Set.of() : Set.copyOf(session.parse(nodes).expand());
        FollowRequest req = new FollowRequest(list, keep, pattern(grep), fromStart, Duration.ofMillis(200));
        if (background || amp) {
            background(req);
            return;
        }
        FollowShellJob job = new FollowShellJob(session.out());
        job.started(new FollowEngine(LogsInventory.tagger(session.inventory())).start(req, job.listener()));
        try {
            Jobs.inFront(job, session.cancellation(), () -> { });
        } finally {
            job.stop();
        }
    }

    /** Starts the follow as a session job printing above the prompt; prints {@code [ID] DESCRIPTION}. */
    private void background(FollowRequest req) {
        Jobs jobs = session.resource(Jobs.class, Jobs::new);
        Output above = jobs.background().orElseThrow(
                () -> new UsageException("follow: --background: only in the interactive shell"));
        FollowShellJob job = new FollowShellJob(above);
        job.started(new FollowEngine(LogsInventory.tagger(session.inventory())).start(req, job.listener()));
        int id = jobs.add(job);
        session.out().line("[" + id + "] " + job.description());
    }

    static void print(Output out, FollowEvent e) {
        if (e instanceof FollowEvent.Line l) {
            out.result(l.line(), LogsInventory.format(l.line()));
        } else if (e instanceof FollowEvent.SourceFailed f) {
            out.warn(f.source() + ": " + f.message());
        } else if (e instanceof FollowEvent.SourceEnded s) {
            out.warn(s.source() + ": ended");
        }
    }

    private static Optional<Pattern> pattern(String grep) {
        try {
            return grep == null || grep.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(grep));
        } catch (PatternSyntaxException e) {
            throw new UsageException("follow: --grep: bad regular expression '" + grep + "': " + e.getDescription());
        }
    }
}
