package herd.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host CA made and used through ssh-keygen; ssh-keygen -L reads what it signed. */
class HostCertifierTest {

    @TempDir
    Path tmp;

    @Test
    void initMakesAPrivateEd25519CaOnceAndCertifySignsForTheNodesNamesAndAddresses() throws Exception {
        Path ca = tmp.resolve("etc/host_ca");
        HostKey caKey = HostCertifier.init(ca, "herd host CA (test)");
        assertThat(caKey.type()).isEqualTo("ssh-ed25519");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca))).isEqualTo("rw-------");
        assertThat(run("ssh-keygen", "-l", "-f", ca + ".pub")).contains(caKey.fingerprint() + " herd host CA (test) (ED25519)");
        assertThatThrownBy(() -> HostCertifier.init(ca, "again")).isInstanceOf(HostkeysException.class)
                .hasMessage(ca + ": exists; a CA is never replaced (every certificate it signed would stop verifying):"
                        + " remove it first if that is what you want");

        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("host").toString());
        HostKey host = HostKey.parse(Files.readString(tmp.resolve("host.pub")));
        NodeNames names = new NodeNames("valkyrie01", List.of("valkyrie01", "[valkyrie01]:2222", "10.10.3.1",
                "127.77.0.1", "[127.77.0.1]:2222"), "[valkyrie01]:2222", "[127.77.0.1]:2222");
        Path known = Files.writeString(tmp.resolve("known_hosts"), "# kept\n");
        HostKeyPlace place = new HostKeyPlace(names, known, Optional.of(new HostKeyPlace.HostCa(ca, "-1m:+4w")));
        List<Path> certs = new HostkeysEngine().certify(place, List.of(host), tmp.resolve("http/herd/host-certs"));
        assertThat(certs).containsExactly(tmp.resolve("http/herd/host-certs/" + host.digestHex() + ".pub"));
        String printed = run("ssh-keygen", "-L", "-f", certs.get(0).toString());
        assertThat(printed).contains("Type: ssh-ed25519-cert-v01@openssh.com host certificate", "Key ID: \"valkyrie01\"",
                "Signing CA: ED25519 " + caKey.fingerprint());
        assertThat(printed.replaceAll("\\s+", " ")).contains("Principals: valkyrie01 10.10.3.1 127.77.0.1 Critical");
        // The node finds its certificate by the digest it computes with the shell's own tools.
        assertThat(run("sh", "-c", "cut -d ' ' -f 2 " + tmp.resolve("host.pub") + " | base64 -d | sha256sum | cut -d ' ' -f 1")
                .strip()).isEqualTo(host.digestHex());
        assertThat(Files.readString(known)).isEqualTo("# kept\n@cert-authority valkyrie01,[valkyrie01]:2222,10.10.3.1,"
                + "127.77.0.1,[127.77.0.1]:2222 " + caKey + "\n");
        assertThat(new HostkeysEngine().show(List.of(place))).singleElement().extracting(HostkeysResult.Shown::status)
                .isEqualTo("certified");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
