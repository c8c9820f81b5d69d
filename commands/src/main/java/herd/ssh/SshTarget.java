package herd.ssh;

import herd.ssh.config.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and as whom herd reaches one node over SSH.
 *
 * <pre>{@code
 * SshTarget t = SshTarget.of("valkyrie01", "127.77.0.1", 2222, "root");
 * SshTarget viaJump = t.withJumps(List.of(SshTarget.of("odin", "odin", 22, "root")));
 * }</pre>
 *
 * @param node       the node name (what outcomes and output are keyed by)
 * @param host       the address or name to connect to (ssh_config HostName)
 * @param port       the TCP port
 * @param user       the login name
 * @param identities private key files to offer, in order; empty means the settings' defaults
 * @param jumps      ProxyJump hops, first hop first; empty for a direct connection
 */
public record SshTarget(String node, String host, int port, String user, List<Path> identities,
                        List<SshTarget> jumps) {

    public SshTarget {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(node + ": port " + port + " out of range 1-65535");
        }
        identities = List.copyOf(identities);
        jumps = List.copyOf(jumps);
    }

    /** A direct target with the default identities. */
    public static SshTarget of(String node, String host, int port, String user) {
        return new SshTarget(node, host, port, user, List.of(), List.of());
    }

    /** The target ssh_config describes, hops included. */
    public static SshTarget of(HostConfig c) {
        return new SshTarget(c.node(), c.host(), c.port(), c.user(), c.identities(),
                c.jumps().stream().map(SshTarget::of).toList());
    }

    public SshTarget withJumps(List<SshTarget> hops) {
        return new SshTarget(node, host, port, user, identities, hops);
    }

    public SshTarget withIdentities(List<Path> keys) {
        return new SshTarget(node, host, port, user, keys, jumps);
    }

    /** {@code user@host:port}, as shown by {@code connections}. */
    public String address() {
        return user + "@" + host + ":" + port;
    }
}
