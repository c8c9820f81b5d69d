package herd.shell;

import herd.session.CancelledException;
import herd.session.Complete;
import herd.error.HerdException;
import herd.session.Session;
import herd.session.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The shell's own commands: help, history, source, echo, sleep, version, exit (docs/shell.md). */
@Component
public class ShellCommands {

    private static final String GROUP = "Shell";

    private final Session session;
    private final ObjectProvider<Executor> executor;
    private History history;

    public ShellCommands(Session session, ObjectProvider<Executor> executor) {
        this.session = session;
        this.executor = executor;
    }

    /** Called by the interactive shell so that {@code history} can list it. */
    public void attach(History history) {
        this.history = history;
    }

    @Command(name = "help", group = GROUP, description = "List commands, or describe one: help COMMAND, help FAMILY")
    public void help(@Complete(Complete.Kind.COMMANDS) @Arguments List<String> words) {
        HelpText help = executor.getObject().help();
        if (words.isEmpty()) {
            help.overview().forEach(session.out()::line);
            return;
        }
        String name = String.join(" ", words);
        var command = executor.getObject().commands().get(name);
        List<String> lines = command.isPresent() ? help.command(command.get().spec()) : help.family(name);
        if (lines.isEmpty()) {
            throw new UsageException("help: no command '" + name + "'");
        }
        lines.forEach(session.out()::line);
    }

    @Command(name = "history", group = GROUP, description = "List the command history (Ctrl-R searches it)")
    public void history(@Option(shortName = 'n', longName = "last", description = "only the last N entries",
            defaultValue = "0") int last) {
        if (history == null) {
            throw new HerdException("history: only in the interactive shell");
        }
        List<String> lines = new ArrayList<>();
        history.forEach(e -> lines.add(String.format("%5d  %s", e.index() + 1, e.line())));
        session.out().result(last > 0 && last < lines.size() ? lines.subList(lines.size() - last, lines.size()) : lines);
    }

    @Command(name = "source", group = GROUP, description = "Run a batch file (.csh) in this session")
    public void source(@Complete(Complete.Kind.FILES) @Argument(index = 0, description = "batch file") String file,
                       @Option(shortName = 'k', longName = "keep-going", description = "run every line even after a failure")
                       boolean keepGoing) {
        if (file == null || file.isBlank()) {
            throw new UsageException("source: missing FILE");
        }
        if (!java.nio.file.Files.isReadable(Path.of(file))) {
            throw new HerdException("source: " + file + ": " + (java.nio.file.Files.exists(Path.of(file))
                    ? "not readable" : "no such file"));
        }
        int status = executor.getObject().batch().run(Path.of(file), executor.getObject().console(), keepGoing);
        if (status != 0) {
            throw new SourceFailed(file, status);
        }
    }

    @Command(name = "echo", group = GROUP, description = "Print words (after $NAME expansion)")
    public void echo(@Arguments List<String> words) {
        session.out().result(String.join(" ", words));
    }

    @Command(name = "sleep", group = GROUP, description = "Wait SECONDS (Ctrl-C cancels); for scripts and tests")
    public void sleep(@Argument(index = 0, description = "seconds (decimals allowed)") String seconds) {
        double s;
        try {
            s = Double.parseDouble(seconds == null ? "" : seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("sleep: expected SECONDS, got \"" + seconds + "\"");
        }
        long end = System.nanoTime() + (long) (s * 1e9);
        try {
            while (System.nanoTime() < end) {
                session.cancellation().check("sleep");
                long left = (end - System.nanoTime()) / 1_000_000;
                session.out().progress("sleeping, " + (left + 999) / 1000 + " s left (Ctrl-C cancels)");
                Thread.sleep(Math.min(200, Math.max(1, left)));
            }
        } catch (InterruptedException e) {
            throw new CancelledException("sleep: cancelled");
        }
    }

    @Command(name = "version", group = GROUP, description = "Print herd's version")
    public void version() {
        session.out().result(Version.text());
    }

    @Command(name = "exit", group = GROUP, description = "Leave the shell (or end the batch) with STATUS", alias = "quit")
    public void exit(@Argument(index = 0, description = "exit status", defaultValue = "0") int status) {
        throw new ExitRequest(status);
    }

    /** A sourced file failed; its own line already said why. */
    static final class SourceFailed extends HerdException {
        private static final long serialVersionUID = 1L;

        SourceFailed(String file, int status) {
            super("source: " + file + " stopped (status " + status + ")", status, null);
        }
    }
}
