package herd.shell;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Watches the terminal's keys while a command runs, from the moment the command wants them (so
 * that commands which read the terminal themselves, like {@code console}, keep every key): each
 * key (Enter or any other) runs a callback, e.g. printing which nodes are still running. The terminal leaves canonical mode and stops
 * echoing so that a key neither waits for Enter nor scrolls the progress line; ISIG stays on, so
 * Ctrl-C still reaches the shell's INT handler and cancels the command.
 *
 * <pre>{@code
 * try (KeyWatcher keys = KeyWatcher.start(terminal, output::wantsKeys, output::keyPressed)) {
 *     command.run();
 * }
 * }</pre>
 */
final class KeyWatcher implements Console.Guard {

    private static final long POLL_MS = 50;

    private final Terminal terminal;
    private final Attributes saved;
    private final BooleanSupplier wanted;
    private final Thread thread;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile boolean closed;
    private volatile boolean paused;
    private volatile boolean keyMode;

    private KeyWatcher(Terminal terminal, BooleanSupplier wanted, Runnable onKey) {
        this.terminal = terminal;
        this.saved = terminal.getAttributes();
        this.wanted = wanted;
        this.thread = new Thread(() -> watch(onKey), "herd-keys");
        thread.setDaemon(true);
    }

    static KeyWatcher start(Terminal terminal, BooleanSupplier wanted, Runnable onKey) {
        KeyWatcher w = new KeyWatcher(terminal, wanted, onKey);
        w.thread.start();
        return w;
    }

    private synchronized void enterKeyMode() {
        if (closed || keyMode) {
            return;
        }
        Attributes keys = new Attributes(saved);
        keys.setLocalFlag(Attributes.LocalFlag.ICANON, false);
        keys.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        keys.setControlChar(Attributes.ControlChar.VMIN, 1);
        keys.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(keys);
        keyMode = true;
    }

    /**
     * Stops reading keys while the command asks a question on the same terminal. Returns once no
     * read is in progress: else the watcher would take the first keys of the answer (a password).
     */
    void pause(boolean pause) {
        this.paused = pause;
        if (pause) {
            reading.lock();
            reading.unlock();
        }
    }

    private void watch(Runnable onKey) {
        NonBlockingReader reader = terminal.reader();
        char[] buffer = new char[64];
        try {
            while (!closed) {
                if (paused || !wanted.getAsBoolean()) {
                    Thread.sleep(POLL_MS);
                    continue;
                }
                enterKeyMode();
                int n;
                reading.lock();
                try {
                    n = paused ? 0 : reader.readBuffered(buffer, POLL_MS);
                } finally {
                    reading.unlock();
                }
                if (n == NonBlockingReader.EOF) {
                    return;
                }
                if (n > 0 && !closed) {
                    onKey.run();
                }
            }
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The terminal is gone: nothing left to watch.
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        // Ctrl-C interrupts the command's thread: wait anyway, or the watcher's last read could
        // take the first key typed at the next prompt.
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(POLL_MS * 4);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (keyMode) {
            terminal.setAttributes(saved);
        }
    }
}
