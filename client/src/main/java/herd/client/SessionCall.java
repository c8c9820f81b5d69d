package herd.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call to a running session: sends the {@link Call}, copies the session's stdout and stderr to
 * this process's, feeds it stdin when it asks, turns Ctrl-C (SIGINT, SIGTERM) into a cancel of the
 * running command, and returns the command's exit status. On a terminal it sends the terminal's
 * size, at the start and on each change (SIGWINCH), and lends the terminal to a command that asks
 * for it (a {@code console}): raw mode and every key sent as typed, the saved mode put back when
 * the command gives it back, the call ends, the session dies or a signal ends this client.
 *
 * <pre>{@code
 * int status = new SessionCall(Path.of(System.getenv("HERD_SESSION"))).run(call);
 * }</pre>
 */
public final class SessionCall {
    /** How long Ctrl-C waits for the cancelled command to report its end. */
    private static final long CANCEL_WAIT_SECONDS = 30;
    /** How often the key pump looks for typed keys while the terminal is lent (a read would not stop). */
    private static final long KEY_POLL_MS = 10;

    private final CallerTerminal tty = new CallerTerminal();
    private volatile Thread keyPump;

    private final Path socket;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int status = 1;

    public SessionCall(Path socket) {
        this.socket = socket;
    }

    /** Connects to the session; a {@link ClientException} says why it cannot be reached. */
    public static SocketChannel connect(Path socket) {
        try {
            Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ClientException("cannot reach the session at " + socket + ": permission denied"
                    + " (it belongs to another user)");
        } catch (IOException e) {
            throw new ClientException("no session at " + socket + " (HERD_SESSION): it has ended; unset HERD_SESSION"
                    + " to run herd on its own, or start one: eval \"$(herd session start)\"");
        }
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (SocketException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("refused")) {
                throw new ClientException("the session at " + socket + " is not running (stale socket: its server"
                        + " died); nothing was run: unset HERD_SESSION to run herd on its own, or start a new one:"
                        + " eval \"$(herd session start)\"");
            }
            if (why.contains("denied")) {
                throw new ClientException("cannot reach the session at " + socket + ": permission denied"
                        + " (it belongs to another user)");
            }
            throw new ClientException("cannot reach the session at " + socket + ": " + why);
        } catch (IOException e) {
            throw new ClientException("cannot reach the session at " + socket + ": " + e.getMessage());
        }
    }

    public int run(Call call) {
        try {
            return call(call);
        } finally {
            done.countDown();
        }
    }

    private int call(Call call) {
        try (SocketChannel channel = connect(socket)) {
            DataOutputStream out = Wire.output(channel);
            DataInputStream in = Wire.input(channel);
            Thread cancelOnSignal = new Thread(() -> cancel(out), "herd-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnSignal);
            send(out, Wire.CALL, call.encode());
            if (call.terminal()) {
                sendSizes(out, System.getenv("HERD_TTY_SIZE"));
            }
            status = relay(in, out);
            return status;
        } catch (IOException e) {
            throw new ClientException("the session at " + socket + " failed during the call: " + e.getMessage());
        } finally {
            stopKeys();
            tty.restore();
        }
    }

    /**
     * The size now (the launcher's {@code HERD_TTY_SIZE}, read by its stty: a JVM's first process
     * costs some 15 ms), then on each SIGWINCH. The signal costs nothing until the size changes,
     * where polling {@code stty size} would fork all along; sun.misc.Signal is the JDK's one way to
     * catch it (jdk.unsupported), so a JVM without it only gets the first size.
     */
    private void sendSizes(DataOutputStream out, String launcherSize) throws IOException {
        java.util.function.Consumer<int[]> sendSize = cr -> {
            try {
                send(out, Wire.SIZE, Wire.size(cr[0], cr[1]));
            } catch (IOException e) {
                // The call is over: no one needs the size.
            }
        };
        java.util.Optional<int[]> given = launcherSize == null ? java.util.Optional.empty()
                : CallerTerminal.parseSize(launcherSize);
        if (given.isPresent()) {
            send(out, Wire.SIZE, Wire.size(given.get()[0], given.get()[1]));
        } else {
            Thread first = new Thread(() -> CallerTerminal.size().ifPresent(sendSize), "herd-size");
            first.setDaemon(true);
            first.start();
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> CallerTerminal.size().ifPresent(sendSize));
        } catch (IllegalArgumentException | LinkageError e) {
            // No SIGWINCH here: the first size stands.
        }
    }

    private int relay(DataInputStream in, DataOutputStream out) throws IOException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        Wire.Frame frame;
        while ((frame = readOrEnd(in)) != null) {
            switch (frame.type()) {
                case Wire.OUT -> {
                    stdout.write(frame.payload());
                    stdout.flush();
                }
                case Wire.ERR -> {
                    stderr.write(frame.payload());
                    stderr.flush();
                }
                case Wire.STDIN_WANTED -> startStdin(out);
                case Wire.TERMINAL_RAW -> {
                    tty.raw();
                    startKeys(out);
                }
                case Wire.TERMINAL_RESTORE -> {
                    stopKeys();
                    tty.restore();
                }
                case Wire.EXIT -> {
                    return Wire.status(frame.payload());
                }
                default -> throw new IOException("unexpected frame '" + (char) frame.type() + "'");
            }
        }
        throw new ClientException("the session at " + socket + " ended during the call (its server stopped or"
                + " was killed); the command may have run in part");
    }

    private static Wire.Frame readOrEnd(DataInputStream in) {
        try {
            return Wire.read(in);
        } catch (IOException e) {
            return null;
        }
    }

    private void startStdin(DataOutputStream out) {
        Thread pump = new Thread(() -> {
            InputStream stdin = new FileInputStream(FileDescriptor.in);
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = stdin.read(buffer)) > 0) {
                    send(out, Wire.STDIN, java.util.Arrays.copyOf(buffer, n));
                }
                send(out, Wire.STDIN_EOF, new byte[0]);
            } catch (IOException e) {
                // The call ended (or the session went away) while stdin was still being read.
            }
        }, "herd-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Sends the keys typed while the terminal is lent. It polls rather than blocks in a read, so it
     * stops when the terminal is given back and leaves what is typed after to whoever reads next.
     */
    private void startKeys(DataOutputStream out) {
        Thread pump = new Thread(() -> {
            InputStream stdin = new FileInputStream(FileDescriptor.in);
            byte[] buffer = new byte[4096];
            try {
                while (keyPump == Thread.currentThread()) {
                    int ready = stdin.available();
                    if (ready <= 0) {
                        Thread.sleep(KEY_POLL_MS);
                        continue;
                    }
                    int n = stdin.read(buffer, 0, Math.min(ready, buffer.length));
                    if (n < 0) {
                        return;
                    }
                    send(out, Wire.KEYS, java.util.Arrays.copyOf(buffer, n));
                }
            } catch (IOException | InterruptedException e) {
                // The call ended (or the session went away) while the terminal was lent.
            }
        }, "herd-keys");
        pump.setDaemon(true);
        keyPump = pump;
        pump.start();
    }

    private void stopKeys() {
        keyPump = null;
    }

    /**
     * The shutdown hook: a signal ended this client while the call ran, so the session cancels the
     * command (as Ctrl-C does in the shell) and this process exits with the command's status.
     */
    private void cancel(DataOutputStream out) {
        stopKeys();
        tty.restore();
        if (done.getCount() == 0) {
            return;
        }
        try {
            send(out, Wire.CANCEL, new byte[0]);
            if (done.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                Runtime.getRuntime().halt(status);
            }
        } catch (IOException | InterruptedException e) {
            // The session is gone: nothing is left to cancel.
        }
        Runtime.getRuntime().halt(130);
    }

    private static void send(DataOutputStream out, byte type, byte[] payload) throws IOException {
        synchronized (out) {
            Wire.write(out, type, payload);
        }
    }
}
