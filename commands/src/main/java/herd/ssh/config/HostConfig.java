package herd.ssh.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What the OpenSSH configuration says of one host, as {@code ssh -G} would print it.
 *
 * <pre>{@code
 * HostConfig c = SshConfig.parse(Path.of("ssh_config")).resolve("valkyrie01", "root", 22);
 * c.address();   // "root@127.77.0.1:2222"
 * }</pre>
 *
 * @param node       the host as named (what Host patterns matched)
 * @param host       HostName, or the node itself
 * @param port       Port, or the default given to resolve
 * @param user       User, or the default given to resolve
 * @param identities every applying IdentityFile, in order (empty: none configured)
 * @param jumps      ProxyJump hops, first hop first; empty for a direct connection
 */
public record HostConfig(String node, String host, int port, String user, List<Path> identities,
                         List<HostConfig> jumps) {

    public HostConfig {
        identities = List.copyOf(identities);
        jumps = List.copyOf(jumps);
    }

    HostConfig withJumps(List<HostConfig> hops) {
        return new HostConfig(node, host, port, user, identities, hops);
    }

    /** {@code user@host:port}. */
    public String address() {
        return user + "@" + host + ":" + port;
    }
}
