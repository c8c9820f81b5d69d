package herd.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {
    @TempDir
    Path dir;

    @Test
    void resolvesEnvFileAndPrompt() throws IOException {
        Path f = Files.writeString(dir.resolve("secrets"), "bmc=x\nddns-key = c2VjcmV0\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretRef.resolve("file:" + f + "#ddns-key", Map.of(), p -> null)).isEqualTo("c2VjcmV0");
        assertThat(SecretRef.resolve("env:KEY", Map.of("KEY", "v"), p -> null)).isEqualTo("v");
        assertThat(SecretRef.resolve("prompt", Map.of(), p -> "typed".toCharArray())).isEqualTo("typed");
        assertThatThrownBy(() -> SecretRef.resolve("file:" + f + "#nope", Map.of(), p -> null))
                .hasMessage("secret file " + f + " has no nope= line");
        assertThatThrownBy(() -> SecretRef.resolve("env:NOPE", Map.of(), p -> null))
                .hasMessage("secret env:NOPE: environment variable NOPE is not set");
    }

    @Test
    void aSharedSecretFileIsRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("secrets"), "ddns-key=x\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretRef.resolve("file:" + f + "#ddns-key", Map.of(), p -> null))
                .isInstanceOf(ServicesException.class).hasMessage("secret file " + f + " is readable by group or others; chmod 600 it");
    }

    @Test
    void filesOnAnotherNodeNeedTheSessionsConnections() {
        ServiceSettings s = new ServiceSettings("odin", null, null, "/etc/hosts", "", java.util.List.of());
        assertThatThrownBy(s::editor).hasMessage("services.host odin: remote files need the shell's SSH connections");
    }
}
