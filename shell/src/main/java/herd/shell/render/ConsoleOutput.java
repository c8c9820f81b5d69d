package herd.shell.render;

import herd.session.Json;
import herd.session.Output;
import herd.session.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link Output} of one command: people's text or JSON Lines on stdout, warnings on stderr,
 * a transient progress line and prompts only on an interactive terminal.
 *
 * <pre>{@code
 * Output out = new ConsoleOutput(stdout, stderr, Mode.human(true), prompter);
 * out.result(NodeSet.parse("n[1-3]"));    // n[1-3]
 * }</pre>
 */
public final class ConsoleOutput implements Output {

    /**
     * How this command prints.
     *
     * @param json        {@code --json} was given
     * @param terminal    stdout is a terminal (colour, progress)
     * @param interactive a person can answer prompts
     */
    public record Mode(boolean json, boolean terminal, boolean interactive) {
    }

    /** Asks the person at the terminal; implemented by the interactive shell. */
    public interface Prompter {
        String ask(String prompt, boolean secret);
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;
    private final Prompter prompter;
    private final TextRenderer text;
    private final Supplier<Optional<Screen>> screen;
    private boolean progressShown;
    private String lastProgress = "";
    private List<String> liveShown = List.of();
    private volatile Supplier<?> onKey;

    public ConsoleOutput(PrintWriter out, PrintWriter err, Mode mode, Prompter prompter) {
        this(out, err, mode, prompter, Optional::empty);
    }

    /** With {@code screen}, the terminal's size now (it can change between redraws), a live view can be shown. */
    public ConsoleOutput(PrintWriter out, PrintWriter err, Mode mode, Prompter prompter, Supplier<Optional<Screen>> screen) {
        this.screen = screen;
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.prompter = prompter;
        this.text = new TextRenderer(mode.terminal() && System.getenv("NO_COLOR") == null);
    }

    @Override
    public boolean json() {
        return mode.json();
    }

    @Override
    public boolean interactive() {
        return mode.interactive() && prompter != null;
    }

    @Override
    public synchronized void result(Object value) {
        clearProgress();
        if (mode.json()) {
            out.println(Json.write(value));
        } else {
            text.lines(value).forEach(out::println);
        }
        out.flush();
    }

    @Override
    public void result(Object data, Object forPeople) {
        result(mode.json() ? data : forPeople);
    }

    @Override
    public synchronized void line(String line) {
        if (mode.json()) {
            return;
        }
        clearProgress();
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void warn(String message) {
        clearProgress();
        out.flush();
        err.println("herd: warning: " + message);
        err.flush();
    }

    @Override
    public synchronized void progress(String status) {
        if (!mode.terminal() || mode.json()) {
            return;
        }
        if (status == null || status.isEmpty() || !liveShown.isEmpty()) {
            clearProgress();
        }
        if (status != null && !status.isEmpty()) {
            out.print("\r\u001b[K" + status);
            progressShown = true;
            lastProgress = status;
        }
        out.flush();
    }

    @Override
    public Optional<Screen> screen() {
        return mode.terminal() && !mode.json() ? screen.get().filter(s -> s.columns() > 0 && s.rows() > 0) : Optional.empty();
    }

    @Override
    public synchronized void live(List<String> lines) {
        Optional<Screen> size = screen();
        if (size.isEmpty()) {
            return;
        }
        clearProgress();
        // Each line shorter than the screen and fewer lines than it has: else a wrap or a scroll
        // would put the cursor where the next redraw does not expect it.
        int columns = size.get().columns() - 1;
        List<String> fitted = lines.stream().limit(Math.max(1, size.get().rows() - 1))
                .map(l -> l.length() > columns ? l.substring(0, columns) : l).toList();
        out.print(String.join("\n", fitted));
        out.flush();
        liveShown = fitted;
    }

    @Override
    public void onKey(Supplier<?> status) {
        this.onKey = status;
    }

    /** The command said what a key press shows. */
    public boolean wantsKeys() {
        return onKey != null;
    }

    /**
     * A key was pressed: prints the command's {@link #onKey} status above the progress line. The
     * status is asked outside this object's lock, as the command's view calls in under its own.
     */
    public void keyPressed() {
        Supplier<?> status = onKey;
        if (status == null || mode.json()) {
            return;
        }
        List<String> shown = this.text.lines(status.get());
        synchronized (this) {
            boolean progress = progressShown;
            List<String> live = liveShown;
            clearProgress();
            shown.forEach(out::println);
            if (progress) {
                out.print(lastProgress);
                progressShown = true;
            }
            out.flush();
            if (!live.isEmpty()) {
                live(live);
            }
        }
    }

    /** Removes the progress line or the live view (before other output, and when the command ends). */
    public synchronized void clearProgress() {
        if (!liveShown.isEmpty()) {
            out.print("\r" + (liveShown.size() > 1 ? "\u001b[" + (liveShown.size() - 1) + "A" : "") + "\u001b[J");
            out.flush();
            liveShown = List.of();
        }
        if (progressShown) {
            out.print("\r\u001b[K");
            out.flush();
            progressShown = false;
        }
    }

    @Override
    public boolean confirm(String question, String answeringOption) {
        if (!interactive()) {
            throw new UsageException(question + " needs an answer: add " + answeringOption + " outside an interactive shell");
        }
        clearProgress();
        String answer = prompter.ask(question + " [y/N] ", false);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    @Override
    public char[] askSecret(String prompt) {
        if (!interactive()) {
            throw new UsageException(prompt + ": a secret is needed and there is no terminal to ask it on");
        }
        clearProgress();
        String answer = prompter.ask(prompt + ": ", true);
        return answer == null ? new char[0] : answer.toCharArray();
    }
}
