package herd.bmc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A console taken over by the terminal: bytes typed go through {@link #typed} (escapes handled
 * there), console output is written to the screen and to the node's log. The shell's terminal
 * hand-over only moves bytes and restores the terminal; this class decides when it ends.
 *
 * <pre>{@code
 * try (ConsoleSession c = consoles.attach("n1", credentials, false, '~', terminal.output())) {
 *     while (c.typed(buf, reader.read(buf))) { }
 * }
 * }</pre>
 */
public final class ConsoleSession implements AutoCloseable {

    private final String node;
    private final BmcConsole console;
    private final ConsoleLog log;
    private final OutputStream screen;
    private final EscapeFilter escapes;
    private volatile String lost;
    private boolean ended;

    ConsoleSession(String node, BmcConsole console, ConsoleLog log, OutputStream screen, char escape) {
        this.node = node;
        this.console = console;
        this.log = log;
        this.screen = screen;
        this.escapes = new EscapeFilter(escape);
        log.mark("console attached (interactive)");
        console.start(new BmcConsole.Sink() {
            @Override
            public void output(byte[] bytes) {
                log.output(bytes);
                show(bytes);
            }

            @Override
            public void closed(String why) {
                lost = why;
                log.mark("console lost: " + why);
                show(("\r\n[herd: " + why + "]\r\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** The line to show before handing the terminal over. */
    public String banner(char escape) {
        return "[console " + node + ": " + escape + ". returns to herd, " + escape + "? lists escapes; log "
                + log.file() + "]";
    }

    /**
     * Handles bytes the user typed. Returns false when the console is over: {@code ~.} was typed
     * or the console was lost ({@link #lostReason()}).
     */
    public boolean typed(byte[] buffer, int length) {
        if (length > 0 && !ended && lost == null) {
            escapes.feed(buffer, length, new EscapeFilter.Handler() {
                @Override
                public void send(byte[] bytes) {
                    console.write(bytes);
                }

                @Override
                public void action(EscapeFilter.Action action) {
                    switch (action) {
                        case EXIT -> ended = true;
                        case HELP -> show(escapes.help().getBytes(StandardCharsets.UTF_8));
                        case BREAK -> console.sendBreak();
                    }
                }
            });
        }
        return !ended && lost == null && console.open();
    }

    /** Why the console ended by itself, if it did. */
    public Optional<String> lostReason() {
        return Optional.ofNullable(lost);
    }

    public Path logFile() {
        return log.file();
    }

    private void show(byte[] bytes) {
        synchronized (screen) {
            try {
                screen.write(bytes);
                screen.flush();
            } catch (IOException e) {
                lost = "terminal closed";
            }
        }
    }

    /** Deactivates the console and closes its log entry. */
    @Override
    public void close() {
        console.close();
        if (lost == null) {
            log.mark("console detached");
        }
        log.close();
    }
}
