package herd.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.error.HerdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretStoreTest {

    @TempDir
    Path dir;

    private final List<String> prompts = new ArrayList<>();
    private final SecretStore.Prompter prompter = p -> {
        prompts.add(p);
        return "typed-secret".toCharArray();
    };

    private Path secrets(String mode, String text) throws IOException {
        Path file = dir.resolve("secrets");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void environmentVariable() {
        SecretStore store = new SecretStore(Map.of("HERD_BMC_PASSWORD", "s3cret"));
        assertThat(store.resolve("env:HERD_BMC_PASSWORD", "BMC password of admin", prompter)).isEqualTo("s3cret");
        assertThatThrownBy(() -> store.resolve("env:NOPE", "BMC password of admin", prompter))
                .isInstanceOf(HerdException.class)
                .hasMessage("BMC password of admin: environment variable NOPE is not set");
    }

    @Test
    void ownerOnlyFileKeyValueLines() throws IOException {
        Path file = secrets("rw-------", "# herd secrets\nddns-key = abc==\nbmc=pa=ss word\n");
        SecretStore store = new SecretStore(Map.of());
        assertThat(store.resolve("file:" + file + "#bmc", "BMC password", prompter)).isEqualTo("pa=ss word");
        assertThat(store.resolve("file:" + file + "#ddns-key", "TSIG", prompter)).isEqualTo("abc==");
        assertThatThrownBy(() -> store.resolve("file:" + file + "#other", "BMC password", prompter))
                .hasMessage(file + ": no line other=... (BMC password)");
    }

    @ParameterizedTest
    @CsvSource({"rw-r-----, rw-r-----", "rw----r--, rw----r--", "rw-rw----, rw-rw----"})
    void groupOrWorldReadableFileIsRefused(String mode, String shown) throws IOException {
        Path file = secrets(mode, "bmc=secret\n");
        assertThatThrownBy(() -> new SecretStore(Map.of()).resolve("file:" + file + "#bmc", "BMC password", prompter))
                .isInstanceOf(HerdException.class)
                .hasMessage(file + ": readable by group or others (" + shown + "); herd refuses it: chmod 600 " + file)
                .hasMessageNotContaining("secret\n");
    }

    @Test
    void missingFileNamesThePath() {
        Path file = dir.resolve("absent");
        assertThatThrownBy(() -> new SecretStore(Map.of()).resolve("file:" + file + "#bmc", "BMC password", prompter))
                .hasMessage(file + ": no such file (BMC password)");
    }

    @Test
    void promptIsAskedOncePerPurposeAndSession() {
        SecretStore store = new SecretStore(Map.of());
        assertThat(store.resolve("prompt", "BMC password of admin", prompter)).isEqualTo("typed-secret");
        assertThat(store.resolve("prompt", "BMC password of admin", prompter)).isEqualTo("typed-secret");
        assertThat(store.resolve("prompt", "BMC password of root", prompter)).isEqualTo("typed-secret");
        assertThat(prompts).containsExactly("BMC password of admin", "BMC password of root");
        store.close();
        store.resolve("prompt", "BMC password of admin", prompter);
        assertThat(prompts).hasSize(3);
    }

    @Test
    void aLiteralPasswordIsRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> new SecretStore(Map.of()).resolve("hunter2", "BMC password of admin", prompter))
                .hasMessage("BMC password of admin: the inventory value is not a secret reference"
                        + " (env:NAME, file:PATH#KEY or prompt); literal secrets are refused")
                .hasMessageNotContaining("hunter2");
    }
}
