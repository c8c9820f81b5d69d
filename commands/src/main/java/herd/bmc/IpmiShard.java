package herd.bmc;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.metricshub.ipmi.core.api.async.ConnectionHandle;
import org.metricshub.ipmi.core.api.async.IpmiAsyncConnector;
import org.metricshub.ipmi.core.api.async.IpmiResponseListener;
import org.metricshub.ipmi.core.api.async.messages.IpmiError;
import org.metricshub.ipmi.core.api.async.messages.IpmiResponse;
import org.metricshub.ipmi.core.api.async.messages.IpmiResponseData;
import org.metricshub.ipmi.core.coding.PayloadCoder;
import org.metricshub.ipmi.core.coding.commands.PrivilegeLevel;
import org.metricshub.ipmi.core.coding.commands.ResponseData;
import org.metricshub.ipmi.core.coding.security.CipherSuite;
import org.metricshub.ipmi.core.connection.ConnectionException;
import org.metricshub.ipmi.core.connection.Session;

/**
 * One UDP socket shared by many BMC sessions, driven through the library's asynchronous connector:
 * a request's answer is handed to the waiting thread through a queue, where the library's
 * synchronous API polls with 1 ms sleeps (64 waiting threads = 64,000 wake-ups a second).
 * Each connection has at most one request in flight (the pool locks per node).
 */
final class IpmiShard implements IpmiResponseListener, IpmiBackend.Link {

    private final IpmiAsyncConnector connector;
    private final Map<Integer, BlockingQueue<IpmiResponse>> answers = new ConcurrentHashMap<>();

    IpmiShard(IpmiAsyncConnector connector) {
        this.connector = connector;
        connector.registerListener(this);
    }

    @Override
    public void notify(IpmiResponse response) {
        BlockingQueue<IpmiResponse> queue = answers.get(response.getHandle().getHandle());
        if (queue != null) {
            queue.offer(response);
        }
    }

    @Override
    public ConnectionHandle connect(InetAddress address, int port, CipherSuite suite) throws IOException {
        ConnectionHandle handle = connector.createConnection(address, port, suite, PrivilegeLevel.Administrator);
        answers.put(handle.getHandle(), new LinkedBlockingQueue<>());
        return handle;
    }

    @Override
    public void setTimeout(ConnectionHandle handle, int millis) {
        connector.setTimeout(handle, millis);
    }

    @Override
    public Session openSession(ConnectionHandle handle, String user, String password) throws Exception {
        return connector.openSession(handle, user, password, null);
    }

    /**
     * Sends a request and waits for its answer, sending it again (same request sequence number, as
     * ipmitool and ipmipower do) each {@code timeout / 3} without one: a BMC starved of CPU or a
     * lost datagram then costs a retransmission, not the whole deadline. The library times the
     * request out after the connection's timeout.
     */
    @Override
    public ResponseData send(ConnectionHandle handle, PayloadCoder request, Duration timeout) throws Exception {
        BlockingQueue<IpmiResponse> queue = answers.get(handle.getHandle());
        queue.clear();
        int tag = connector.sendMessage(handle, request, false);
        long retransmit = Math.max(timeout.toNanos() / 3, TimeUnit.MILLISECONDS.toNanos(200));
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            IpmiResponse r = queue.poll(Math.min(retransmit, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                if (System.nanoTime() >= deadline) {
                    throw new ConnectionException("Message timed out");
                }
                connector.retry(handle, tag, request.getSupportedPayloadType());
                continue;
            }
            if (r.getTag() != tag) {
                continue;
            }
            if (r instanceof IpmiError error) {
                throw error.getException();
            }
            return ((IpmiResponseData) r).getResponseData();
        }
    }

    @Override
    public void closeSession(ConnectionHandle handle) throws Exception {
        connector.closeSession(handle);
    }

    @Override
    public void close(ConnectionHandle handle) {
        answers.remove(handle.getHandle());
        connector.closeConnection(handle);
    }

    void tearDown() {
        connector.tearDown();
    }
}
