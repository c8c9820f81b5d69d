package herd.ssh;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * One open, authenticated connection to a node, kept in the {@link ConnectionPool}. Commands and
 * file transfers each get their own channel on it.
 */
public final class SshConnection {

    private final SshTarget target;
    private final SSHClient client;
    private final Instant opened = Instant.now();
    private final AtomicInteger channels = new AtomicInteger();
    private volatile long lastUsed = System.nanoTime();
    private volatile long lastKeepAlive = System.nanoTime();

    SshConnection(SshTarget target, SSHClient client) {
        this.target = target;
        this.client = client;
    }

    public SshTarget target() {
        return target;
    }

    /** Starts {@code command} on a new channel, announcing its process id first (see {@link PidLine}). */
    RemoteCommand exec(String command) throws IOException {
        channels.incrementAndGet();
        lastUsed = System.nanoTime();
        Session session = null;
        try {
            session = client.startSession();
            return new RemoteCommand(this, session, session.exec(PidLine.ANNOUNCE + command));
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            release();
            throw e;
        }
    }

    /** An SFTP client on a new channel; close it when done (the connection stays open). */
    SFTPClient sftp() throws IOException {
        lastUsed = System.nanoTime();
        return client.newSFTPClient();
    }

    void release() {
        channels.decrementAndGet();
        lastUsed = System.nanoTime();
    }

    boolean alive() {
        return client.isConnected() && client.isAuthenticated();
    }

    boolean busy() {
        return channels.get() > 0;
    }

    Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastUsed);
    }

    /** Sends an OpenSSH keep-alive when the last one is older than {@code every}. */
    void keepAlive(Duration every) {
        if (System.nanoTime() - lastKeepAlive < every.toNanos()) {
            return;
        }
        lastKeepAlive = System.nanoTime();
        try {
            client.getConnection().sendGlobalRequest("keepalive@openssh.com", true, new byte[0]);
        } catch (IOException e) {
            close();
        }
    }

    SSHClient client() {
        return client;
    }

    ConnectionInfo info() {
        return new ConnectionInfo(target.node(), target.address(), opened, idle(), Math.max(0, channels.get()));
    }

    /**
     * Drops a connection whose node stopped answering: the socket first, for a goodbye written to a
     * peer that reads nothing would block once the send buffer is full.
     */
    void abort() {
        try {
            java.net.Socket socket = client.getSocket();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closed all the same
        }
        close();
    }

    void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing a broken connection fails; it is closed all the same.
        }
    }
}
