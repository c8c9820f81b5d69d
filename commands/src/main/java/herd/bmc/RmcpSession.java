package herd.bmc;

import herd.session.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One RMCP+ (IPMI 2.0 lanplus) session on the shared {@link RmcpSocket}: the Open Session and
 * RAKP 1-4 handshake, then IPMI requests and SOL packets signed with HMAC (K1) and encrypted with
 * AES-CBC-128 (K2) as the cipher suite says. A request is sent again every third of the
 * timeout without an answer (a new session sequence number, the same IPMI sequence number, as
 * ipmitool does) and fails once the timeout has passed. Requests are one at a time per session.
 *
 * <pre>{@code
 * RmcpSession s = RmcpSession.login(socket, endpoint, password, Duration.ofSeconds(5));
 * RmcpSession.Response r = s.request(CHASSIS, 0x01, new byte[0], "power status");
 * s.close();
 * }</pre>
 */
final class RmcpSession {

    static final int IPMI = 0x00;
    static final int SOL = 0x01;
    static final int OPEN_SESSION_REQUEST = 0x10;
    static final int OPEN_SESSION_RESPONSE = 0x11;
    static final int RAKP_1 = 0x12;
    static final int RAKP_2 = 0x13;
    static final int RAKP_3 = 0x14;
    static final int RAKP_4 = 0x15;

    static final int NETFN_CHASSIS = 0x00;
    static final int NETFN_APP = 0x06;
    private static final int SET_SESSION_PRIVILEGE = 0x3b;
    private static final int CLOSE_SESSION = 0x3c;
    private static final int ADMINISTRATOR = 0x04;
    /** ROLEm of RAKP 1: Administrator, user looked up by name only (as ipmitool does). */
    private static final int ROLE = ADMINISTRATOR | 0x10;
    private static final byte[] RMCP = {0x06, 0x00, (byte) 0xff, 0x07};
    private static final long MIN_RETRANSMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** An IPMI answer: its completion code and data. */
    record Response(int completion, byte[] data) {
    }

    /** What the one outstanding exchange waits for. */
    private record Waiter(int type, int key, int command, CompletableFuture<byte[]> answer) {
        Waiter(int type, int key, int command) {
            this(type, key, command, new CompletableFuture<>());
        }
    }

    private final RmcpSocket socket;
    private final InetSocketAddress bmc;
    private final CipherSuite suite;
    private final Duration timeout;
    private final BmcEndpoint endpoint;
    private final int consoleId;
    private final Object sendLock = new Object();
    private final Object requestLock = new Object();
    private volatile Waiter waiting;
    private volatile SessionKeys.Sealer inbound;
    private volatile Consumer<byte[]> solListener;
    private volatile boolean closed;
    private SessionKeys.Sealer outbound;
    private int bmcId;
    private int outSequence;
    private int requestSequence;

    private RmcpSession(RmcpSocket socket, InetSocketAddress bmc, CipherSuite suite, Duration timeout,
            BmcEndpoint endpoint) {
        this.socket = socket;
        this.bmc = bmc;
        this.suite = suite;
        this.timeout = timeout;
        this.endpoint = endpoint;
        this.consoleId = socket.register(this);
    }

    /** Logs in as Administrator; throws {@link BmcException} UNREACHABLE or AUTH_REFUSED when it cannot. */
    static RmcpSession login(RmcpSocket socket, BmcEndpoint endpoint, String password, Duration timeout) {
        return await(loginAsync(socket, endpoint, password, timeout), endpoint.node() + ": BMC " + endpoint.address());
    }

    /**
     * Logs in without holding a thread: each step is sent from the thread that received the
     * previous answer (the socket's reader), so a thousand logins need no thread each.
     */
    static CompletableFuture<RmcpSession> loginAsync(RmcpSocket socket, BmcEndpoint endpoint, String password,
            Duration timeout) {
        CipherSuite suite;
        InetSocketAddress address;
        byte[] userKey;
        try {
            suite = CipherSuite.of(endpoint.cipherSuite());
            userKey = SessionKeys.userKey(password);
            address = new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(new BmcException(endpoint.node(),
                    "BMC host " + endpoint.host() + " is unknown", Reason.UNREACHABLE, e));
        } catch (BmcException e) {
            return CompletableFuture.failedFuture(e);
        }
        RmcpSession session = new RmcpSession(socket, address, suite, timeout, endpoint);
        return session.handshake(userKey).handle((ok, failure) -> {
            if (failure != null) {
                session.close();
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return session;
        });
    }

    /** The result of a future, blocking; its BmcException as it is, Ctrl-C as CANCELLED. */
    static <T> T await(CompletableFuture<T> future, String where) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new BmcException(where, "interrupted", Reason.CANCELLED, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BmcException b) {
                throw b;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    InetSocketAddress bmc() {
        return bmc;
    }

    CipherSuite suite() {
        return suite;
    }

    String where() {
        return endpoint.node() + ": BMC " + endpoint.address();
    }

    private CompletableFuture<Void> handshake(byte[] userKey) {
        byte[] user = endpoint.user().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (user.length > 16) {
            return CompletableFuture.failedFuture(new BmcException(where(), "user name longer than 16 bytes",
                    Reason.FAILED, null));
        }
        int tag = socket.random().nextInt(256);
        byte[] open = new byte[32];
        open[0] = (byte) tag;
        open[1] = ADMINISTRATOR;
        System.arraycopy(SessionKeys.le(consoleId), 0, open, 4, 4);
        algorithm(open, 8, 0, suite.authentication());
        algorithm(open, 16, 1, suite.integrity());
        algorithm(open, 24, 2, suite.confidentiality());
        byte[] consoleRandom = new byte[16];
        socket.random().nextBytes(consoleRandom);
        return exchange(() -> packet(OPEN_SESSION_REQUEST, open, false), new Waiter(OPEN_SESSION_RESPONSE, tag, 0),
                timeout, this::unanswered).thenCompose(opened -> {
                    refuseOnStatus(opened);
                    bmcId = le32(opened, 8);
                    byte[] rakp1 = new byte[28 + user.length];
                    rakp1[0] = (byte) tag;
                    System.arraycopy(SessionKeys.le(bmcId), 0, rakp1, 4, 4);
                    System.arraycopy(consoleRandom, 0, rakp1, 8, 16);
                    rakp1[24] = ROLE;
                    rakp1[27] = (byte) user.length;
                    System.arraycopy(user, 0, rakp1, 28, user.length);
                    return exchange(() -> packet(RAKP_1, rakp1, false), new Waiter(RAKP_2, tag, 0), timeout,
                            this::unanswered);
                }).thenCompose(rakp2 -> {
                    refuseOnStatus(rakp2);
                    if (rakp2.length < 40) {
                        throw new BmcException(where(), "login failed: RAKP 2 too short", Reason.FAILED, null);
                    }
                    SessionKeys.Rakp rakp = new SessionKeys.Rakp(consoleId, bmcId, consoleRandom,
                            Arrays.copyOfRange(rakp2, 8, 24), Arrays.copyOfRange(rakp2, 24, 40), ROLE, endpoint.user());
                    if (!SessionKeys.same(SessionKeys.rakp2Code(suite, userKey, rakp),
                            Arrays.copyOfRange(rakp2, 40, rakp2.length))) {
                        // RAKP 3 with "invalid integrity check value" lets the BMC free the half-open session now.
                        send(packet(RAKP_3, rakp3(tag, 0x0f, new byte[0]), false));
                        throw new BmcException(where(), "login refused for user " + endpoint.user() + " (wrong password)",
                                Reason.AUTH_REFUSED, null);
                    }
                    SessionKeys keys = SessionKeys.derive(suite, userKey, rakp);
                    byte[] code = SessionKeys.rakp3Code(suite, userKey, rakp);
                    return exchange(() -> packet(RAKP_3, rakp3(tag, 0, code), false), new Waiter(RAKP_4, tag, 0),
                            timeout, this::unanswered).thenApply(rakp4 -> {
                                refuseOnStatus(rakp4);
                                if (!SessionKeys.same(keys.rakp4Code(rakp), Arrays.copyOfRange(rakp4, 8, rakp4.length))) {
                                    throw new BmcException(where(),
                                            "login failed: the BMC's RAKP 4 integrity check value is wrong", Reason.FAILED,
                                            null);
                                }
                                return keys;
                            });
                }).thenCompose(keys -> {
                    synchronized (sendLock) {
                        outbound = keys.sealer();
                    }
                    inbound = keys.sealer();
                    // RMCP+ sessions start at User level whatever was asked: raise it for chassis control.
                    return requestAsync(NETFN_APP, SET_SESSION_PRIVILEGE, new byte[] {ADMINISTRATOR}, timeout,
                            this::unanswered);
                }).thenAccept(raised -> {
                    if (raised.completion() != 0) {
                        throw new BmcException(where(), "login refused for user " + endpoint.user()
                                + " (Administrator privilege: " + CompletionCodes.text(raised.completion()) + ")",
                                Reason.AUTH_REFUSED, null);
                    }
                });
    }

    private byte[] rakp3(int tag, int status, byte[] code) {
        byte[] rakp3 = new byte[8 + code.length];
        rakp3[0] = (byte) tag;
        rakp3[1] = (byte) status;
        System.arraycopy(SessionKeys.le(bmcId), 0, rakp3, 4, 4);
        System.arraycopy(code, 0, rakp3, 8, code.length);
        return rakp3;
    }

    private static void algorithm(byte[] into, int at, int kind, int number) {
        into[at] = (byte) kind;
        into[at + 3] = 0x08;
        into[at + 4] = (byte) number;
    }

    private void refuseOnStatus(byte[] answer) {
        int status = answer.length > 1 ? answer[1] & 0xff : 0xff;
        if (status != 0) {
            throw new BmcException(where(), "login refused for user " + endpoint.user() + " ("
                    + CompletionCodes.rmcpStatus(status) + ")", Reason.AUTH_REFUSED, null);
        }
    }

    private BmcException unanswered() {
        return new BmcException(where(), "no answer after " + seconds(timeout), Reason.UNREACHABLE, null);
    }

    /** Sends an IPMI request in the session and waits for its answer; TIMED_OUT after the timeout. */
    Response request(int netFn, int command, byte[] data, String what) {
        return request(netFn, command, data, what, timeout);
    }

    /**
     * As {@link #request(int, int, byte[], String)}, with its own deadline; callers on several
     * threads (a console's writer and watcher) take turns.
     */
    Response request(int netFn, int command, byte[] data, String what, Duration limit) {
        synchronized (requestLock) {
            return await(requestAsync(netFn, command, data, what, limit), where());
        }
    }

    /** An IPMI request without a thread waiting; one at a time per session (the pool sees to it). */
    CompletableFuture<Response> requestAsync(int netFn, int command, byte[] data, String what) {
        return requestAsync(netFn, command, data, what, timeout);
    }

    private CompletableFuture<Response> requestAsync(int netFn, int command, byte[] data, String what, Duration limit) {
        return requestAsync(netFn, command, data, limit, () -> new BmcException(where(),
                "no answer to " + what + " after " + seconds(limit), Reason.TIMED_OUT, null));
    }

    private CompletableFuture<Response> requestAsync(int netFn, int command, byte[] data, Duration limit,
            Supplier<BmcException> onTimeout) {
        int sequence;
        synchronized (sendLock) {
            sequence = requestSequence = (requestSequence + 1) & 0x3f;
        }
        byte[] message = ipmiRequest(netFn, command, data, sequence);
        return exchange(() -> packet(IPMI, message, true), new Waiter(IPMI, sequence, command), limit, onTimeout)
                .thenApply(answer -> {
                    if (answer.length < 8) {
                        throw new BmcException(where(), "answer too short (" + answer.length + " bytes)", Reason.FAILED,
                                null);
                    }
                    return new Response(answer[6] & 0xff, Arrays.copyOfRange(answer, 7, answer.length - 1));
                });
    }

    /** Sends an SOL payload once (the console does its own acknowledgement and retransmission). */
    void sendSol(byte[] payload) {
        send(packet(SOL, payload, true));
    }

    /** Receives the SOL payloads the BMC sends, on the socket's reader thread. */
    void onSol(Consumer<byte[]> listener) {
        solListener = listener;
    }

    /**
     * Sends the packet and completes with the answer the waiter matches, sending it again every
     * third of the limit from the socket's timer; fails with {@code onTimeout} at the limit.
     */
    private CompletableFuture<byte[]> exchange(Supplier<byte[]> packet, Waiter waiter, Duration limit,
            Supplier<BmcException> onTimeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new BmcException(where(), "session closed", Reason.FAILED, null));
        }
        waiting = waiter;
        long deadline = System.nanoTime() + limit.toNanos();
        long every = Math.max(limit.toNanos() / 3, MIN_RETRANSMIT_NANOS);
        CompletableFuture<byte[]> answer = waiter.answer();
        answer.whenComplete((ok, failure) -> {
            if (waiting == waiter) {
                waiting = null;
            }
        });
        try {
            send(packet.get());
        } catch (BmcException e) {
            answer.completeExceptionally(e);
            return answer;
        }
        socket.every(every, () -> {
            if (answer.isDone()) {
                return false;
            }
            if (System.nanoTime() >= deadline - MIN_RETRANSMIT_NANOS / 4) {
                answer.completeExceptionally(onTimeout.get());
                return false;
            }
            try {
                send(packet.get());
            } catch (BmcException e) {
                answer.completeExceptionally(e);
                return false;
            }
            return true;
        }, deadline);
        return answer;
    }

    private void send(byte[] packet) {
        try {
            socket.send(packet, bmc);
        } catch (IOException e) {
            throw new BmcException(where(), "cannot send: " + e.getMessage(), Reason.FAILED, e);
        }
    }

    /** An RMCP+ packet: RMCP header, session header, payload (encrypted), integrity trailer. */
    private byte[] packet(int type, byte[] payload, boolean inSession) {
        synchronized (sendLock) {
            boolean signed = inSession && suite.integrity() != 0;
            boolean encrypted = inSession && suite.encrypted();
            byte[] body = payload;
            if (encrypted) {
                byte[] iv = new byte[16];
                socket.random().nextBytes(iv);
                body = outbound.encrypt(payload, iv);
            }
            int pad = signed ? (4 - (12 + body.length + 2) % 4) % 4 : 0;
            int end = 16 + body.length;
            byte[] p = new byte[end + (signed ? pad + 2 + suite.authCodeLength() : 0)];
            System.arraycopy(RMCP, 0, p, 0, 4);
            p[4] = 0x06;
            p[5] = (byte) (type | (encrypted ? 0x80 : 0) | (signed ? 0x40 : 0));
            System.arraycopy(SessionKeys.le(inSession ? bmcId : 0), 0, p, 6, 4);
            System.arraycopy(SessionKeys.le(inSession ? ++outSequence : 0), 0, p, 10, 4);
            p[14] = (byte) body.length;
            p[15] = (byte) (body.length >>> 8);
            System.arraycopy(body, 0, p, 16, body.length);
            if (signed) {
                Arrays.fill(p, end, end + pad, (byte) 0xff);
                p[end + pad] = (byte) pad;
                p[end + pad + 1] = 0x07;
                byte[] code = outbound.authCode(p, 4, end + pad + 2);
                System.arraycopy(code, 0, p, end + pad + 2, code.length);
            }
            return p;
        }
    }

    /** A datagram from the BMC, on the socket's reader thread. */
    void receive(byte[] p) {
        int type = p[5] & 0x3f;
        int length = (p[14] & 0xff) | (p[15] & 0xff) << 8;
        if (16 + length > p.length) {
            return;
        }
        Waiter w = waiting;
        if (type == OPEN_SESSION_RESPONSE || type == RAKP_2 || type == RAKP_4) {
            if (w != null && w.type() == type && length > 0 && (p[16] & 0xff) == w.key()) {
                w.answer().complete(Arrays.copyOfRange(p, 16, 16 + length));
            }
            return;
        }
        SessionKeys.Sealer keys = inbound;
        if (keys == null) {
            return;
        }
        boolean signed = (p[5] & 0x40) != 0;
        boolean encrypted = (p[5] & 0x80) != 0;
        if (suite.integrity() != 0) {
            int codeAt = p.length - suite.authCodeLength();
            if (!signed || codeAt < 16 + length + 2
                    || !SessionKeys.same(keys.authCode(p, 4, codeAt), Arrays.copyOfRange(p, codeAt, p.length))) {
                return;
            }
        }
        if (suite.encrypted() != encrypted) {
            return;
        }
        byte[] payload = encrypted ? keys.decrypt(p, 16, length) : Arrays.copyOfRange(p, 16, 16 + length);
        if (payload == null) {
            return;
        }
        if (type == IPMI) {
            if (w != null && w.type() == IPMI && payload.length >= 8 && (payload[4] & 0xff) >>> 2 == w.key()
                    && (payload[5] & 0xff) == w.command()) {
                w.answer().complete(payload);
            }
        } else if (type == SOL) {
            Consumer<byte[]> listener = solListener;
            if (listener != null) {
                listener.accept(payload);
            }
        }
    }

    /** An IPMB-style request: rsAddr, netFn/LUN, checksum, rqAddr, rqSeq/LUN, command, data, checksum. */
    static byte[] ipmiRequest(int netFn, int command, byte[] data, int sequence) {
        byte[] m = new byte[7 + data.length];
        m[0] = 0x20;
        m[1] = (byte) (netFn << 2);
        m[2] = checksum(m, 0, 2);
        m[3] = (byte) 0x81;
        m[4] = (byte) (sequence << 2);
        m[5] = (byte) command;
        System.arraycopy(data, 0, m, 6, data.length);
        m[m.length - 1] = checksum(m, 3, m.length - 1);
        return m;
    }

    private static byte checksum(byte[] m, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += m[i];
        }
        return (byte) -sum;
    }

    static int le32(byte[] p, int at) {
        return (p[at] & 0xff) | (p[at + 1] & 0xff) << 8 | (p[at + 2] & 0xff) << 16 | (p[at + 3] & 0xff) << 24;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
    }

    /** Ends the exchange in progress, if any: the back end is closing. */
    void abort() {
        Waiter w = waiting;
        if (w != null) {
            w.answer().completeExceptionally(new BmcException(where(), "IPMI back end closed", Reason.CANCELLED, null));
        }
    }

    /** Closes the session on the BMC (one Close Session, not waited for) and frees its id. Never throws. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (inbound != null) {
                int sequence;
                synchronized (sendLock) {
                    sequence = requestSequence = (requestSequence + 1) & 0x3f;
                }
                send(packet(IPMI, ipmiRequest(NETFN_APP, CLOSE_SESSION, SessionKeys.le(bmcId), sequence), true));
            }
        } catch (RuntimeException e) {
            // the BMC may be gone; it expires the session by itself
        } finally {
            socket.unregister(consoleId);
        }
    }
}
