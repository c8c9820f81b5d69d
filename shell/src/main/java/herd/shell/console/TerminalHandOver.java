package herd.shell.console;

import herd.bmc.ConsoleSession;
import herd.bmc.ConsoleTerminal;
import herd.error.HerdException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;
import org.springframework.stereotype.Component;

/**
 * Lends the interactive terminal to a console: raw mode with ISIG cleared (Ctrl-C, Ctrl-Z and
 * Ctrl-\ go to the node), VMIN=1 / VTIME=0, the INT handler ignored; everything restored in
 * {@code finally}. Bytes typed go to {@link ConsoleSession#typed}, which decides when it ends.
 * Without an interactive terminal (batch, {@code -c}) it is {@link #available() unavailable}.
 * In a shared session, the call running holds the caller's terminal ({@link #lentBy}): the client
 * does the raw mode there, and the console gets the client's keys.
 */
@Component
public class TerminalHandOver implements ConsoleTerminal {

    private static final long POLL_MS = 100;

    private volatile Terminal terminal;
    private volatile ConsoleTerminal caller;

    /** Called by the shell once its terminal exists. */
    public void attach(Terminal interactive) {
        this.terminal = interactive;
    }

    /**
     * Until the returned handle is closed, consoles use {@code callers} (a session client's
     * terminal): a session runs one call at a time, so one call's terminal is lent at a time.
     */
    public herd.shell.Console.Guard lentBy(ConsoleTerminal callers) {
        caller = callers;
        return () -> caller = null;
    }

    @Override
    public boolean available() {
        ConsoleTerminal c = caller;
        if (c != null) {
            return c.available();
        }
        Terminal t = terminal;
        return t != null && !Terminal.TYPE_DUMB.equals(t.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(t.getType());
    }

    @Override
    public OutputStream screen() {
        ConsoleTerminal c = caller;
        return c != null ? c.screen() : terminal.output();
    }

    @Override
    public void lend(ConsoleSession session) {
        ConsoleTerminal c = caller;
        if (c != null) {
            c.lend(session);
            return;
        }
        Terminal t = terminal;
        Attributes saved = t.enterRawMode();
        Terminal.SignalHandler previous = t.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
        try {
            Attributes raw = new Attributes(t.getAttributes());
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            raw.setControlChar(Attributes.ControlChar.VMIN, 1);
            raw.setControlChar(Attributes.ControlChar.VTIME, 0);
            t.setAttributes(raw);
            pump(t.reader(), session);
        } catch (IOException e) {
            throw new HerdException("console: terminal: " + e.getMessage(), e);
        } finally {
            t.setAttributes(saved);
            t.handle(Terminal.Signal.INT, previous);
            t.writer().println();
            t.flush();
        }
    }

    private static void pump(NonBlockingReader reader, ConsoleSession session) throws IOException {
        char[] buffer = new char[256];
        while (true) {
            int n = reader.readBuffered(buffer, POLL_MS);
            if (n == -1) {
                return;
            }
            byte[] bytes = n > 0 ? new String(buffer, 0, n).getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!session.typed(bytes, bytes.length)) {
                return;
            }
        }
    }
}
