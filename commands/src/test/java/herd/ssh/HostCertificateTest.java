package herd.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.session.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host certificates, verified strictly: a real sshd on loopback presents a host certificate that
 * OpenSSH's ssh-keygen signed; known_hosts holds only the {@code @cert-authority} line. OpenSSH's
 * ssh judges the same file.
 */
class HostCertificateTest {

    @TempDir
    Path tmp;
    final List<Process> sshds = new ArrayList<>();
    Path ca;
    Path client;

    @BeforeEach
    void keys() throws Exception {
        ca = tmp.resolve("host_ca");
        client = tmp.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "herd host CA", "-f", ca.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", client.toString());
        Files.createDirectories(Path.of("/run/sshd"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : sshds) {
            p.destroy();
            p.waitFor();
        }
    }

    /** An sshd presenting a certificate signed for {@code principals}, valid {@code validity}; its port. */
    private int sshd(String name, String principals, String validity) throws Exception {
        Path key = tmp.resolve(name + "_host_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        run("ssh-keygen", "-q", "-s", ca.toString(), "-h", "-I", name, "-n", principals, "-V", validity, key + ".pub");
        int port = freePort();
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null",
                "-o", "ListenAddress=127.0.0.1:" + port, "-o", "HostKey=" + key, "-o", "HostCertificate=" + key + "-cert.pub",
                "-o", "PidFile=none", "-o", "AuthorizedKeysFile=" + client + ".pub", "-o", "UsePAM=no",
                "-o", "StrictModes=no").redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
        sshds.add(p);
        awaitListening(port);
        return port;
    }

    private Path knownHosts(String... extra) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("@cert-authority 127.0.0.1,[127.0.0.1]:* " + Files.readString(Path.of(ca + ".pub")).strip());
        lines.addAll(List.of(extra));
        return Files.write(tmp.resolve("known_hosts"), lines);
    }

    private String exec(Path known, int port) throws Exception {
        SshSettings settings = SshSettings.defaults(tmp).withKnownHosts(known, false).withIdentities(List.of(client))
                .withAgent(Optional.empty());
        try (ConnectionPool pool = new ConnectionPool(settings, p -> Optional.empty());
             RemoteCommand c = pool.exec(SshTarget.of("n1", "127.0.0.1", port, "root"), "echo ok", Duration.ofSeconds(10))) {
            String out = new String(c.stdout().readAllBytes()).strip();
            c.waitFor(Duration.ofSeconds(10));
            return out;
        }
    }

    private int openSsh(Path known, int port) throws Exception {
        Process p = new ProcessBuilder("ssh", "-F", "/dev/null", "-i", client.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + known, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-p", String.valueOf(port), "root@127.0.0.1", "true").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void aCertificateOfTheClustersCaIsTrustedWithoutAPinnedKey() throws Exception {
        int port = sshd("good", "n1,127.0.0.1", "-5m:+1h");
        Path known = knownHosts();
        assertThat(exec(known, port)).isEqualTo("ok");
        assertThat(openSsh(known, port)).isZero();
    }

    @Test
    void expiredWrongPrincipalAndRevokedAreRefused() throws Exception {
        int expired = sshd("expired", "n1,127.0.0.1", "20200101:20200102");
        int wrong = sshd("wrong", "n9.elsewhere", "-5m:+1h");
        int revoked = sshd("revoked", "n1,127.0.0.1", "-5m:+1h");
        Path known = knownHosts();
        assertThat(openSsh(known, expired)).isNotZero();
        assertThat(refusal(known, expired)).startsWith("host certificate expired (Certificate is valid before Thu Jan 02"
                + " 00:00:00 UTC 2020, today is ");
        assertThat(openSsh(known, wrong)).isNotZero();
        assertThat(refusal(known, wrong)).isEqualTo("host certificate not issued for this host name (Hostname"
                + " `127.0.0.1` doesn't match any of the principals: `n9.elsewhere`)");
        assertThat(exec(known, revoked)).as("the CA is not revoked yet").isEqualTo("ok");
        Path withRevoked = knownHosts("@revoked * " + Files.readString(Path.of(ca + ".pub")).strip());
        assertThat(openSsh(withRevoked, revoked)).isNotZero();
        assertThat(refusal(withRevoked, revoked)).isEqualTo("host key refused: its certificate's CA is @revoked in "
                + withRevoked);
    }

    /** herd's reason for refusing the host: always a host key refusal, never "unreachable". */
    private String refusal(Path known, int port) {
        List<String> details = new ArrayList<>();
        assertThatThrownBy(() -> exec(known, port)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_MISMATCH);
            details.add(e.detail());
        });
        return details.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("sshd did not listen on port " + port);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
