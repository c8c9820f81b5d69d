package herd.shell;

import herd.session.Output;
import herd.session.Session;
import herd.shell.render.ConsoleOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: prompt {@code herd [TARGET]>}, TAB completion, history kept in
 * {@code $XDG_STATE_HOME/herd/history}, Ctrl-R search. Ctrl-C clears the line at the prompt and
 * cancels the running command otherwise; it never leaves the shell (Ctrl-D or {@code exit} do).
 * Replaces Spring Shell 4.0.1's JLineShellRunner, whose Ctrl-C ends the process.
 */
public final class HerdShell implements Console {

    private final Executor executor;
    private final Terminal terminal;
    private final LineReader reader;
    private final PrintWriter err;
    private volatile KeyWatcher keys;

    public HerdShell(Executor executor, Terminal terminal, HerdCompleter completer, Path historyFile) {
        this.executor = executor;
        this.terminal = terminal;
        this.err = new PrintWriter(System.err, true);
        DefaultParser parser = new DefaultParser();
        parser.setEofOnEscapedNewLine(true);
        parser.setEofOnUnclosedQuote(true);
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("herd").completer(completer)
                .parser(parser).history(new DefaultHistory())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, 10_000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
    }

    /** {@code $XDG_STATE_HOME/herd/history}, default {@code ~/.local/state/herd/history}. */
    public static Path historyFile(Map<String, String> env) {
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        Path base = state.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(state);
        return base.resolve("herd").resolve("history");
    }

    /** Where background jobs print: above the prompt, as plain text (no progress, no prompts). */
    public Output background() {
        PrintWriter above = new PrintWriter(new AboveWriter(reader), true);
        return new ConsoleOutput(above, above, new ConsoleOutput.Mode(false, false, false), null);
    }

    public History history() {
        return reader.getHistory();
    }

    /** Runs until {@code exit} or Ctrl-D; returns the exit status. */
    public int run() {
        try {
            Files.createDirectories(((Path) reader.getVariable(LineReader.HISTORY_FILE)).getParent());
        } catch (IOException e) {
            err.println("herd: warning: history not kept: " + e.getMessage());
        }
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt(executor.session()));
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return last;
            }
            try {
                last = executor.run(line.replace("\\\n", ""), null, this);
            } catch (ExitRequest e) {
                return e.status();
            } finally {
                saveHistory();
            }
        }
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            // The history file is a convenience: losing one save is not worth an error line.
        }
    }

    static String prompt(Session session) {
        return session.target().size() == 0 ? "herd> " : "herd [" + session.target() + "]> ";
    }

    @Override
    public PrintWriter out() {
        return terminal.writer();
    }

    @Override
    public PrintWriter err() {
        return err;
    }

    @Override
    public boolean terminal() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    @Override
    public java.util.Optional<herd.session.Output.Screen> screen() {
        return terminal() ? java.util.Optional.of(new herd.session.Output.Screen(terminal.getWidth(), terminal.getHeight()))
                : java.util.Optional.empty();
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public ConsoleOutput.Prompter prompter() {
        return (prompt, secret) -> {
            KeyWatcher watcher = keys;
            if (watcher != null) {
                watcher.pause(true);
            }
            try {
                return secret ? reader.readLine(prompt, LineReaderImpl.NULL_MASK) : reader.readLine(prompt);
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            } finally {
                if (watcher != null) {
                    watcher.pause(false);
                }
            }
        };
    }

    @Override
    public Guard interruptible(Runnable onInterrupt) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        return () -> terminal.handle(Terminal.Signal.INT, previous);
    }

    @Override
    public Guard watchKeys(BooleanSupplier wanted, Runnable onKey) {
        if (!terminal()) {
            return () -> { };
        }
        KeyWatcher watcher = KeyWatcher.start(terminal, wanted, onKey);
        keys = watcher;
        return () -> {
            keys = null;
            watcher.close();
        };
    }
}
