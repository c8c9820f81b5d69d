package herd.shell;

import herd.nodeset.cli.NodesetMain;
import herd.error.HerdException;
import herd.session.PassThrough;
import herd.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/** {@code nodeset ARGS...} inside the shell: the same tool as {@code herd nodeset}, run in-process. */
@Component
public class NodesetCommands {

    private final Session session;

    public NodesetCommands(Session session) {
        this.session = session;
    }

    @PassThrough
    @Command(name = "nodeset", group = "Nodesets", description = "ClusterShell's nodeset tool (-f, -e, -c, -l, ...)",
            help = "Same options and output as ClusterShell 1.9.1 'nodeset'; groups come from ClusterShell's "
                    + "groups.conf. For the inventory's groups use 'nodes'. 'nodeset --help' lists the options.")
    public void nodeset(@Arguments List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = NodesetMain.run(args.toArray(new String[0]), new ByteArrayInputStream(new byte[0]), o, e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            text.lines().forEach(session.out()::line);
        }
        List<String> problems = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Usage:")).map(l -> l.replaceFirst("^nodeset: (error: )?", ""))
                .toList();
        if (rc != 0) {
            throw new Failed(problems.isEmpty() ? "failed (status " + rc + ")" : String.join("; ", problems), rc);
        }
        problems.forEach(session.out()::warn);
    }

    /** nodeset's own error, with its status. */
    static final class Failed extends HerdException {
        private static final long serialVersionUID = 1L;

        Failed(String message, int status) {
            super("nodeset: " + message, status, null);
        }
    }
}
