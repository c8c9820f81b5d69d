package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** completions/herd.bash, run by a real bash as the completion system would. */
class CompletionScriptTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            herd --k          | --keep-going
            herd nodes        | nodeset
            herd nodeset --fo | --fold
            herd lab d        | down
            herd lab f        | fault
            herd lab fault valkyrie01 bmc-s | bmc-silent
            herd lab fault cl | clear
            herd se           | session
            herd session st   | start status stop
            herd session start --i | --idle --inventory
            herd -V -         | -c --command -f --file -i --inventory -k --keep-going -n --check -q --quiet --no-wait -h --help -V --version
            """)
    void bashCompletesTheCommandLine(String line, String expected) throws Exception {
        String script = "source '" + HerdProcess.ROOT.resolve("completions/herd.bash") + "'; COMP_WORDS=(" + line
                + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _herd; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.replaceAll("\\s+", " ")).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void bashAndZshOfferEveryLabFaultKind() throws Exception {
        for (String file : java.util.List.of("completions/herd.bash", "completions/_herd")) {
            String text = java.nio.file.Files.readString(HerdProcess.ROOT.resolve(file));
            for (herd.lab.FaultKind k : herd.lab.FaultKind.values()) {
                assertThat(text).as(file).containsPattern("[ (]" + java.util.regex.Pattern.quote(k.word()) + "[ )\\n]");
            }
        }
    }
}
