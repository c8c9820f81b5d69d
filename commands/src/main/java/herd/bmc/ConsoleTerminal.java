package herd.bmc;

import java.io.OutputStream;

/**
 * The user's terminal, lent to a console until it ends. The shell implements it (raw mode, signals,
 * restoring the terminal); the console engine only sees bytes.
 *
 * <pre>{@code
 * try (ConsoleSession c = consoles.attach(node, credentials, false, '~', terminal.screen())) {
 *     terminal.lend(c);    // returns after ~. or when the console is lost
 * }
 * }</pre>
 */
public interface ConsoleTerminal {

    /** False when no person is at a terminal (batch file, {@code -c}, pipe). */
    boolean available();

    /** Where console output is written while the terminal is lent. */
    OutputStream screen();

    /** Passes every byte typed to {@link ConsoleSession#typed} until it returns false, then restores the terminal. */
    void lend(ConsoleSession session);
}
