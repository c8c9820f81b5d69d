package herd.session;

import herd.error.HerdException;

/**
 * Where a command's results go: the one rendering layer. The shell implements it per command
 * invocation (terminal, pipe, batch, {@code --json}); adapters get it from {@link Session#out()}.
 *
 * <pre>{@code
 * Output out = session.out();
 * out.progress("3/10 nodes");           // transient, terminal only
 * out.result(outcomes);                  // OutcomeSet, NodeSet, Table, Map, List, record, String
 * }</pre>
 *
 * Rules: never write to System.out; errors are thrown ({@link HerdException}), not printed.
 */
public interface Output {

    /** True when the user asked for {@code --json} (a global option every command accepts). */
    boolean json();

    /** True when a person can answer prompts (an interactive terminal, not a batch file nor a pipe). */
    boolean interactive();

    /**
     * Prints a typed result. People get: NodeSet folded; OutcomeSet folded per outcome
     * ({@code valkyrie[01-02]: ok}); Table as aligned columns; Map and record as aligned
     * {@code key: value}; Collection one item a line; anything else {@code toString()}.
     * JSON mode writes one JSON document per call, on one line (JSON Lines).
     */
    void result(Object value);

    /**
     * One result in two shapes, the renderer choosing: {@code data} for {@code --json}, {@code forPeople}
     * (a text, its lines, a table) otherwise. Adapters never ask {@link #json()} to decide this.
     */
    default void result(Object data, Object forPeople) {
        result(json() ? data : forPeople);
    }

    /** Streams one line of text to people now (above any progress line). Ignored in JSON mode. */
    void line(String text);

    /** A warning for people, on stderr as {@code herd: warning: MESSAGE}, in every mode. */
    void warn(String message);

    /**
     * Shows a one-line status that the next output replaces; an empty string clears it. Shown only
     * on a terminal, never in JSON mode nor in files.
     */
    void progress(String status);

    /** The size of the terminal in characters. */
    record Screen(int columns, int rows) {
    }

    /**
     * The terminal's size when a block of lines can be redrawn in place ({@link #live}): people's
     * text on a terminal. Empty in JSON mode, in files and pipes: there, stream lines instead.
     */
    default java.util.Optional<Screen> screen() {
        return java.util.Optional.empty();
    }

    /**
     * Shows {@code lines} in place of the block this call showed before (a live view; the caller
     * fits them to {@link #screen()}); other output clears it first, an empty list clears it.
     * Ignored where {@link #screen()} is empty.
     */
    default void live(java.util.List<String> lines) {
    }

    /**
     * Tells what to print when the person presses a key during the command (e.g. which nodes are
     * still running): a text, or a result printed as {@link #result} prints it (a Table); the latest
     * call wins. Ignored outside an interactive terminal.
     */
    default void onKey(java.util.function.Supplier<?> status) {
    }

    /**
     * Asks a yes/no question (default no). Outside an interactive terminal it throws a
     * {@link UsageException} telling the user which option answers it (e.g. {@code --yes}).
     */
    boolean confirm(String question, String answeringOption);

    /** Reads a secret without echo after {@code prompt} (without its colon: this adds ": "); outside an interactive terminal it throws {@link UsageException}. */
    char[] askSecret(String prompt);
}
