package herd.copy;

import herd.nodeset.NodeSet;
import herd.session.Complete;
import herd.session.Output;
import herd.session.Session;
import herd.ssh.SessionSsh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The copy and rcopy commands (docs/copy.md). */
@Component
public class CopyCommands {

    private static final String GROUP = "Exec";

    private final Session session;

    public CopyCommands(Session session) {
        this.session = session;
    }

    @Command(name = "copy", group = GROUP, description = "Push files or directories to nodes over SFTP",
            help = "Recursive; each file written under a temporary name, then renamed; sizes verified. --dest defaults to the first source's directory.")
    public void copy(
            @Complete(Complete.Kind.FILES) @Arguments List<String> sources,
            @Option(longName = "dest", description = "remote directory or file") String dest,
            @Option(shortName = 'w', longName = "nodes", description = "nodes (default: the target)") String nodes,
            @Option(shortName = 'x', longName = "exclude", description = "nodes to leave out") String exclude,
            @Option(shortName = 'p', longName = "preserve", description = "keep modes, owners and times") boolean preserve,
            @Option(shortName = 'f', longName = "fanout", description = "nodes at once", defaultValue = "64") int fanout,
            @Option(shortName = 't', longName = "connect-timeout", description = "seconds to connect", defaultValue = "10") int timeout) {
        if (sources == null || sources.isEmpty()) {
            throw new CopyException("copy: no source given");
        }
        String to = dest == null || dest.isBlank()
                ? String.valueOf(Path.of(sources.get(0)).toAbsolutePath().getParent()) : dest;
        run("copy", new CopyRequest(CopyRequest.Direction.PUSH, SessionSsh.targets(session, nodes(nodes, exclude)),
                sources, to, preserve, fanout, Duration.ofSeconds(timeout)));
    }

    @Command(name = "rcopy", group = GROUP, description = "Pull files or directories from nodes (saved as NAME.NODE)",
            help = "Each node's copy of REMOTE_PATH is saved as DEST/NAME.NODE, as clush --rcopy.")
    public void rcopy(
            @Arguments List<String> sources,
            @Complete(Complete.Kind.FILES) @Option(longName = "dest", description = "local directory") String dest,
            @Option(shortName = 'w', longName = "nodes", description = "nodes (default: the target)") String nodes,
            @Option(shortName = 'x', longName = "exclude", description = "nodes to leave out") String exclude,
            @Option(shortName = 'p', longName = "preserve", description = "keep modes, owners and times") boolean preserve,
            @Option(shortName = 'f', longName = "fanout", description = "nodes at once", defaultValue = "64") int fanout,
            @Option(shortName = 't', longName = "connect-timeout", description = "seconds to connect", defaultValue = "10") int timeout) {
        if (sources == null || sources.isEmpty() || dest == null || dest.isBlank()) {
            throw new CopyException("rcopy: give REMOTE_PATH... and --dest LOCAL_DIR");
        }
        run("rcopy", new CopyRequest(CopyRequest.Direction.PULL, SessionSsh.targets(session, nodes(nodes, exclude)),
                sources, dest, preserve, fanout, Duration.ofSeconds(timeout)));
    }

    private void run(String name, CopyRequest request) {
        Output out = session.out();
        long[] last = {0};
        CopyResult r = new CopyEngine(SessionSsh.pool(session)).run(request, e -> {
            if (e instanceof CopyEvent.Progress p && System.nanoTime() - last[0] > 100_000_000L) {
                last[0] = System.nanoTime();
                out.progress(p.node() + ": " + p.bytes() + (p.total() >= 0 ? "/" + p.total() : "") + " bytes");
            }
        });
        out.progress("");
        long bytes = r.bytes().values().stream().mapToLong(Long::longValue).sum();
        out.result(r.outcomes());
        out.line(bytes + " bytes in " + r.elapsed().toMillis() + " ms");
        session.conclude(name, r.outcomes());
    }

    private NodeSet nodes(String nodes, String exclude) {
        NodeSet set = session.nodes(nodes);
        return exclude == null || exclude.isBlank() ? set : set.difference(session.parse(exclude));
    }
}
