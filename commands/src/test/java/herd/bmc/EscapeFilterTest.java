package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscapeFilterTest {

    /** Feeds {@code typed} one chunk at a time (chunks split on '|') and records what comes out. */
    private static String run(char escape, String typed) {
        EscapeFilter filter = new EscapeFilter(escape);
        List<String> seen = new ArrayList<>();
        for (String chunk : typed.split("\\|", -1)) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            filter.feed(bytes, bytes.length, new EscapeFilter.Handler() {
                @Override
                public void send(byte[] b) {
                    seen.add(new String(b, StandardCharsets.UTF_8).replace("\r", "\\r"));
                }

                @Override
                public void action(EscapeFilter.Action a) {
                    seen.add("<" + a + ">");
                }
            });
        }
        return String.join("", seen);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        "~; ~.;                  <EXIT>",
        "~; ls\\r~.;              ls\\r<EXIT>",
        "~; ls\\r~|.;             ls\\r<EXIT>",
        "~; a~.;                 a~.",
        "~; ~?x;                 <HELP>x",
        "~; ~Bx;                 <BREAK>x",
        "~; ~~.;                 ~.",
        "~; ~x;                  ~x",
        "~; \\r~.tail;            \\r<EXIT>",
        "&; ~.&.;                ~.&.",
        "&; x\\r&.;               x\\r<EXIT>",
    })
    void escapesOnlyAtLineStart(char escape, String typed, String expected) {
        assertThat(run(escape, typed.replace("\\r", "\r"))).isEqualTo(expected);
    }
}
