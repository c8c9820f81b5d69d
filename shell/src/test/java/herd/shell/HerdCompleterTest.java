package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HerdCompleterTest {

    private final Fixture fixture = new Fixture();
    private final HerdCompleter completer = new HerdCompleter(fixture.commands, fixture.session, name -> null);

    private List<String> values(String line) {
        List<String> words = List.of(line.split(" ", -1));
        return completer.complete(words.subList(0, words.size() - 1), words.get(words.size() - 1)).stream()
                .map(Candidate::value).toList();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            no                        | nodes
            boot                      | boot
            boot s                    | set
            nodes val                 | valkyrie01 valkyrie02 valkyrie[01-02]
            nodes valkyrie[0          | valkyrie[01] valkyrie[02] valkyrie[01-02]
            nodes valkyrie[01,0       | valkyrie[01,01] valkyrie[01,02] valkyrie[01,01-02]
            nodes valkyrie[01-0       | valkyrie[01-01] valkyrie[01-02]
            nodes @co                 | @compute
            nodes @compute!val        | @compute!valkyrie01 @compute!valkyrie02 @compute!valkyrie[01-02]
            nodes odin,@st            | odin,@storage
            nodes @inventory:l        | @inventory:login
            nodes --e                 | --expand
            nodes --j                 | --json
            show th                   | thor
            boot set @mgmt -d p       | pxe
            boot set @mgmt --device b | bios
            run -w @mgmt ls -         | ''
            help no                   | nodes
            """)
    void proposesWhatFitsThePosition(String line, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertThat(values(line)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void outcomeSetsCompleteAfterAFanOut() {
        fixture.session.publish("last", Map.of("failed", List.of("thor"), "ok", List.of("odin")));
        assertThat(values("nodes @la")).contains("@last:");
        assertThat(values("nodes @last:f")).containsExactly("@last:failed");
    }

    @Test
    void pathsCompleteWhereAFileIsExpected(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/bringup.csh"), "nodes\n");
        assertThat(values("boot set @mgmt --file " + dir + "/scr")).containsExactly(dir + "/scripts/");
        assertThat(values("boot set @mgmt --file " + dir + "/scripts/b")).containsExactly(dir + "/scripts/bringup.csh");
    }
}
