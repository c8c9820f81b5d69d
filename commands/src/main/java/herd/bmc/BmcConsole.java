package herd.bmc;

/**
 * A node's serial console as byte streams: bytes from the node come to a {@link Sink} (on a
 * back-end thread), bytes for the node go through {@link #write}.
 *
 * <pre>{@code
 * try (BmcConsole c = backend.console(endpoint, password, false)) {
 *     c.start(bytes -> System.out.write(bytes));
 *     c.write("root\r".getBytes());
 * }
 * }</pre>
 */
public interface BmcConsole extends AutoCloseable {

    /** Receives console output; {@link #closed} once when the console ends by itself. */
    interface Sink {
        void output(byte[] bytes);

        /** The console ended without {@link #close()}: the BMC went away or deactivated it. */
        default void closed(String why) {
        }
    }

    /** Starts delivering output to the sink. */
    void start(Sink sink);

    /** Sends bytes to the node; throws {@link BmcException} when the BMC does not take them. */
    void write(byte[] bytes);

    /** Sends a serial break (magic SysRq on Linux). */
    void sendBreak();

    /** True while the console is open. */
    boolean open();

    /** Deactivates the console and frees it. Never throws. */
    @Override
    void close();
}
