package herd.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.Resources;
import herd.files.Text;
import herd.files.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsEngineTest {
    @TempDir
    Path dir;
    Path file;
    String original;
    HostsEngine hosts;

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("hosts");
        original = Resources.text("tutorial/hosts");
        Files.write(file, Text.encode(original));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        hosts = new HostsEngine(new FileEditor(new LocalFileAccess()), file.toString());
    }

    @Test
    void listsAddsInTheSameColumnsAndRemovesBackToTheBytes() throws IOException {
        assertThat(hosts.list()).extracting(HostsFile.Entry::ip).containsExactly("127.0.0.1", "::1", "10.10.0.1",
                "10.10.1.1", "10.10.2.1", "10.10.3.1", "10.10.3.2");
        HostsResult dry = hosts.add(new HostsRequest("valkyrie03", "10.10.3.3", List.of(), WriteMode.DRY_RUN));
        assertThat(dry.diff()).endsWith(" 10.10.3.2   valkyrie02\n+10.10.3.3   valkyrie03\n");
        assertThat(Files.readString(file)).isEqualTo(original);
        hosts.add(new HostsRequest("valkyrie03", "10.10.3.3", List.of("v3"), WriteMode.WRITE));
        assertThat(Files.readString(file)).isEqualTo(original + "10.10.3.3   valkyrie03 v3\n");
        hosts.remove(new HostsRequest("valkyrie03", null, null, WriteMode.WRITE));
        assertThat(Files.readString(file)).isEqualTo(original);
    }

    @Test
    void removingAnAliasKeepsTheRestOfItsLine() {
        HostsFile h = HostsFile.parse("h", "10.0.0.1\tsrv\tmail www # main\n10.0.0.2\tother\n");
        assertThat(h.remove("mail")).isEqualTo("10.0.0.1\tsrv www # main\n10.0.0.2\tother\n");
        assertThat(h.add("new", "10.0.0.3", List.of())).endsWith("10.0.0.2\tother\n10.0.0.3\tnew\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "valkyrie01|10.10.3.9|valkyrie01 already in FILE:7 (10.10.3.1)",
        "valkyrie03|10.10.3.300|valkyrie03: bad IP address '10.10.3.300'",
    })
    void badInputLeavesTheFile(String name, String ip, String message) throws IOException {
        assertThatThrownBy(() -> hosts.add(new HostsRequest(name, ip, List.of(), WriteMode.WRITE)))
                .isInstanceOf(HostsException.class).hasMessage(message.replace("FILE", file.toString()));
        assertThatThrownBy(() -> hosts.remove(new HostsRequest("nosuch", null, null, WriteMode.WRITE)))
                .hasMessage("nosuch: no entry in " + file);
        assertThat(Files.readString(file)).isEqualTo(original);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void randomHostsFilesRoundTrip() {
        Random r = new Random(7);
        String[] sep = {" ", "\t", "   ", " \t"};
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                if (r.nextInt(4) == 0) {
                    b.append(r.nextBoolean() ? "# comment " + k + "\n" : "\n");
                }
                b.append("10.1.").append(k).append(".1").append(sep[r.nextInt(4)]).append("h").append(k)
                        .append(r.nextBoolean() ? sep[r.nextInt(4)] + "a" + k : "")
                        .append(r.nextBoolean() ? "  # c" : "").append(r.nextBoolean() ? "\r\n" : "\n");
            }
            String text = r.nextInt(5) == 0 ? b.toString().stripTrailing() : b.toString();
            HostsFile h = HostsFile.parse("h", text);
            assertThat(h.text()).isEqualTo(text);
            assertThat(h.entries()).hasSize(n);
            String added = h.add("fresh", "10.9.9.9", List.of());
            assertThat(HostsFile.parse("h", added).remove("fresh")).as("case %d", i).isEqualTo(text);
        }
    }
}
