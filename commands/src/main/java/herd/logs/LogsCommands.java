package herd.logs;

import herd.session.Cancellation;
import herd.session.Complete;
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
                    + " node over SSH; default: the inventory's dhcp-log and http-log (on services.host). Until Ctrl-C.")
    public void follow(@Complete(Complete.Kind.FILES) @Arguments List<String> sources,
                       @Option(shortName = 'w', longName = "nodes", description = "keep lines of these nodes") String nodes,
                       @Option(longName = "grep", description = "keep lines matching this regular expression") String grep,
                       @Option(longName = "from-start", description = "read what the sources already hold") boolean fromStart)
            throws InterruptedException {
        List<LogSource> list = sources.isEmpty() ? LogsInventory.defaultSources(session.inventory())
                : sources.stream().map(spec -> LogsInventory.source(session.inventory(), spec)).toList();
        if (list.isEmpty()) {
            throw new UsageException("follow: no SOURCE given and the inventory sets no services.dhcp-log/http-log");
        }
        Set<String> keep = nodes == null || nodes.isBlank() ? Set.of() : Set.copyOf(session.parse(nodes).expand());
        FollowRequest req = new FollowRequest(list, keep, pattern(grep), fromStart, Duration.ofMillis(200));
        Output out = session.out();
        FollowJob job = new FollowEngine(LogsInventory.tagger(session.inventory())).start(req, e -> print(out, e));
        Cancellation cancel = session.cancellation();
        try (Cancellation.Registration r = cancel.onCancel(job::stop)) {
            while (job.running() && !cancel.isCancelled()) {
                job.await(Duration.ofMillis(500));
            }
        } finally {
            job.stop();
        }
    }

    private static void print(Output out, FollowEvent e) {
        if (e instanceof FollowEvent.Line l) {
            if (out.json()) {
                out.result(l.line());
            } else {
                out.line(LogsInventory.format(l.line()));
            }
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
