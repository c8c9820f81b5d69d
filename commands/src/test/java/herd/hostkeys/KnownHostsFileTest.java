package herd.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** known_hosts read and edited as OpenSSH reads it; ssh-keygen judges the hashed names and the fingerprints. */
class KnownHostsFileTest {

    static final String K1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ/ao8fBLNo7qwPJcYjQdIl";
    static final NodeNames V1 = new NodeNames("valkyrie01", List.of("valkyrie01", "[valkyrie01]:2222", "10.10.3.1",
            "[10.10.3.1]:2222", "127.77.0.1", "[127.77.0.1]:2222"), "[valkyrie01]:2222", "[127.77.0.1]:2222");
    @TempDir
    Path tmp;

    private String key(String name) throws Exception {
        Path f = tmp.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", f.toString());
        return Files.readString(tmp.resolve(name + ".pub")).strip().replaceFirst(" [^ ]+$", "");
    }

    @Test
    void replaceKeepsOtherLinesByteForByteAndTheNodesOwnNames() throws Exception {
        String k2 = key("k2");
        String text = "# cluster keys\n[valkyrie01]:2222,[127.77.0.1]:2222,10.10.3.1 " + K1 + "\n"
                + "odin,valkyrie01  " + K1 + " both\n@cert-authority *.cluster " + K1 + "\n\n";
        String after = KnownHostsFile.parse(text).replace(V1, List.of(HostKey.parse(k2)));
        assertThat(after).isEqualTo("# cluster keys\nodin " + K1 + "\n@cert-authority *.cluster " + K1 + "\n\n"
                + "[valkyrie01]:2222,[127.77.0.1]:2222,10.10.3.1,valkyrie01 " + k2 + "\n");
        assertThat(KnownHostsFile.parse(after).pinned(V1)).containsExactly(HostKey.parse(k2));
    }

    @Test
    void hashedNamesAsSshKeygenWritesThemAreFoundAndForgotten() throws Exception {
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, "[127.77.0.1]:2222 " + K1 + "\nodin " + K1 + "\n");
        run("ssh-keygen", "-H", "-f", file.toString());
        String hashed = Files.readString(file);
        assertThat(hashed).doesNotContain("127.77.0.1").contains("|1|");
        KnownHostsFile f = KnownHostsFile.parse(hashed);
        assertThat(f.pinned(V1)).containsExactly(HostKey.parse(K1));
        String forgotten = f.forget(V1);
        assertThat(forgotten.lines()).hasSize(1);
        Files.writeString(file, forgotten);
        assertThat(run("ssh-keygen", "-F", "odin", "-f", file.toString())).contains("Host odin found");
    }

    @Test
    void fingerprintsAreSshKeygens() throws Exception {
        String k = key("fp");
        String printed = run("ssh-keygen", "-l", "-f", tmp.resolve("fp.pub").toString());
        assertThat(printed).contains(HostKey.parse(k).fingerprint() + " fp (ED25519)");
        assertThat(HostKey.parse(k).describe()).startsWith("ED25519 SHA256:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssh-ed25519|not a public key (TYPE BASE64): 'ssh-ed25519'",
            "ssh-ed25519 %%%|not a public key: bad base64 in 'ssh-ed25519 %%%'",
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ/ao8fBLNo7qwPJcYjQdIl"
                    + "|not a public key: its blob is not a ssh-rsa key: 'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ/a...'"})
    void badKeysAreOneLine(String text, String message) {
        assertThatThrownBy(() -> HostKey.parse(text)).isInstanceOf(HostkeysException.class).hasMessage(message);
    }

    @Test
    void forgetWritesWithABackupAndADryRunWritesNothing() throws Exception {
        Path file = tmp.resolve("known_hosts");
        String before = "[valkyrie01]:2222,[127.77.0.1]:2222 " + K1 + "\nodin " + K1 + "\n";
        Files.writeString(file, before);
        HostKeyPlace place = new HostKeyPlace(V1, file);
        HostkeysEngine engine = new HostkeysEngine();
        var dry = engine.forget(List.of(place), WriteMode.DRY_RUN);
        assertThat(dry.diff()).contains("-[valkyrie01]:2222,[127.77.0.1]:2222 " + K1);
        assertThat(Files.readString(file)).isEqualTo(before);
        var done = engine.forget(List.of(place), WriteMode.WRITE);
        assertThat(done.lines()).containsExactly("forgot valkyrie01 in " + file, "written: " + file);
        assertThat(Files.readString(file)).isEqualTo("odin " + K1 + "\n");
        assertThat(Files.readString(Path.of(file + ".herd-bak"))).isEqualTo(before);
        assertThat(engine.show(List.of(place))).singleElement().extracting(HostkeysResult.Shown::status)
                .isEqualTo("unknown");
    }

    @Test
    void showFoldsNodesWithTheSameKeysAndSaysCertified() throws Exception {
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, "n1,n2 " + K1 + "\n@cert-authority n3 " + K1 + "\n");
        List<HostKeyPlace> places = List.of("n1", "n2", "n3", "n4").stream().map(n -> new HostKeyPlace(
                new NodeNames(n, List.of(n), n, n), file)).toList();
        assertThat(new HostkeysEngine().show(places)).extracting(HostkeysResult.Shown::nodes,
                HostkeysResult.Shown::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n[1-2]", "pinned"),
                org.assertj.core.groups.Tuple.tuple("n3", "certified"),
                org.assertj.core.groups.Tuple.tuple("n4", "unknown"));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
