package herd.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.copy.CopyCommands;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.error.HerdException;
import herd.session.Session;
import herd.session.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapters on a session made from the lab's inventory, as the shell calls them. */
@LabConfig(nodes = 4)
class ExecCommandsTest {

    static Lab lab;
    private static Session session;
    private RecordingOutput out;
    private Session.Scope scope;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        session = new Session(InventoryLoader.load(lab.inventoryFile()));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @BeforeEach
    void enter() {
        out = new RecordingOutput();
        scope = session.enter(out, Cancellation.create());
    }

    private void exec(String nodes, boolean gather, boolean maxStatus, String... command) {
        new ExecCommands(session).exec(nodes, null, null, 64, 10, 0, gather, false, false, false, null, null,
                false, maxStatus, false, false, List.of(command));
    }

    @Test
    void gathersOutputAndPublishesOutcomeSets() {
        exec("@compute", true, false, "echo", "up;", "uname", "-s");
        assertThat(out.lines).containsExactly("---------------", "valkyrie[01-04] (4)", "---------------", "up", "Linux");
        assertThat(session.last().groups().get("ok")).hasSize(4);
        scope.close();
    }

    @Test
    void failuresAreSummarisedAndMaxStatusBecomesTheExitStatus() {
        assertThatThrownBy(() -> exec("valkyrie[01-03]", false, true, "exit $(hostname | tail -c 2)"))
                .isInstanceOf(HerdException.class).hasMessage("exec: 3 of 3 nodes failed (see @last:failed)")
                .extracting(e -> ((HerdException) e).status()).isEqualTo(3);
        assertThat(out.lines).containsExactly("valkyrie01: exit 1", "valkyrie02: exit 2", "valkyrie03: exit 3");
        assertThat(session.parse("@last:rc=2").expand()).containsExactly("valkyrie02");
        scope.close();
    }

    @Test
    void groupAndExcludeChooseTheNodes() {
        new ExecCommands(session).exec(null, "valkyrie02", "compute", 64, 10, 0, false, false, true, false, null, null,
                false, false, false, false, List.of("hostname"));
        assertThat(out.lines).containsExactly("valkyrie01: valkyrie01", "valkyrie03: valkyrie03", "valkyrie04: valkyrie04");
        scope.close();
    }

    @Test
    void connectionsAreListedAndClosed() {
        exec("valkyrie[01-02]", false, false, "true");
        new ExecCommands(session).connections("", false);
        Table t = (Table) out.results.get(0);
        assertThat(t.rows()).extracting(r -> r.get(0)).contains("valkyrie01", "valkyrie02");
        new ExecCommands(session).connections("valkyrie01", true);
        assertThat(out.results.get(1)).isEqualTo("1 connections closed");
        new ExecCommands(session).connections(null, true);
        assertThat(out.results.get(2)).asString().matches("[1-9][0-9]* connections closed");
        new ExecCommands(session).connections(null, false);
        assertThat(((Table) out.results.get(3)).rows()).isEmpty();
        scope.close();
    }

    @Test
    void copyAndRcopyRoundTrip() throws Exception {
        Path file = Files.writeString(tmp.resolve("motd"), "hello from herd\n");
        String remote = "/tmp/herd-adapter-" + ProcessHandle.current().pid();
        CopyCommands copy = new CopyCommands(session);
        // Each node has its own disk: the copy goes to both, and valkyrie02's file then differs, so
        // rcopy must bring back each node's own file.
        exec("valkyrie[01-02]", false, false, "mkdir", remote);
        copy.copy(List.of(file.toString()), remote, "valkyrie[01-02]", null, false, 64, 10);
        exec("valkyrie02", false, false, "echo", "changed on valkyrie02", ">>", remote + "/motd");
        copy.rcopy(List.of(remote + "/motd"), tmp.resolve("back").toString(), "valkyrie[01-02]", null, false, 64, 10);
        assertThat(Files.readString(tmp.resolve("back/motd.valkyrie01"))).isEqualTo("hello from herd\n");
        assertThat(Files.readString(tmp.resolve("back/motd.valkyrie02"))).isEqualTo("hello from herd\nchanged on valkyrie02\n");
        exec("valkyrie[01-02]", false, false, "rm", "-rf", remote);
        scope.close();
    }
}
