package herd.client;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The caller's terminal as the client changes it while a session's command holds it (a
 * {@code console}): its mode saved with {@code stty -g}, the raw mode the standalone shell's
 * console uses, the saved mode put back. {@code stty} works on {@code /dev/tty} given as its stdin,
 * so the client needs no terminal library. {@link #restore} is safe to call from every exit path
 * (end of the console, end of the call, server gone, a signal's shutdown hook): it restores once.
 *
 * <pre>{@code
 * CallerTerminal tty = new CallerTerminal();
 * tty.raw();            // keys go through one by one, unechoed, Ctrl-C as a byte
 * tty.restore();        // as it was
 * }</pre>
 */
final class CallerTerminal {
    private static final File TTY = new File("/dev/tty");
    /**
     * What the standalone console sets through JLine (enterRawMode, then ISIG off, VMIN=1, VTIME=0):
     * output processing is kept, so the node's line ends show as they do there.
     */
    private static final String[] RAW = {"-icanon", "-echo", "-iexten", "-isig", "-ixon", "-icrnl", "-inlcr",
        "min", "1", "time", "0"};

    private String saved;

    /** Saves the mode and makes the terminal raw; a {@link ClientException} says why it cannot. */
    synchronized void raw() {
        if (saved != null) {
            return;
        }
        String mode = stty("-g").strip();
        stty(RAW);
        saved = mode;
    }

    /** Puts back the mode {@link #raw} saved, if it changed it; never throws. */
    synchronized void restore() {
        if (saved == null) {
            return;
        }
        try {
            stty(saved);
        } catch (ClientException e) {
            System.err.println("herd: could not restore the terminal (type 'stty sane'): " + e.getMessage());
        }
        saved = null;
    }

    /** The terminal's size (columns, rows) as {@code stty size} reads it now, if it has one. */
    static Optional<int[]> size() {
        try {
            return parseSize(stty("size"));
        } catch (ClientException e) {
            return Optional.empty();
        }
    }

    /** {@code stty size}'s answer ("ROWS COLUMNS") as columns, rows; empty when it is not one. */
    static Optional<int[]> parseSize(String sttySize) {
        try {
            String[] rowsColumns = sttySize.strip().split("\\s+");
            int rows = Integer.parseInt(rowsColumns[0]);
            int columns = Integer.parseInt(rowsColumns[1]);
            return rows > 0 && columns > 0 ? Optional.of(new int[] {columns, rows}) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new ClientException("stty " + String.join(" ", args) + ": " + err.strip());
            }
            return out;
        } catch (IOException e) {
            throw new ClientException("stty: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("stty " + String.join(" ", args) + ": interrupted");
        }
    }
}
