package herd.shell;

import herd.audit.Caller;
import herd.client.Call;
import herd.client.Wire;
import herd.shell.render.ConsoleOutput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One client's call inside a shared session: the {@link Console} its command lines run on (stdout
 * and stderr sent back as frames), its stdin when a batch reads it, and its cancel (Ctrl-C in the
 * client, or the client gone) wired to the running command as Ctrl-C is in the shell. Frames leave
 * from a writer thread of their own: Ctrl-C interrupts the command's thread, and an interrupted
 * thread's write would close the socket. A client on a terminal also lends it ({@link #callersTerminal}):
 * its size for the output, and to a {@code console} its keys as typed while the client holds its
 * terminal raw.
 *
 * <pre>{@code
 * SessionConnection c = new SessionConnection(call, caller, in, out);
 * c.listen();                                   // CANCEL and STDIN frames from here on
 * int status = executor.run(line, null, c);
 * c.exit(status);
 * }</pre>
 */
final class SessionConnection implements Console {
    private static final byte[] END = new byte[0];
    /** How often a lent terminal with no key typed asks the console whether it still runs. */
    private static final long KEY_WAIT_MS = 100;

    private final Call call;
    private final Caller caller;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> keys = new LinkedBlockingQueue<>();
    private volatile herd.session.Output.Screen size;
    private final BlockingQueue<Wire.Frame> outgoing = new LinkedBlockingQueue<>();
    private final Thread writer;
    private Runnable onInterrupt;
    private boolean cancelled;

    SessionConnection(Call call, Caller caller, DataInputStream in, DataOutputStream out) {
        this.call = call;
        this.caller = caller;
        this.in = in;
        this.out = out;
        this.stdout = new PrintWriter(new OutputStreamWriter(Wire.stream(this::send, Wire.OUT), StandardCharsets.UTF_8));
        this.stderr = new PrintWriter(new OutputStreamWriter(Wire.stream(this::send, Wire.ERR), StandardCharsets.UTF_8));
        this.writer = new Thread(this::write, "herd-session-writer-" + call.pid());
        writer.setDaemon(true);
        writer.start();
    }

    /** The writer thread: frames in order until {@link Wire#EXIT} or the client is gone. */
    private void write() {
        try {
            Wire.Frame f;
            do {
                f = outgoing.take();
                Wire.write(out, f.type(), f.payload());
            } while (f.type() != Wire.EXIT);
        } catch (IOException | InterruptedException e) {
            // The client is gone: what it would have read is dropped (the audit log keeps the record).
        }
    }

    Call call() {
        return call;
    }

    /** Reads the client's frames after the call on a thread of its own, until the client goes. */
    void listen() {
        Thread reader = new Thread(() -> {
            try {
                Wire.Frame f;
                while ((f = Wire.read(in)) != null) {
                    switch (f.type()) {
                        case Wire.CANCEL -> cancel();
                        case Wire.STDIN -> stdin.add(f.payload());
                        case Wire.STDIN_EOF -> stdin.add(END);
                        case Wire.KEYS -> keys.add(f.payload());
                        case Wire.SIZE -> {
                            int[] cr = Wire.size(f.payload());
                            size = new herd.session.Output.Screen(cr[0], cr[1]);
                        }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // The client went away: treated as its end below.
            }
            stdin.add(END);
            keys.add(END);
            cancel();
        }, "herd-session-client-" + call.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Cancels the running command, or the next one to start when none runs (the call is over). */
    synchronized void cancel() {
        cancelled = true;
        if (onInterrupt != null) {
            onInterrupt.run();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** The client's stdin, asked for once a batch reads it. */
    InputStream stdin() {
        send(Wire.STDIN_WANTED, END);
        return new InputStream() {
            private byte[] chunk = END;
            private int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (chunk == null) {
                    return -1;
                }
                if (at == chunk.length) {
                    try {
                        chunk = stdin.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("stdin read interrupted");
                    }
                    at = 0;
                    if (chunk.length == 0) {
                        chunk = null;
                        return -1;
                    }
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** Ends the call: the last output, then the status, sent before this returns. */
    void exit(int status) {
        stdout.flush();
        stderr.flush();
        send(Wire.EXIT, Wire.status(status));
        boolean interrupted = Thread.interrupted();
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(byte type, byte[] payload) {
        outgoing.add(new Wire.Frame(type, payload));
    }

    @Override
    public PrintWriter out() {
        return stdout;
    }

    @Override
    public PrintWriter err() {
        return stderr;
    }

    /** The client's stdout is a terminal and colour is not turned off there. */
    @Override
    public boolean terminal() {
        return call.terminal() && !call.env().containsKey("NO_COLOR");
    }

    /** The client's terminal size, once it sent one, where its stdout is a terminal. */
    @Override
    public java.util.Optional<herd.session.Output.Screen> screen() {
        return terminal() ? java.util.Optional.ofNullable(size) : java.util.Optional.empty();
    }

    @Override
    public boolean interactive() {
        return false;
    }

    /**
     * The client's terminal as a console takes it over: available when the client's stdin and
     * stdout are one; the client makes it raw on {@link Wire#TERMINAL_RAW} and sends the keys, and
     * puts its mode back on {@link Wire#TERMINAL_RESTORE}, sent however the console ends.
     */
    herd.bmc.ConsoleTerminal callersTerminal() {
        OutputStream screen = Wire.stream(this::send, Wire.OUT);
        return new herd.bmc.ConsoleTerminal() {
            @Override
            public boolean available() {
                return call.terminal();
            }

            @Override
            public OutputStream screen() {
                return screen;
            }

            @Override
            public void lend(herd.bmc.ConsoleSession session) {
                keys.clear();
                send(Wire.TERMINAL_RAW, END);
                try {
                    while (true) {
                        byte[] typed = keys.poll(KEY_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (typed == END) {
                            return;   // the client is gone
                        }
                        byte[] bytes = typed == null ? END : typed;
                        if (!session.typed(bytes, bytes.length)) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    throw new herd.session.CancelledException("console: cancelled (the client was ended by a signal)");
                } finally {
                    try {
                        screen.flush();
                    } catch (IOException e) {
                        // The client is gone: nothing to show it.
                    }
                    send(Wire.TERMINAL_RESTORE, END);
                    stdout.println();
                    stdout.flush();
                }
            }
        };
    }

    @Override
    public ConsoleOutput.Prompter prompter() {
        return null;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public synchronized Guard interruptible(Runnable interrupt) {
        if (cancelled) {
            interrupt.run();
        }
        onInterrupt = interrupt;
        return () -> {
            synchronized (SessionConnection.this) {
                onInterrupt = null;
            }
        };
    }
}
