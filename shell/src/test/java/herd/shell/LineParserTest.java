package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.session.UsageException;
import herd.shell.LineParser.Invocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.shell.core.command.CommandArgument;

class LineParserTest {

    private final Fixture fixture = new Fixture();
    private final LineParser parser = new LineParser(fixture.commands);

    private Invocation parse(String line) {
        return parser.parse(line, Map.of("N", "@compute")::get);
    }

    private static List<String> args(Invocation inv) {
        return inv.input().arguments().stream().map(CommandArgument::value).toList();
    }

    @Test
    void passThroughKeepsDashWordsAfterTheFirstArgument() {
        Invocation inv = parse("run -w $N -b ls -la --color 'a b'");
        assertThat(inv.command().getName()).isEqualTo("run");
        assertThat(inv.input().options()).extracting(o -> o.longName() + "=" + o.value())
                .containsExactly("nodes=@compute", "gather=true");
        assertThat(args(inv)).containsExactly("ls", "-la", "--color", "a b");
    }

    @Test
    void doubleDashEndsOptionsForAnyCommand() {
        assertThat(args(parse("echo -- -n --json"))).containsExactly("-n", "--json");
    }

    @Test
    void aQuotedWordIsNeverAnOption() {
        assertThat(args(parse("echo \"--- step 1 ---\" '-n' \\-x"))).containsExactly("--- step 1 ---", "-n", "-x");
        assertThat(args(parser.parse("echo \"$V\"", Map.of("V", "--json")::get))).containsExactly("--json");
        assertThat(parse("echo \"--json\"").json()).isFalse();
    }

    @Test
    void jsonAndHelpAreGlobal() {
        Invocation inv = parse("nodes --json @compute");
        assertThat(inv.json()).isTrue();
        assertThat(args(inv)).containsExactly("@compute");
        assertThat(parse("nodes --help").help()).isTrue();
    }

    @Test
    void optionsTakeValuesInEveryUsualSpelling() {
        for (String line : List.of("run -t 5 x", "run --timeout=5 x", "run -t5 x", "run --timeout 5 x")) {
            assertThat(parse(line).input().options()).as(line)
                    .anySatisfy(o -> assertThat(o.longName() + "=" + o.value()).isEqualTo("timeout=5"));
        }
        assertThat(parse("nodes -ec").input().options()).extracting(o -> o.longName()).containsExactly("expand", "count");
    }

    @Test
    void multiWordCommandsAndAliases() {
        assertThat(parse("boot set @compute -d pxe").command().getName()).isEqualTo("boot set");
        assertThat(parse("quit").command().getName()).isEqualTo("exit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            frobnicate                | unknown command 'frobnicate' (try 'help')
            boot                      | boot: unknown or missing subcommand (one of: set)
            boot sit                  | boot: unknown or missing subcommand 'sit' (one of: set)
            nodes --bogus             | nodes: unknown option --bogus (try 'help nodes')
            nodes -z                  | nodes: unknown option -z (try 'help nodes')
            run -t                    | run: option -t needs a value
            show odin thor            | show: unexpected argument 'thor' (try 'help show')
            """)
    void usageErrorsNameTheCommandAndTheWord(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void blankAndCommentLinesHoldNoCommand() {
        assertThat(parse("   ")).isNull();
        assertThat(parse("# nodes")).isNull();
    }
}
