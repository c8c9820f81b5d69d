package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.session.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    private static final Map<String, String> VARS = Map.of("NODES", "valkyrie[01-02]", "X", "a b");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            exec -w $NODES ls -la          | exec/-w/valkyrie[01-02]/ls/-la
            echo 'single $NODES quoted'    | echo/single $NODES quoted
            echo "double $X"               | echo/double a b
            echo ${NODES}x                 | echo/valkyrie[01-02]x
            echo $X                        | echo/a b
            echo a\\ b                     | echo/a b
            nodes @compute  # comment      | nodes/@compute
            `  # only a comment`           | ``
            echo cost$                     | echo/cost$
            echo "q\\"uote"                | echo/q"uote
            echo a#b                       | echo/a#b
            echo ''                        | echo/
            `nodes n1\u00a0n2\u3000n3`        | nodes/n1/n2/n3
            `echo 'a\u00a0b'`                | echo/a\u00a0b
            """)
    void splitsAsShDoes(String line, String words) {
        List<String> expected = words == null || words.isEmpty() ? List.of() : List.of(words.split("/", -1));
        assertThat(Words.split(line, VARS::get)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            echo $NOPE       | unknown variable $NOPE (set it with: set NOPE VALUE)
            echo 'open       | unclosed ' quote: 'open
            echo "open       | unclosed \" quote: echo \"open
            """)
    void refusesWhatItCannotSplit(String line, String message) {
        assertThatThrownBy(() -> Words.split(line, VARS::get)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
