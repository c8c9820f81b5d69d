package herd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's own decisions, before any session is reached: socket directory, frames, calls, bad verbs. */
class ClientMainTest {
    @TempDir
    Path dir;

    @Test
    void theSocketDirectoryIsMadePrivateAndAnOpenOneIsRefused() throws Exception {
        Path made = SessionDir.of(Map.of("XDG_RUNTIME_DIR", dir.toString()));
        assertThat(made).isEqualTo(dir.resolve("herd"));
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> SessionDir.of(Map.of("XDG_RUNTIME_DIR", dir.toString())))
                .hasMessage(made + " belongs to uid " + SessionDir.uid() + " with mode rwxr-xr-x (want uid "
                        + SessionDir.uid() + ", rwx------): refusing to put a session socket there");
    }

    @Test
    void aCallAndItsFramesRoundTrip() throws Exception {
        Call call = new Call(List.of("-c", "nodes @compute"), "/tmp", 42, true, false, Map.of("SUDO_USER", "alice"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), Wire.CALL, call.encode());
        Wire.write(new DataOutputStream(bytes), Wire.EXIT, Wire.status(130));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Wire.Frame first = Wire.read(in);
        assertThat(first.type()).isEqualTo(Wire.CALL);
        assertThat(Call.decode(first.payload())).isEqualTo(call);
        assertThat(Wire.status(Wire.read(in).payload())).isEqualTo(130);
        assertThat(Wire.read(in)).isNull();
    }

    @Test
    void withoutASessionOrWithABadVerbTheClientSaysSoInOneLine() throws Exception {
        assertThat(run(List.of("-c", "nodes"), Map.of())).isEqualTo(
                "1 herd: no session: HERD_SESSION is not set (start one: eval \"$(herd session start)\")\n");
        assertThat(run(List.of("session", "restart"), Map.of())).isEqualTo(
                "2 herd: session: unknown verb 'restart': start, status or stop (try 'herd session --help')\n");
        assertThat(run(List.of("session", "start", "--colour"), Map.of())).isEqualTo(
                "2 herd: session start: unknown argument '--colour' (try 'herd session --help')\n");
        Path gone = dir.resolve("session.1");
        assertThat(run(List.of("-c", "nodes"), Map.of("HERD_SESSION", gone.toString()))).startsWith(
                "1 herd: no session at " + gone + " (HERD_SESSION): it has ended");
    }

    private static String run(List<String> args, Map<String, String> env) {
        java.io.PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int status = ClientMain.run(args, env);
            return status + " " + err.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            System.setErr(saved);
        }
    }
}
