package herd.nodeset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpcallGroupSourceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            echo $GROUP            | echo rack1
            echo ${GROUP}x         | echo rack1x
            echo $$GROUP           | echo $GROUP
            echo $OTHER $GROUP     | echo $OTHER rack1
            echo ${GROUP           | echo ${GROUP
            echo $SOURCE:$GROUP    | echo src:rack1
            """)
    void substitutesLikePythonSafeSubstitute(String template, String expected) {
        assertThat(UpcallGroupSource.substitute(template, Map.of("GROUP", "rack1", "SOURCE", "src"))).isEqualTo(expected);
    }

    @Test
    void runsInTheConfigurationDirectoryAndCachesAnswers() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("count"), "");
        UpcallGroupSource s = new UpcallGroupSource("src", Map.of(
                "map", "echo x >> count; echo \"n[1-2] $SOURCE$GROUP\"",
                "list", "printf 'a b\\nc\\n'"), dir);
        assertThat(s.membersText("g")).contains("n[1-2] srcg");
        assertThat(s.membersText("g")).contains("n[1-2] srcg");
        assertThat(java.nio.file.Files.readString(dir.resolve("count"))).isEqualTo("x\n");
        assertThat(s.groups()).containsExactly("a", "b", "c");
        assertThat(s.allText()).isEmpty();
        assertThat(new GroupResolver(java.util.List.of(s), "src").resolve(null, "g").toString())
                .isEqualTo("n[1-2],srcg");
    }
}
