package herd.bmc;

import herd.session.Reason;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Serial-over-LAN console (IPMI 2.0 section 15) on its own RMCP+ session of the shared socket.
 * Output from the BMC is acknowledged and handed to the sink on the socket's reader thread;
 * input is sent in packets of at most {@value #CHUNK} bytes, each sent again until the BMC
 * acknowledges it. What ipmi_sim needs: an empty packet first (it drops a first packet whose
 * sequence number equals the last one acknowledged in the previous session); liveness checked
 * with a plain IPMI request (it answers only the first empty SOL packet of a session); completion
 * code 0x80 on deactivation means "already inactive".
 */
final class IpmiConsole implements BmcConsole {

    private static final int CHUNK = 64;
    private static final int ACTIVATE_PAYLOAD = 0x48;
    private static final int DEACTIVATE_PAYLOAD = 0x49;
    private static final int SOL_PAYLOAD = 0x01;
    private static final int ALREADY_ACTIVE = 0x80;
    private static final int ACTIVATION_LIMIT = 0x82;
    private static final int OP_BREAK = 0x10;
    private static final int STATUS_NACK = 0x40;
    private static final int STATUS_DEACTIVATING = 0x10;
    private static final long IDLE_CHECK_MS = 5_000;
    private static final Duration DEACTIVATE_TIMEOUT = Duration.ofSeconds(1);

    private final RmcpSession session;
    private final BmcEndpoint endpoint;
    private final IpmiBackend backend;
    private final Object sendLock = new Object();
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private volatile boolean open = true;
    private volatile long lastSend = System.currentTimeMillis();
    private volatile Sink sink;
    private volatile Ack ack;
    private int sequence;
    private int lastReceived;
    private ScheduledFuture<?> watch;

    /** The acknowledgement a sent packet waits for: its sequence number and the characters accepted. */
    private record Ack(int sequence, CompletableFuture<Integer> accepted) {
    }

    private IpmiConsole(RmcpSession session, BmcEndpoint endpoint, IpmiBackend backend) {
        this.session = session;
        this.endpoint = endpoint;
        this.backend = backend;
    }

    static IpmiConsole activate(RmcpSession session, BmcEndpoint endpoint, boolean force, IpmiBackend backend) {
        String where = endpoint.node() + ": console";
        IpmiConsole console = new IpmiConsole(session, endpoint, backend);
        try {
            if (force) {
                deactivate(session);
            }
            session.onSol(console::received);
            int auxiliary = 0x08 | (session.suite().integrity() != 0 ? 0x40 : 0) | (session.suite().encrypted() ? 0x80 : 0);
            RmcpSession.Response r = session.request(RmcpSession.NETFN_APP, ACTIVATE_PAYLOAD,
                    new byte[] {SOL_PAYLOAD, 1, (byte) auxiliary, 0, 0, 0}, "SOL activation");
            if (r.completion() == ALREADY_ACTIVE || r.completion() == ACTIVATION_LIMIT) {
                throw new BmcException(where, "already active in another session (--force takes it over)", Reason.FAILED,
                        null);
            }
            if (r.completion() != 0) {
                throw new BmcException(where, "cannot activate SOL: " + CompletionCodes.text(r.completion()),
                        Reason.FAILED, null);
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        try {
            console.send(new byte[0], 0);
        } catch (BmcException e) {
            // an empty packet the BMC dropped or did not acknowledge: it has done its work
        }
        return console;
    }

    @Override
    public void start(Sink sink) {
        synchronized (early) {
            if (early.size() > 0) {
                sink.output(early.toByteArray());
                early.reset();
            }
            this.sink = sink;
        }
        watch = backend.consoleTimer().scheduleWithFixedDelay(this::checkIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** An SOL payload from the BMC, on the socket's reader thread. */
    private void received(byte[] p) {
        if (p.length < 4 || !open) {
            return;
        }
        int seq = p[0] & 0x0f;
        int acked = p[1] & 0x0f;
        int status = p[3] & 0xff;
        Ack waiting = ack;
        if (acked != 0 && waiting != null && waiting.sequence() == acked) {
            waiting.accepted().complete((status & STATUS_NACK) != 0 ? 0 : p[2] & 0xff);
        }
        if (seq != 0) {
            byte[] data = Arrays.copyOfRange(p, 4, p.length);
            session.sendSol(new byte[] {0, (byte) seq, (byte) data.length, 0});
            if (seq != lastReceived) {
                lastReceived = seq;
                if (data.length > 0) {
                    deliver(data);
                }
            }
        }
        if ((status & STATUS_DEACTIVATING) != 0) {
            lost("deactivated by the BMC (taken over by another session?)");
        }
    }

    private void deliver(byte[] data) {
        Sink s = sink;
        if (s == null) {
            synchronized (early) {
                if (sink == null) {
                    early.writeBytes(data);
                    return;
                }
                s = sink;
            }
        }
        s.output(data);
    }

    private void checkIdle() {
        if (open && System.currentTimeMillis() - lastSend > IDLE_CHECK_MS && !stillAnswers() && !stillAnswers()) {
            lost("BMC " + endpoint.address() + " stopped answering");
        }
    }

    private void lost(String why) {
        Sink s = sink;
        if (open) {
            open = false;
            if (watch != null) {
                watch.cancel(false);
            }
            if (s != null) {
                s.closed(endpoint.node() + ": console " + why);
            }
        }
    }

    /** Keeps the session alive and checks the BMC with a plain IPMI request. */
    private boolean stillAnswers() {
        lastSend = System.currentTimeMillis();
        try {
            session.request(RmcpSession.NETFN_CHASSIS, 0x01, new byte[0], "status");
            return true;
        } catch (BmcException e) {
            return false;
        }
    }

    @Override
    public void write(byte[] bytes) {
        synchronized (sendLock) {
            for (int from = 0; from < bytes.length; from += CHUNK) {
                if (!open) {
                    throw new BmcException(endpoint.node() + ": console", "closed", Reason.FAILED, null);
                }
                send(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK)), 0);
            }
        }
    }

    @Override
    public void sendBreak() {
        synchronized (sendLock) {
            send(new byte[0], OP_BREAK);
        }
    }

    /**
     * Sends characters (or an operation) and waits until the BMC has accepted them all, sending the
     * packet again every third of the timeout without an acknowledgement.
     */
    private void send(byte[] data, int operation) {
        Duration timeout = backendTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        long every = Math.max(timeout.toNanos() / 3, TimeUnit.MILLISECONDS.toNanos(200));
        int from = 0;
        do {
            lastSend = System.currentTimeMillis();
            sequence = sequence % 15 + 1;
            Ack waiting = new Ack(sequence, new CompletableFuture<>());
            ack = waiting;
            byte[] payload = new byte[4 + data.length - from];
            payload[0] = (byte) sequence;
            payload[3] = (byte) operation;
            System.arraycopy(data, from, payload, 4, data.length - from);
            Integer accepted = null;
            while (accepted == null) {
                if (System.nanoTime() >= deadline) {
                    throw new BmcException(endpoint.node() + ": console", "BMC " + endpoint.address()
                            + " did not take the input", Reason.FAILED, null);
                }
                session.sendSol(payload);
                try {
                    accepted = waiting.accepted().get(Math.min(every, Math.max(1, deadline - System.nanoTime())),
                            TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // sent again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BmcException(endpoint.node() + ": console", "interrupted", Reason.CANCELLED, e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            from += accepted;
            operation = 0;
        } while (from < data.length);
    }

    private Duration backendTimeout() {
        return backend.timeout();
    }

    @Override
    public boolean open() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        if (watch != null) {
            watch.cancel(false);
        }
        synchronized (sendLock) {
            deactivate(session);
            session.close();
        }
        backend.forget(this);
    }

    private static void deactivate(RmcpSession session) {
        try {
            session.request(RmcpSession.NETFN_APP, DEACTIVATE_PAYLOAD, new byte[] {SOL_PAYLOAD, 1, 0, 0, 0, 0},
                    "SOL deactivation", DEACTIVATE_TIMEOUT);
        } catch (BmcException e) {
            // No answer: the BMC is gone, or the payload is already inactive, which is what was asked.
        }
    }
}
