package herd.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * The host key a node's sshd presents, as ssh-keyscan gets it: key exchange only, no login, no
 * known_hosts read or written. {@code HostKeyScan.presented(target, Duration.ofSeconds(5))} is
 * {@code "ssh-ed25519 AAAA..."}.
 */
public final class HostKeyScan {

    private HostKeyScan() {
    }

    /** "TYPE BASE64" of the key the target's sshd presented; throws with the reason when none came. */
    public static String presented(SshTarget t, Duration timeout) throws SshException {
        if (!t.jumps().isEmpty()) {
            throw new SshException(t.node(), herd.session.Reason.UNREACHABLE, "reached through ProxyJump: not scanned");
        }
        AtomicReference<String> seen = new AtomicReference<>();
        SSHClient client = new SSHClient(new DefaultConfig());
        client.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String host, int port, PublicKey key) {
                byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
                seen.set(KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob));
                return false;   // nothing more to do with this server
            }

            @Override
            public List<String> findExistingAlgorithms(String host, int port) {
                return List.of();
            }
        });
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        client.setConnectTimeout(ms);
        client.getTransport().setTimeoutMs(ms);
        try {
            client.connect(t.host(), t.port());
        } catch (IOException e) {
            if (seen.get() == null) {
                throw new SshException(t.node(), herd.session.Reason.UNREACHABLE, "unreachable: " + e.getMessage());
            }
        } finally {
            try {
                client.disconnect();
            } catch (IOException e) {
                // the key is what was asked for; a failed goodbye changes nothing
            }
        }
        if (seen.get() == null) {
            throw new SshException(t.node(), herd.session.Reason.UNREACHABLE, "no host key presented");
        }
        return seen.get();
    }
}
