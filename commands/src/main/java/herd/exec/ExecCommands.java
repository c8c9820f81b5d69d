package herd.exec;

import herd.nodeset.NodeSet;
import herd.session.CancelledException;
import herd.session.Complete;
import herd.error.HerdException;
import herd.session.OutcomeSet;
import herd.session.PassThrough;
import herd.session.Session;
import herd.session.Table;
import herd.ssh.ConnectionInfo;
import herd.ssh.ConnectionPool;
import herd.ssh.SessionSsh;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The exec and connections commands (docs/exec.md). */
@Component
public class ExecCommands {

    private static final String GROUP = "Exec";

    private final Session session;

    public ExecCommands(Session session) {
        this.session = session;
        // exec and connections are the SSH side's commands: its settings are known to 'set' with them.
        session.settings().declare(SessionSsh.ACCEPT_NEW_HOST_KEYS);
    }

    @PassThrough
    @Command(name = "exec", group = GROUP, description = "Run a command on nodes in parallel over SSH",
            help = "Options as clush's. Output streams as 'node: line' unless gathered (-b, -B), ordered (-L) or "
                    + "diffed (--diff). Ends with a summary of failures folded by reason; publishes @last:*.")
    public void exec(
            @Option(shortName = 'w', longName = "nodes", description = "nodes (default: the target)") String nodes,
            @Option(shortName = 'x', longName = "exclude", description = "nodes to leave out") String exclude,
            @Complete(Complete.Kind.GROUP) @Option(shortName = 'g', longName = "group", description = "a group's nodes") String group,
            @Option(shortName = 'f', longName = "fanout", description = "nodes at once", defaultValue = "64") int fanout,
            @Option(shortName = 't', longName = "connect-timeout", description = "seconds to connect", defaultValue = "10") int connectTimeout,
            @Option(shortName = 'u', longName = "command-timeout", description = "seconds per command, 0 none", defaultValue = "0") int commandTimeout,
            @Option(shortName = 'b', longName = "gather", description = "gather identical output") boolean gather,
            @Option(shortName = 'B', longName = "gather-all", description = "gather, stderr included") boolean gatherAll,
            @Option(shortName = 'L', longName = "by-node", description = "output ordered by node") boolean byNode,
            @Option(longName = "diff", description = "differences against the most common output") boolean diff,
            @Option(longName = "outdir", description = "write each node's stdout to DIR/NODE") Path outdir,
            @Option(longName = "errdir", description = "write each node's stderr to DIR/NODE") Path errdir,
            @Option(shortName = 'q', longName = "quiet", description = "no failure summary") boolean quiet,
            @Option(shortName = 'S', longName = "max-status", description = "status = largest remote exit code") boolean maxStatus,
            @Option(longName = "sudo", description = "run under sudo (password asked once)") boolean sudo,
            @Option(longName = "accept-new-host-keys", description = "record unknown host keys") boolean acceptNew,
            @Complete(Complete.Kind.COMMANDS) @Arguments List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new ExecException("exec: no command given");
        }
        NodeSet targets = nodes(nodes, exclude, group);
        if (acceptNew) {
            session.settings().set(SessionSsh.ACCEPT_NEW_HOST_KEYS, true);
        }
        ExecRequest request = new ExecRequest(SessionSsh.targets(session, targets), String.join(" ", command), fanout,
                Duration.ofSeconds(connectTimeout), Duration.ofSeconds(commandTimeout), Sudo.NONE);
        ExecView view = new ExecView(session.out(), gather || gatherAll || byNode || diff, targets.size());
        ExecResult result = ExecSudo.of(session).run(engine(), request, sudo, view);
        view.finish(result, gatherAll, byNode, diff, quiet);
        writeFiles(result, outdir, errdir);
        conclude(result.outcomes(), maxStatus);
    }

    @Command(name = "connections", group = GROUP, description = "List or close the session's SSH connections",
            help = "Connections stay open between commands; idle ones close by themselves after 30 minutes.")
    public void connections(
            @Argument(index = 0, description = "nodes to close (with --close)", defaultValue = "") String nodes,
            @Option(longName = "close", description = "close the connections of NODES (all when none given)") boolean close) {
        var pool = SessionSsh.pool(session);
        if (close) {
            List<String> which = nodes == null || nodes.isBlank() ? pool.connections().stream().map(ConnectionInfo::node).toList()
                    : session.parse(nodes).expand();
            session.out().result(pool.close(which) + " connections closed");
            return;
        }
        Table table = Table.of("node", "address", "opened", "idle", "channels");
        for (ConnectionInfo c : pool.connections()) {
            table = table.row(c.node(), c.address(), c.opened().toString(), c.idle().toSeconds() + " s", c.channels());
        }
        session.out().result(table);
    }

    private NodeSet nodes(String nodes, String exclude, String group) {
        NodeSet set = group == null || group.isBlank() ? session.nodes(nodes)
                : session.parse("@" + group).union(nodes == null || nodes.isBlank() ? NodeSet.empty() : session.parse(nodes));
        return exclude == null || exclude.isBlank() ? set : set.difference(session.parse(exclude));
    }

    private ExecEngine engine() {
        ConnectionPool pool = SessionSsh.pool(session);
        return session.resource(ExecEngine.class, () -> new ExecEngine(pool));
    }

    private static void writeFiles(ExecResult result, Path outdir, Path errdir) {
        try {
            ExecReport.writeFiles(result, outdir, errdir);
        } catch (IOException e) {
            throw new ExecException("exec: cannot write output files: " + e.getMessage());
        }
    }

    private void conclude(OutcomeSet outcomes, boolean maxStatus) {
        try {
            session.conclude("exec", outcomes);
        } catch (CancelledException e) {
            throw e;
        } catch (HerdException e) {
            throw maxStatus && outcomes.maxExitCode() > 0 ? new ExecException(e.getMessage(), outcomes.maxExitCode()) : e;
        }
    }
}
