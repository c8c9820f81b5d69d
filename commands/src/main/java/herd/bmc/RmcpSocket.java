package herd.bmc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one UDP socket every RMCP+ session of a back end goes through, and its one reader thread,
 * which hands each datagram to its session by the session id herd chose for it (the remote
 * console session id, which the BMC puts in the header of every in-session packet and in the
 * payload of its Open Session and RAKP answers), and its one timer thread, which sends requests
 * again and ends them at their deadline. A warm session costs a map entry, no thread.
 *
 * <p>The channel is non-blocking: an interrupted sender (Ctrl-C on a fan-out worker) would close
 * a blocking channel for every session.
 */
final class RmcpSocket implements AutoCloseable {

    private static final int BUFFER = 4 << 20;

    private final DatagramChannel channel;
    private final Selector selector;
    private final Thread reader;
    /** Retransmissions and deadlines of every session: one thread, not one per request. */
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Integer, RmcpSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean open = true;

    RmcpSocket(ThreadFactory threads) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER);
        channel.bind(new InetSocketAddress(0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true);
        reader = threads.newThread(this::read);
        reader.start();
    }

    /** Registers the session under a fresh random id (0 is never used: it means "no session"). */
    int register(RmcpSession session) {
        while (true) {
            int id = random.nextInt();
            if (id != 0 && sessions.putIfAbsent(id, session) == null) {
                return id;
            }
        }
    }

    /**
     * Runs {@code task} every {@code periodNanos} (the last time at {@code deadline}, System.nanoTime)
     * on the socket's one timer thread, until it returns false.
     */
    void every(long periodNanos, BooleanSupplier task, long deadline) {
        long next = Math.min(periodNanos, Math.max(0, deadline - System.nanoTime()));
        try {
            timer.schedule(() -> {
                if (task.getAsBoolean()) {
                    every(periodNanos, task, deadline);
                }
            }, next, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the back end is shutting down
        }
    }

    void unregister(int id) {
        sessions.remove(id);
    }

    SecureRandom random() {
        return random;
    }

    /** Sends one datagram; a full send buffer drops it, which the sender's retransmission covers. */
    void send(byte[] packet, InetSocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(packet), to);
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (open) {
                selector.select();
                selector.selectedKeys().clear();
                SocketAddress from;
                while ((from = channel.receive(buffer.clear())) != null) {
                    buffer.flip();
                    byte[] packet = new byte[buffer.remaining()];
                    buffer.get(packet);
                    dispatch(packet, from);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed: the back end is shutting down
        }
    }

    private void dispatch(byte[] p, SocketAddress from) {
        // RMCP version 6, class IPMI; IPMI 2.0 session header (auth type 6, RMCP+)
        if (p.length < 16 || p[0] != 0x06 || p[3] != 0x07 || p[4] != 0x06) {
            return;
        }
        int type = p[5] & 0x3f;
        boolean handshake = type == RmcpSession.OPEN_SESSION_RESPONSE || type == RmcpSession.RAKP_2
                || type == RmcpSession.RAKP_4;
        int at = handshake ? 20 : 6;
        if (p.length < at + 4) {
            return;
        }
        RmcpSession session = sessions.get(RmcpSession.le32(p, at));
        if (session != null && session.bmc().equals(from)) {
            try {
                session.receive(p);
            } catch (RuntimeException e) {
                // a malformed datagram must not stop the reader of every session
            }
        }
    }

    @Override
    public void close() {
        open = false;
        timer.shutdownNow();
        sessions.values().forEach(RmcpSession::abort);
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
