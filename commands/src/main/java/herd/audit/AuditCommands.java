package herd.audit;

import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code audit}: the audit log read back, folded (docs/shell.md, "Audit log"). */
@Component
public class AuditCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Session session;

    public AuditCommands(Session session) {
        this.session = session;
    }

    @Command(name = "audit", group = "Session", description = "Show the audit log: who changed what, on which nodes",
            help = "Every command that changes something (exec, copy, rcopy, power, bootdev, console, dhcp/dns/hosts"
                    + " edits, net sync, pxe render, deploy) leaves one record: time, user (and sudo's user), the line"
                    + " as typed, the nodes, the outcome sets and the files written with their backups. --json gives"
                    + " the whole records.")
    public void audit(
            @Option(longName = "since", description = "from this time (2026-12-07, 2026-12-07T08:00) or this long ago (90s, 15m, 2h, 3d)")
            String since,
            @Option(longName = "user", description = "records of this user (or of the user who ran sudo)") String user,
            @Complete(Complete.Kind.NODES) @Option(longName = "node", description = "records touching these nodes")
            String node,
            @Complete(Complete.Kind.FILES) @Option(longName = "file", description = "read this log (default: the session's)")
            Path file) {
        Clock clock = Clock.systemDefaultZone();
        AuditQuery query = new AuditQuery(since == null ? null : AuditQuery.since(since, clock), user,
                node == null ? null : session.parse(node));
        List<AuditRecord> records = query.select(AuditLog.read(file != null ? file : log().file()));
        Table t = Table.of("time", "user", "nodes", "result", "line");
        for (AuditRecord r : records) {
            t = t.row(TIME.format(r.time().atZone(clock.getZone())), who(r), r.nodes().isEmpty() ? "-" : r.nodes(),
                    result(r), r.line());
        }
        session.out().result(records, t);
    }

    private AuditLog log() {
        return session.resource(AuditLog.class, () -> AuditLog.of(session.inventory().audit(), System.getenv(),
                Caller.ofThisProcess(System.getenv()).uid()));
    }

    private static String who(AuditRecord r) {
        return r.sudoUser() == null || r.sudoUser().equals(r.user()) ? r.user() : r.user() + " (sudo " + r.sudoUser() + ")";
    }

    /** "ok", or the outcome sets with their folded nodes, then why the command failed. */
    static String result(AuditRecord r) {
        String sets = r.sets().entrySet().stream().filter(e -> !e.getKey().startsWith("rc="))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (r.status() == 0) {
            return r.sets().keySet().stream().allMatch(k -> k.equals("ok") || k.startsWith("rc=")) ? "ok" : sets;
        }
        String why = r.error() == null ? "status " + r.status() : r.error();
        return sets.isEmpty() ? why : sets + "; " + why;
    }
}
