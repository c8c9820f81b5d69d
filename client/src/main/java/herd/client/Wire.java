package herd.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The frames a session client and its server exchange over the session's Unix-domain socket: one
 * type byte, a length, the payload. The client sends one {@link #CALL} first, then {@link #CANCEL}
 * on Ctrl-C and its stdin ({@link #STDIN}, {@link #STDIN_EOF}) when the server asked for it
 * ({@link #STDIN_WANTED}); the server streams {@link #OUT} and {@link #ERR} and ends with {@link #EXIT}.
 * A client on a terminal sends its {@link #SIZE} at the start and on each change; a command that
 * takes the terminal over (a {@code console}) sends {@link #TERMINAL_RAW}, gets the keys as typed
 * ({@link #KEYS}) and gives the terminal back with {@link #TERMINAL_RESTORE}.
 *
 * <pre>{@code
 * Wire.write(out, Wire.OUT, "valkyrie[01-04]\n".getBytes(UTF_8));
 * Wire.Frame f = Wire.read(in);          // f.type() == Wire.OUT
 * }</pre>
 */
public final class Wire {
    public static final byte CALL = 'C';
    public static final byte CANCEL = 'I';
    public static final byte STDIN = 'i';
    public static final byte STDIN_EOF = 'e';
    public static final byte STDIN_WANTED = 'w';
    public static final byte OUT = 'o';
    public static final byte ERR = 'r';
    public static final byte EXIT = 'x';
    /** The client's terminal size: columns, then rows, as two ints. */
    public static final byte SIZE = 'z';
    /** The command takes the terminal: raw mode, and every key typed sent as {@link #KEYS}. */
    public static final byte TERMINAL_RAW = 't';
    /** The command gives the terminal back: its saved mode restored, no more keys read. */
    public static final byte TERMINAL_RESTORE = 'T';
    public static final byte KEYS = 'k';

    /** Larger payloads are refused: no honest frame comes near it. */
    private static final int MAX = 1 << 24;

    /** One frame as read. */
    public record Frame(byte type, byte[] payload) {
    }

    private Wire() {
    }

    /** Writes one frame; callers that share {@code out} between threads lock it. */
    public static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
        out.writeByte(type);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** The next frame, or null at the end of the stream. */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX) {
            throw new IOException("bad frame length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame((byte) type, payload);
    }

    /** An int as a payload ({@link #EXIT}). */
    public static byte[] status(int status) {
        return new byte[] {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status};
    }

    /** Columns and rows as a payload ({@link #SIZE}). */
    public static byte[] size(int columns, int rows) {
        byte[] both = new byte[8];
        System.arraycopy(status(columns), 0, both, 0, 4);
        System.arraycopy(status(rows), 0, both, 4, 4);
        return both;
    }

    /** {@link #size(int, int)} read back: columns, rows. */
    public static int[] size(byte[] payload) {
        return new int[] {status(payload), status(java.util.Arrays.copyOfRange(payload, 4, 8))};
    }

    public static int status(byte[] payload) {
        return (payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8 | payload[3] & 0xff;
    }

    /**
     * The channel's input as a stream. Not {@code Channels.newInputStream}: its streams hold the
     * channel's blocking lock while they wait, so a blocked read would stop every write.
     */
    public static DataInputStream input(SocketChannel channel) {
        return new DataInputStream(new java.io.BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        }));
    }

    /** The channel's output as a stream (see {@link #input}). */
    public static DataOutputStream output(SocketChannel channel) {
        return new DataOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        });
    }

    /** Where frames go (a connection's writer). */
    @FunctionalInterface
    public interface Sink {
        void send(byte type, byte[] payload) throws IOException;
    }

    /** Bytes written to it leave as frames of {@code type} (buffered: a frame per flush or per 8 KiB). */
    public static OutputStream stream(Sink sink, byte type) {
        return new java.io.BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sink.send(type, java.util.Arrays.copyOfRange(b, off, off + len));
            }
        }, 8192);
    }
}
