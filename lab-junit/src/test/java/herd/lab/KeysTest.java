package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {

    @Test
    void opensshReadsTheGeneratedKeyAndDerivesTheSamePublicKey(@TempDir Path tmp) throws Exception {
        for (int i = 0; i < 20; i++) {
            Keys.Pair pair = Keys.generate("root@test" + i);
            Path file = tmp.resolve("key" + i);
            pair.write(file);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(tmp.resolve("key" + i + ".pub"))).isEqualTo(pair.publicLine() + "\n");
            Tools.Out derived = Tools.run(10, "ssh-keygen", "-y", "-f", file.toString());
            assertThat(derived.rc()).as(derived.text()).isZero();
            assertThat(derived.text()).startsWith(pair.publicKey());
        }
    }
}
