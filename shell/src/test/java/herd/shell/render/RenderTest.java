package herd.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.nodeset.NodeSet;
import herd.session.Json;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import herd.session.Table;
import herd.session.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderTest {

    private final OutcomeSet outcomes = OutcomeSet.of(List.of(NodeOutcome.exited("valkyrie01", 0),
            NodeOutcome.exited("valkyrie03", 0), NodeOutcome.exited("valkyrie02", 1),
            NodeOutcome.without("valkyrie04", Reason.UNREACHABLE, "connection refused")));

    record Power(String node, boolean on, Integer watts) {
    }

    @Test
    void peopleGetFoldedOutcomesAlignedTablesAndKeyValues() {
        TextRenderer text = new TextRenderer(false);
        assertThat(text.lines(outcomes)).containsExactly("valkyrie[01,03]: ok", "valkyrie02: exit 1",
                "valkyrie04: connection refused");
        assertThat(text.lines(Table.of("node", "state").row("odin", "on").row("valkyrie01", null)))
                .containsExactly("NODE        STATE", "odin        on", "valkyrie01  -");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", "odin");
        m.put("groups", List.of("mgmt", "x"));
        m.put("power", new Power("odin", true, null));
        assertThat(text.lines(m)).containsExactly("node:   odin", "groups: mgmt, x", "power:  node=odin on=true");
        assertThat(text.lines(NodeSet.parse("n[1-3],n5"))).containsExactly("n[1-3,5]");
        assertThat(new TextRenderer(true).lines(outcomes).get(1)).isEqualTo("valkyrie02: \u001b[31mexit 1\u001b[0m");
    }

    @Test
    void aDetailNamingItsNodeFoldsLikeAnyOther() {
        OutcomeSet unknown = OutcomeSet.of(List.of(
                NodeOutcome.without("nosuchnode1", Reason.UNREACHABLE, "unreachable: unknown host nosuchnode1"),
                NodeOutcome.without("nosuchnode2", Reason.UNREACHABLE, "unreachable: unknown host nosuchnode2"),
                NodeOutcome.without("nosuchnode3", Reason.UNREACHABLE, "unreachable: unknown host nosuchnode3")));
        assertThat(new TextRenderer(false).lines(unknown)).containsExactly("nosuchnode[1-3]: unreachable: unknown host");
        assertThat(Json.write(unknown)).contains("\"detail\":\"unreachable: unknown host nosuchnode2\"");
    }

    @Test
    void scriptsGetJson() {
        assertThat(Json.write(outcomes)).startsWith(
                "[{\"node\":\"valkyrie01\",\"reason\":\"ok\",\"exitCode\":0,\"detail\":\"ok\"},")
                .endsWith("{\"node\":\"valkyrie04\",\"reason\":\"unreachable\",\"exitCode\":null,\"detail\":\"connection refused\"}]");
        assertThat(Json.write(Table.of("node", "watts").row("odin", 120))).isEqualTo("[{\"node\":\"odin\",\"watts\":120}]");
        assertThat(Json.write(new Power("a\"b\n", false, 3))).isEqualTo("{\"node\":\"a\\\"b\\n\",\"on\":false,\"watts\":3}");
        assertThat(Json.write(NodeSet.parse("n[1-2]"))).isEqualTo("[\"n1\",\"n2\"]");
        assertThat(Json.write(Reason.TIMED_OUT)).isEqualTo("\"TIMED_OUT\"");
    }

    @Test
    void outputModesDecideWhatIsPrinted() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ConsoleOutput json = new ConsoleOutput(new PrintWriter(out), new PrintWriter(err),
                new ConsoleOutput.Mode(true, true, false), null);
        json.progress("3/10");
        json.line("for people only");
        json.result(Map.of("count", 2));
        json.warn("slow BMC");
        assertThat(out).hasToString("{\"count\":2}\n");
        assertThat(err).hasToString("herd: warning: slow BMC\n");

        StringWriter tty = new StringWriter();
        ConsoleOutput human = new ConsoleOutput(new PrintWriter(tty), new PrintWriter(new StringWriter()),
                new ConsoleOutput.Mode(false, true, false), null);
        human.progress("3/10 nodes");
        human.line("valkyrie01: up");
        assertThat(tty).hasToString("\r\u001b[K3/10 nodes\r\u001b[Kvalkyrie01: up\n");
    }

    @Test
    void promptsAreRefusedWithoutAPerson() {
        ConsoleOutput batch = new ConsoleOutput(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ConsoleOutput.Mode(false, false, false), null);
        assertThat(batch.interactive()).isFalse();
        assertThatThrownBy(() -> batch.confirm("power off 40 nodes?", "--yes")).isInstanceOf(UsageException.class)
                .hasMessage("power off 40 nodes? needs an answer: add --yes outside an interactive shell");
        assertThatThrownBy(() -> batch.askSecret("BMC password for admin")).isInstanceOf(UsageException.class);

        ConsoleOutput person = new ConsoleOutput(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ConsoleOutput.Mode(false, true, true), (prompt, secret) -> secret ? "s3cret" : "y");
        assertThat(person.confirm("power off?", "--yes")).isTrue();
        assertThat(person.askSecret("password")).containsExactly('s', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void aLiveViewIsRedrawnInPlaceFittedToTheScreenAndOnlyOnATerminal() {
        StringWriter tty = new StringWriter();
        ConsoleOutput live = new ConsoleOutput(new PrintWriter(tty), new PrintWriter(new StringWriter()),
                new ConsoleOutput.Mode(false, true, true), null,
                () -> java.util.Optional.of(new herd.session.Output.Screen(12, 3)));
        live.live(List.of("deploy: 4 nodes", "  kernel n[1-4] (4)", "footer"));
        live.live(List.of("deploy: 4 nodes", "  ssh-up n[1-4] (4)"));
        live.line("done");
        // Lines cut to the width less one, at most rows less one; each redraw goes back up over the
        // last one and clears below; other output clears the view first.
        assertThat(tty.toString()).isEqualTo("deploy: 4 n\n  kernel n[\r\u001b[1A\u001b[Jdeploy: 4 n\n  ssh-up n["
                + "\r\u001b[1A\u001b[Jdone" + System.lineSeparator());
        StringWriter pipe = new StringWriter();
        ConsoleOutput piped = new ConsoleOutput(new PrintWriter(pipe), new PrintWriter(new StringWriter()),
                new ConsoleOutput.Mode(false, false, false), null,
                () -> java.util.Optional.of(new herd.session.Output.Screen(80, 24)));
        assertThat(piped.screen()).isEmpty();
        piped.live(List.of("deploy: 4 nodes"));
        assertThat(pipe.toString()).isEmpty();
    }
}
