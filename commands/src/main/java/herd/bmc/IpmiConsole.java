package herd.bmc;

import herd.session.Reason;
import java.util.Arrays;
import java.util.Set;
import org.metricshub.ipmi.core.api.sol.SOLException;
import org.metricshub.ipmi.core.api.sol.SerialOverLan;
import org.metricshub.ipmi.core.api.sol.SolEventListener;
import org.metricshub.ipmi.core.api.sync.IpmiConnector;
import org.metricshub.ipmi.core.coding.commands.IpmiVersion;
import org.metricshub.ipmi.core.coding.commands.chassis.GetChassisStatus;
import org.metricshub.ipmi.core.coding.payload.lan.NetworkFunction;
import org.metricshub.ipmi.core.coding.protocol.AuthenticationType;
import org.metricshub.ipmi.core.coding.payload.sol.SolOperation;
import org.metricshub.ipmi.core.coding.payload.sol.SolStatus;
import org.metricshub.ipmi.core.coding.sol.SolCoder;

/**
 * A Serial-over-LAN console on its own connector. Work-arounds kept here: SOL is activated with
 * {@code SerialOverLan(connector, session)} (the host/port constructor does cipher discovery); the
 * first packet of a session is an empty one (ipmi_sim drops a first packet whose sequence number
 * equals the last one acknowledged in the previous session); writes are cut into small packets
 * (the library's own chunking is wrong past the first chunk); deactivation is sent raw and a
 * missing answer is taken as "already deactivated" (the library cannot decode completion code 0x80).
 */
final class IpmiConsole implements BmcConsole {

    private static final int CHUNK = 64;
    private static final int DEACTIVATE_PAYLOAD = 0x49;
    private static final int SOL_PAYLOAD = 0x01;
    private static final long POLL_MS = 10;
    private static final long KEEPALIVE_MS = 5_000;

    private final IpmiConnector connector;
    private final IpmiBackend.Login login;
    private final BmcEndpoint endpoint;
    private final SerialOverLan sol;
    private final IpmiBackend backend;
    private final Object sendLock = new Object();
    private volatile boolean open = true;
    private volatile long lastSend = System.currentTimeMillis();
    private Thread reader;

    private IpmiConsole(IpmiConnector connector, IpmiBackend.Login login, BmcEndpoint endpoint, SerialOverLan sol,
            IpmiBackend backend) {
        this.connector = connector;
        this.login = login;
        this.endpoint = endpoint;
        this.sol = sol;
        this.backend = backend;
    }

    static IpmiConsole activate(IpmiConnector connector, IpmiBackend.Login login, BmcEndpoint endpoint, boolean force,
            IpmiBackend backend) {
        String where = endpoint.node() + ": console";
        if (force) {
            deactivate(connector, login);
        }
        SerialOverLan sol;
        try {
            sol = new SerialOverLan(connector, login.session());
        } catch (SOLException | RuntimeException e) {
            closeQuietly(connector, login);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (String.valueOf(cause.getMessage()).contains("no available payload instances")) {
                throw new BmcException(where, "already active in another session (--force takes it over)", Reason.FAILED, e);
            }
            throw new BmcException(where, "cannot activate SOL: " + cause.getMessage(), Reason.FAILED, e);
        } catch (org.metricshub.ipmi.core.connection.SessionException e) {
            closeQuietly(connector, login);
            throw new BmcException(where, "cannot activate SOL: " + e.getMessage(), Reason.FAILED, e);
        }
        IpmiConsole console = new IpmiConsole(connector, login, endpoint, sol, backend);
        console.sendEmpty();
        return console;
    }

    @Override
    public void start(Sink sink) {
        sol.registerEventListener(new SolEventListener() {
            @Override
            public void processRequestEvent(Set<SolStatus> statuses) {
                if (statuses.contains(SolStatus.SolDeactivated)) {
                    lost(sink, "deactivated by the BMC (taken over by another session?)");
                }
            }

            @Override
            public void processResponseEvent(Set<SolStatus> statuses, byte[] data, Set<SolOperation> operations) {
                processRequestEvent(statuses);
            }
        });
        reader = backend.threadFactory("herd-sol-" + endpoint.node() + "-").newThread(() -> pump(sink));
        reader.start();
    }

    private void pump(Sink sink) {
        while (open) {
            byte[] bytes = sol.readBytes();
            if (bytes.length > 0) {
                sink.output(bytes);
                continue;
            }
            if (System.currentTimeMillis() - lastSend > KEEPALIVE_MS && !stillAnswers() && !stillAnswers()) {
                lost(sink, "BMC " + endpoint.address() + " stopped answering");
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void lost(Sink sink, String why) {
        if (open) {
            open = false;
            sink.closed(endpoint.node() + ": console " + why);
        }
    }

    /**
     * Keeps the session alive and checks the BMC with a plain IPMI request (ipmi_sim answers only
     * the first empty SOL packet of a session). Asked twice before giving up: a packet can be lost
     * when the library's receive thread acknowledges SOL data at the same moment.
     */
    private boolean stillAnswers() {
        synchronized (sendLock) {
            lastSend = System.currentTimeMillis();
            try {
                connector.sendMessage(login.handle(), new GetChassisStatus(IpmiVersion.V20, login.suite(),
                        AuthenticationType.RMCPPlus));
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    /** An empty SOL packet first: it takes the sequence number a dropped first packet would have had. */
    private boolean sendEmpty() {
        synchronized (sendLock) {
            lastSend = System.currentTimeMillis();
            try {
                connector.sendMessage(login.handle(), new SolCoder(new byte[0], login.suite()));
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Override
    public void write(byte[] bytes) {
        synchronized (sendLock) {
            lastSend = System.currentTimeMillis();
            for (int from = 0; from < bytes.length; from += CHUNK) {
                byte[] chunk = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK));
                if (!open || !sol.writeBytes(chunk)) {
                    throw new BmcException(endpoint.node() + ": console", "BMC " + endpoint.address() + " did not take the input",
                            Reason.FAILED, null);
                }
            }
        }
    }

    @Override
    public void sendBreak() {
        synchronized (sendLock) {
            lastSend = System.currentTimeMillis();
            sol.invokeOperations(SolOperation.Break);
        }
    }

    @Override
    public boolean open() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        if (reader != null) {
            reader.interrupt();
        }
        synchronized (sendLock) {
            deactivate(connector, login);
            closeQuietly(connector, login);
        }
        backend.forget(this);
    }

    private static void deactivate(IpmiConnector connector, IpmiBackend.Login login) {
        connector.setTimeout(login.handle(), 1000);
        try {
            connector.sendMessage(login.handle(), new RawCommand(login.suite(), NetworkFunction.ApplicationRequest,
                    DEACTIVATE_PAYLOAD, SOL_PAYLOAD, 1, 0, 0, 0, 0));
        } catch (Exception e) {
            // No answer or 0x80: the payload is already inactive, which is what was asked.
        }
    }

    private static void closeQuietly(IpmiConnector connector, IpmiBackend.Login login) {
        try {
            connector.closeSession(login.handle());
        } catch (Exception e) {
            // The BMC may be gone: the socket and the library's threads are released below anyway.
        } finally {
            connector.closeConnection(login.handle());
            connector.tearDown();
        }
    }
}
