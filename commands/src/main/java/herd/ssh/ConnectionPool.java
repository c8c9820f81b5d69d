package herd.ssh;

import herd.session.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * The session's SSH connections, one per node, kept open between commands: later commands only open
 * new channels. One sshj configuration, key set and known_hosts verifier serve every connection.
 * Idle connections get keep-alives and are closed after {@link SshSettings#idleClose()}; a broken
 * one is re-opened on its next use.
 *
 * <pre>{@code
 * try (ConnectionPool pool = new ConnectionPool(settings, prompt -> Optional.empty())) {
 *     RemoteCommand c = pool.exec(SshTarget.of("n1", "127.0.0.1", 2222, "root"), "uptime", Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class ConnectionPool implements AutoCloseable {

    private final SshSettings settings;
    private final DefaultConfig config = new DefaultConfig();
    private final Keys keys;
    private final KnownHosts knownHosts;
    private final Map<String, SshConnection> open = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService upkeep;

    public ConnectionPool(SshSettings settings, Prompter prompter) throws SshException {
        this.settings = settings;
        this.keys = new Keys(config, prompter);
        this.knownHosts = new KnownHosts(settings.knownHosts(), settings.acceptNewHostKeys());
        this.upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herd-ssh-upkeep");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(200, Math.min(settings.keepAlive().toMillis(), settings.idleClose().toMillis()) / 4);
        upkeep.scheduleWithFixedDelay(this::upkeep, period, period, TimeUnit.MILLISECONDS);
    }

    public SshSettings settings() {
        return settings;
    }

    /** From now on, record unknown host keys instead of refusing them (or stop doing so). */
    public void acceptNewHostKeys(boolean accept) {
        knownHosts.acceptNew(accept);
    }

    /** Runs {@code command} on a new channel, re-opening the node's connection once if it broke. */
    public RemoteCommand exec(SshTarget target, String command, Duration connectTimeout) throws SshException {
        SshConnection c = connection(target, connectTimeout);
        try {
            return c.exec(command);
        } catch (IOException first) {
            discard(target.node(), c);
            try {
                return connection(target, connectTimeout).exec(command);
            } catch (IOException e) {
                throw failure(target, e, connectTimeout, null);
            }
        }
    }

    /** File operations on a new SFTP channel of the node's connection; the caller closes it. */
    public FileTransfer files(SshTarget target, Duration connectTimeout) throws SshException {
        SshConnection c = connection(target, connectTimeout);
        try {
            return new FileTransfer(c.sftp(), target.node());
        } catch (IOException first) {
            discard(target.node(), c);
            try {
                return new FileTransfer(connection(target, connectTimeout).sftp(), target.node());
            } catch (IOException e) {
                throw failure(target, e, connectTimeout, null);
            }
        }
    }

    /** The node's open connection, opened now when there is none (or it broke, or its target changed). */
    public SshConnection connection(SshTarget target, Duration connectTimeout) throws SshException {
        String key = target.node();
        SshConnection c = open.get(key);
        if (c != null && c.alive() && c.target().equals(target)) {
            return c;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            c = open.get(key);
            if (c != null && c.alive() && c.target().equals(target)) {
                return c;
            }
            if (c != null) {
                discard(key, c);
            }
            c = openConnection(target, connectTimeout);
            open.put(key, c);
            return c;
        }
    }

    /** Open connections, by node name. */
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> list = new ArrayList<>();
        for (SshConnection c : open.values()) {
            list.add(c.info());
        }
        list.sort(Comparator.comparing(ConnectionInfo::node));
        return list;
    }

    /** Closes the connections of {@code nodes}; returns how many were open. */
    public int close(Collection<String> nodes) {
        int closed = 0;
        for (String node : nodes) {
            SshConnection c = open.remove(node);
            if (c != null) {
                c.close();
                closed++;
            }
        }
        return closed;
    }

    /** Drops the node's connection after it stopped answering (see {@link SshConnection#abort}). */
    public void abort(String node) {
        SshConnection c = open.remove(node);
        if (c != null) {
            c.abort();
        }
    }

    /** Closes every connection and stops the keep-alives. */
    @Override
    public void close() {
        upkeep.shutdownNow();
        close(new ArrayList<>(open.keySet()));
    }

    private SshConnection openConnection(SshTarget t, Duration timeout) throws SshException {
        SSHClient client = new SSHClient(config);
        KnownHosts.Check check = knownHosts.check();
        client.addHostKeyVerifier(check);
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        client.setSocketFactory(NoDelaySockets.INSTANCE);
        client.setConnectTimeout(ms);
        client.getTransport().setTimeoutMs(ms);
        List<Path> files = t.identities().isEmpty() ? settings.identities() : t.identities();
        try {
            if (t.jumps().isEmpty()) {
                client.connect(t.host(), t.port());
            } else {
                // As OpenSSH: each hop is reached through the ones before it; the first keeps its own ProxyJump.
                List<SshTarget> hops = t.jumps();
                SshTarget last = hops.size() == 1 ? hops.get(0)
                        : hops.get(hops.size() - 1).withJumps(hops.subList(0, hops.size() - 1));
                SshConnection via = connection(last, timeout);
                client.connectVia(via.client().newDirectConnection(t.host(), t.port()));
            }
            List<AuthMethod> methods = new ArrayList<>();
            settings.agent().ifPresent(socket -> methods.addAll(new SshAgent(socket).methods()));
            for (KeyProvider key : keys.providers(files)) {
                methods.add(new AuthPublickey(key));
            }
            if (methods.isEmpty()) {
                String why = keys.problems(files);
                throw new SshException(t.node(), Reason.AUTH_REFUSED,
                        "auth refused: no usable key" + (why.isEmpty() ? " (none of " + files + " exists, no agent)" : ": " + why));
            }
            client.auth(t.user(), methods);
            return new SshConnection(t, client);
        } catch (IOException e) {
            closeQuietly(client);
            throw failure(t, e, timeout, check);
        }
    }

    private SshException failure(SshTarget t, IOException e, Duration timeout, KnownHosts.Check check) {
        String node = t.node();
        if (e instanceof SshException s) {
            return s;
        }
        if (check != null && !check.problem().isEmpty()) {
            return check.mismatch()
                    ? new SshException(node, Reason.HOST_KEY_MISMATCH, check.problem(), e)
                    : new SshException(node, Reason.UNREACHABLE, check.problem(), e);
        }
        String certificate = certificateProblem(e);
        if (!certificate.isEmpty()) {
            return new SshException(node, Reason.HOST_KEY_MISMATCH, certificate, e);
        }
        String interrupted = e instanceof UserAuthException ? interruptedAuth(e, timeout) : "";
        if (!interrupted.isEmpty()) {
            return new SshException(node, Reason.UNREACHABLE, "unreachable: " + interrupted, e);
        }
        if (e instanceof UserAuthException) {
            String why = keys.problems(t.identities().isEmpty() ? settings.identities() : t.identities());
            return new SshException(node, Reason.AUTH_REFUSED,
                    "auth refused: publickey for " + t.user() + (why.isEmpty() ? "" : " (" + why + ")"), e);
        }
        return new SshException(node, Reason.UNREACHABLE, "unreachable: " + describe(t, e, timeout), e);
    }

    /**
     * sshj reports an authentication that timed out, or whose connection broke, as a UserAuthException:
     * that is no refusal by the node. Empty when the node really refused.
     */
    /** sshj's refusal of a host certificate (expired, not yet valid, other principals), in herd's words; "" if none. */
    private static String certificateProblem(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf("certificate check failed: ");
        if (at < 0) {
            return "";
        }
        String why = m.substring(at + "certificate check failed: ".length());
        String what = why.startsWith("Certificate is valid before") ? "expired"
                : why.startsWith("Certificate is valid after") ? "not yet valid"
                : why.contains("doesn't match any of the principals") ? "not issued for this host name" : "refused";
        return "host certificate " + what + " (" + why + ")";
    }

    private static String interruptedAuth(Throwable e, Duration timeout) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return "no answer to authentication within " + timeout.toSeconds() + " s";
            }
            if (c instanceof TransportException) {
                return "connection lost during authentication";
            }
        }
        return "";
    }

    private static String describe(SshTarget t, IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "connect timed out after " + timeout.toSeconds() + " s";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + t.host();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof TransportException te && te.getDisconnectReason() == DisconnectReason.CONNECTION_LOST) {
            return "connection lost";
        }
        String m = Keys.firstLine(e);
        return m.startsWith("Timeout") ? "no SSH answer within " + timeout.toSeconds() + " s" : m;
    }

    private void upkeep() {
        for (Map.Entry<String, SshConnection> e : open.entrySet()) {
            SshConnection c = e.getValue();
            if (!c.alive()) {
                discard(e.getKey(), c);
            } else if (!c.busy() && c.idle().compareTo(settings.idleClose()) >= 0) {
                discard(e.getKey(), c);
            } else if (!c.busy()) {
                c.keepAlive(settings.keepAlive());
            }
        }
    }

    private void discard(String key, SshConnection c) {
        open.remove(key, c);
        c.close();
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
