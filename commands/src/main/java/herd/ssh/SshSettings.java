package herd.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Session-wide SSH settings; every default lives in {@link #defaults(Path)}.
 *
 * <pre>{@code
 * SshSettings s = SshSettings.defaults(Path.of(System.getProperty("user.home")))
 *         .withKnownHosts(Path.of("/tmp/lab/known_hosts"), false);
 * }</pre>
 *
 * @param knownHosts         the known_hosts file checked (and appended to with accept-new)
 * @param acceptNewHostKeys  record unknown host keys instead of refusing them (OpenSSH accept-new)
 * @param identities         key files offered when a target names none
 * @param connectTimeout     deadline for TCP connect + key exchange + authentication
 * @param keepAlive          interval between keep-alive requests on idle connections
 * @param idleClose          an unused connection is closed after this long
 * @param agent              the ssh-agent socket whose keys are offered first, if any
 */
public record SshSettings(Path knownHosts, boolean acceptNewHostKeys, List<Path> identities,
                          Duration connectTimeout, Duration keepAlive, Duration idleClose, Optional<Path> agent) {

    public SshSettings {
        identities = List.copyOf(identities);
    }

    /**
     * OpenSSH's defaults under {@code home}: ~/.ssh/known_hosts, id_ed25519, id_ecdsa, id_rsa, and
     * the agent of {@code $SSH_AUTH_SOCK} when set.
     */
    public static SshSettings defaults(Path home) {
        Path ssh = home.resolve(".ssh");
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshSettings(ssh.resolve("known_hosts"), false,
                List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa")),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(30),
                sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock)));
    }

    public SshSettings withKnownHosts(Path file, boolean acceptNew) {
        return new SshSettings(file, acceptNew, identities, connectTimeout, keepAlive, idleClose, agent);
    }

    public SshSettings withIdentities(List<Path> keys) {
        return new SshSettings(knownHosts, acceptNewHostKeys, keys, connectTimeout, keepAlive, idleClose, agent);
    }

    public SshSettings withAgent(Optional<Path> socket) {
        return new SshSettings(knownHosts, acceptNewHostKeys, identities, connectTimeout, keepAlive, idleClose, socket);
    }

    public SshSettings withTimes(Duration connect, Duration keepAliveEvery, Duration idle) {
        return new SshSettings(knownHosts, acceptNewHostKeys, identities, connect, keepAliveEvery, idle, agent);
    }
}
