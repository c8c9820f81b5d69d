package herd.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Reason;
import herd.ssh.config.SshConfig;
import herd.ssh.config.SshConfigException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting, verifying and authenticating against the lab's real sshd nodes, and what fails how. */
// dhcp: the cluster network, on which a node reaches another (port 22 of its 10.10.x address).
@LabConfig(nodes = 3, dhcp = true)
class ConnectionPoolTest {

    static Lab lab;

    @TempDir
    Path tmp;

    private static final Duration T = Duration.ofSeconds(5);

    private static String run(ConnectionPool pool, SshTarget t, String command) throws IOException {
        try (RemoteCommand c = pool.exec(t, command, T)) {
            String out = new String(c.stdout().readAllBytes()).strip();
            c.waitFor(T);
            return out;
        }
    }

    private static Reason failure(ConnectionPool pool, SshTarget t, List<String> detail) {
        try {
            run(pool, t, "true");
            return Reason.OK;
        } catch (SshException e) {
            detail.add(e.detail());
            return e.reason();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stoppedNodeAndAbsentNodeAreUnreachable() throws Exception {
        int freePort = freePort();
        List<String> details = new ArrayList<>();
        try (ConnectionPool pool = LabSsh.pool(lab)) {
            lab.stopNode("valkyrie03");
            try {
                assertThat(failure(pool, LabSsh.target(lab, "valkyrie03"), details)).isEqualTo(Reason.UNREACHABLE);
            } finally {
                lab.startNode("valkyrie03");
            }
            assertThat(failure(pool, SshTarget.of("ghost", "127.0.0.1", freePort, "root"), details))
                    .isEqualTo(Reason.UNREACHABLE);
        }
        assertThat(details).containsExactly("unreachable: connection refused", "unreachable: connection refused");
    }

    @Test
    void authenticationThatNeverAnswersIsUnreachableNotRefused() throws Exception {
        // A real sshd whose authorized-keys lookup hangs: the key exchange completes, authentication never answers.
        Path hostKey = tmp.resolve("host_key");
        assertThat(new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true).start().waitFor()).isZero();
        Path keys = Files.copy(Path.of(lab.sshKey() + ".pub"), tmp.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        int port = freePort();
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null",
                "-o", "ListenAddress=127.0.0.1:" + port, "-o", "HostKey=" + hostKey, "-o", "PidFile=none",
                "-o", "AuthorizedKeysFile=" + keys, "-o", "AuthorizedKeysCommand=/usr/bin/sleep 30",
                "-o", "AuthorizedKeysCommandUser=root", "-o", "UsePAM=no")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("sshd.log").toFile()).start();
        List<String> details = new ArrayList<>();
        try {
            awaitListening(port);
            SshSettings settings = LabSsh.settings(lab).withKnownHosts(tmp.resolve("known_hosts"), true);
            try (ConnectionPool pool = new ConnectionPool(settings, p -> Optional.empty())) {
                assertThatThrownBy(() -> pool.exec(SshTarget.of("stuck", "127.0.0.1", port, "root"), "true",
                        Duration.ofSeconds(2)))
                        .isInstanceOfSatisfying(SshException.class, e -> {
                            details.add(e.detail());
                            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                        });
            }
        } finally {
            sshd.destroy();
            sshd.waitFor();
        }
        assertThat(details).containsExactly("unreachable: no answer to authentication within 2 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("sshd did not listen on port " + port + " within " + T.toSeconds() + " s");
    }

    @Test
    void changedHostKeyIsRefusedAsMismatch() throws Exception {
        List<String> lines = Files.readAllLines(lab.knownHosts());
        String key01 = lines.get(0).substring(lines.get(0).indexOf(' '));
        List<String> forged = new ArrayList<>();
        for (String line : lines) {
            forged.add(line.startsWith("[valkyrie02]") ? line.substring(0, line.indexOf(' ')) + key01 : line);
        }
        Path file = Files.write(tmp.resolve("known_hosts"), forged);
        List<String> details = new ArrayList<>();
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withKnownHosts(file, true), p -> Optional.empty())) {
            assertThat(failure(pool, LabSsh.target(lab, "valkyrie02"), details)).isEqualTo(Reason.HOST_KEY_MISMATCH);
            assertThat(failure(pool, LabSsh.target(lab, "valkyrie01"), details)).isEqualTo(Reason.OK);
        }
        assertThat(details).singleElement().asString().isEqualTo("host key mismatch: not the key pinned in " + file
                + " (a herd deploy pins a reinstalled node's new key; this one was not learned so): check the node's key"
                + " on its console against 'hostkeys scan', then 'hostkeys forget' it");
        assertThat(Files.readAllLines(file)).isEqualTo(forged);
    }

    @Test
    void unknownHostKeyIsRefusedUnlessAcceptNew() throws Exception {
        Path file = tmp.resolve("known_hosts");
        SshTarget t = LabSsh.target(lab, "valkyrie01");
        List<String> details = new ArrayList<>();
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withKnownHosts(file, false), p -> Optional.empty())) {
            assertThat(failure(pool, t, details)).isEqualTo(Reason.UNREACHABLE);
        }
        assertThat(details.get(0)).startsWith("unreachable: host key unknown");
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withKnownHosts(file, true), p -> Optional.empty())) {
            assertThat(run(pool, t, "hostname")).isEqualTo("valkyrie01");
        }
        assertThat(Files.readString(file)).startsWith("[" + t.host() + "]:" + t.port() + " ssh-ed25519 ");
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withKnownHosts(file, false), p -> Optional.empty())) {
            assertThat(run(pool, t, "hostname")).isEqualTo("valkyrie01");
        }
    }

    @Test
    void keyTheNodesDoNotKnowIsRefused() throws Exception {
        Path key = newKey("stranger", "");
        List<String> details = new ArrayList<>();
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withIdentities(List.of(key)), p -> Optional.empty())) {
            SshTarget t = LabSsh.target(lab, "valkyrie01").withIdentities(List.of());
            assertThat(failure(pool, t, details)).isEqualTo(Reason.AUTH_REFUSED);
        }
        assertThat(details).containsExactly("auth refused: publickey for root");
    }

    @Test
    void passphraseIsAskedOnceForAllNodes() throws Exception {
        Path key = newKey("locked", "s3cret");
        for (herd.lab.LabNode n : lab.nodes()) {
            // Each node has its own root's home.
            Files.writeString(lab.nodeRoot(n.name()).resolve("root/.ssh/authorized_keys"),
                    Files.readString(Path.of(key + ".pub")), StandardOpenOption.APPEND);
        }
        AtomicInteger asked = new AtomicInteger();
        Prompter prompter = prompt -> {
            asked.incrementAndGet();
            return Optional.of("s3cret".toCharArray());
        };
        try (ConnectionPool pool = new ConnectionPool(LabSsh.settings(lab).withIdentities(List.of(key)), prompter)) {
            for (SshTarget t : LabSsh.targets(lab)) {
                assertThat(run(pool, t.withIdentities(List.of()), "hostname")).isEqualTo(t.node());
            }
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void keysOfSshAgentAreOfferedAndSignInTheAgent() throws Exception {
        Path socket = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", lab.sshKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            assertThat(add.start().waitFor()).isZero();
            SshSettings viaAgent = LabSsh.settings(lab).withIdentities(List.of()).withAgent(Optional.of(socket));
            try (ConnectionPool pool = new ConnectionPool(viaAgent, p -> Optional.empty())) {
                SshTarget t = LabSsh.target(lab, "valkyrie03").withIdentities(List.of());
                assertThat(run(pool, t, "hostname")).isEqualTo("valkyrie03");
            }
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }

    @Test
    void proxyJumpReachesANodeThroughAnother() throws Exception {
        SshTarget direct1 = LabSsh.target(lab, "valkyrie01");
        // From the jump node, valkyrie02 is port 22 of its cluster address.
        SshConfig config = SshConfig.parse("test", List.of(
                "Host valkyrie02", "  HostName " + lab.node("valkyrie02").ip(), "  Port 22", "  ProxyJump jump",
                "Host jump", "  HostName " + direct1.host(), "  Port " + direct1.port(),
                "Host *", "  User root"), tmp);
        SshTarget viaJump = SshTarget.of(config.resolve("valkyrie02", "nobody", 22));
        assertThat(viaJump.jumps()).extracting(SshTarget::address).containsExactly(direct1.address());
        try (ConnectionPool pool = LabSsh.pool(lab)) {
            assertThat(run(pool, viaJump, "hostname")).isEqualTo("valkyrie02");
            assertThat(pool.connections()).extracting(ConnectionInfo::node).containsExactly("jump", "valkyrie02");
        }
    }

    @Test
    void aJumpHostsOwnProxyJumpIsFollowed() throws Exception {
        SshTarget direct1 = LabSsh.target(lab, "valkyrie01");
        // Past the first jump, each hop is node to node: port 22 of the next node's cluster address.
        SshConfig config = SshConfig.parse("test", List.of(
                "Host valkyrie03", "  HostName " + lab.node("valkyrie03").ip(), "  Port 22", "  ProxyJump second",
                "Host second", "  HostName " + lab.node("valkyrie02").ip(), "  Port 22", "  ProxyJump first",
                "Host first", "  HostName " + direct1.host(), "  Port " + direct1.port(),
                "Host *", "  User root"), tmp);
        try (ConnectionPool pool = LabSsh.pool(lab)) {
            assertThat(run(pool, SshTarget.of(config.resolve("valkyrie03", "nobody", 22)), "hostname")).isEqualTo("valkyrie03");
            assertThat(pool.connections()).extracting(ConnectionInfo::node).containsExactly("first", "second", "valkyrie03");
        }
    }

    @Test
    void idleConnectionsAreClosedAndBrokenOnesReopened() throws Exception {
        SshSettings quick = LabSsh.settings(lab).withTimes(T, Duration.ofMillis(300), Duration.ofSeconds(1));
        SshTarget t = LabSsh.target(lab, "valkyrie02");
        try (ConnectionPool pool = new ConnectionPool(quick, p -> Optional.empty())) {
            assertThat(run(pool, t, "hostname")).isEqualTo("valkyrie02");
            assertThat(pool.connections()).hasSize(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (!pool.connections().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(pool.connections()).isEmpty();
            assertThat(run(pool, t, "hostname")).isEqualTo("valkyrie02");
            assertThat(pool.close(List.of("valkyrie02", "valkyrie01"))).isEqualTo(1);
        }
    }

    @Test
    void badSshConfigNamesFileAndLine() {
        assertThatThrownBy(() -> SshConfig.parse("cfg", List.of("Host a", "  Port 99999"), tmp))
                .isInstanceOf(SshConfigException.class).hasMessage("cfg:2: bad port \"99999\"");
        assertThatThrownBy(() -> SshConfig.parse("cfg", List.of("Host a", "  HostName"), tmp))
                .hasMessage("cfg:2: HostName needs a value");
    }

    private Path newKey(String name, String passphrase) throws Exception {
        Path key = tmp.resolve(name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        return key;
    }
}
