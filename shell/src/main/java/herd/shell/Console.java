package herd.shell;

import herd.shell.render.ConsoleOutput;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * Where command lines run: the interactive terminal, or plain streams for batch files and {@code -c}.
 */
public interface Console {

    PrintWriter out();

    PrintWriter err();

    /** stdout is a terminal (colour, progress line). */
    boolean terminal();

    /** The terminal's size, where {@link #terminal()} is one whose lines can be redrawn in place. */
    default java.util.Optional<herd.session.Output.Screen> screen() {
        return java.util.Optional.empty();
    }

    /** A person can answer prompts. */
    boolean interactive();

    /** Asks the person; null when nobody can answer. */
    ConsoleOutput.Prompter prompter();

    /**
     * Who types on this console, for the audit log; null means this process's own user. A shared
     * session serving other processes gives each client's console its caller.
     */
    default herd.audit.Caller caller() {
        return null;
    }

    /**
     * Makes Ctrl-C run {@code onInterrupt} until the returned guard is closed. Plain streams leave
     * SIGINT to the JVM (the batch ends, status 130).
     */
    default Guard interruptible(Runnable onInterrupt) {
        return () -> { };
    }

    /**
     * Runs {@code onKey} for each key pressed on the terminal, once {@code wanted} says so, until
     * the returned guard is closed; Ctrl-C still cancels. Plain streams have no keys to watch.
     */
    default Guard watchKeys(BooleanSupplier wanted, Runnable onKey) {
        return () -> { };
    }

    /** The Ctrl-C binding of one command. */
    @FunctionalInterface
    interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    /** Batch and {@code -c}: the process's own streams, no prompts. */
    static Console plain(PrintWriter out, PrintWriter err, boolean terminal) {
        return new Console() {
            @Override
            public PrintWriter out() {
                return out;
            }

            @Override
            public PrintWriter err() {
                return err;
            }

            @Override
            public boolean terminal() {
                return terminal;
            }

            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public ConsoleOutput.Prompter prompter() {
                return null;
            }
        };
    }
}
