package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.audit.Caller;
import herd.client.Call;
import herd.client.Wire;
import herd.session.Output;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's side of a call's terminal: the size a client on a terminal sends, and what a call without one gets. */
class SessionConnectionTest {

    private static SessionConnection connection(boolean terminal, PipedOutputStream client) throws Exception {
        Call call = new Call(List.of("-c", "nodes"), "/", ProcessHandle.current().pid(), terminal, false, Map.of());
        DataInputStream in = new DataInputStream(new PipedInputStream(client, 1 << 16));
        SessionConnection c = new SessionConnection(call, Caller.ofThisProcess(Map.of()), in,
                new DataOutputStream(new ByteArrayOutputStream()));
        c.listen();
        return c;
    }

    private static Optional<Output.Screen> awaitScreen(SessionConnection c, Optional<Output.Screen> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!c.screen().equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return c.screen();
    }

    @Test
    void aTerminalsSizeAndItsChangesBecomeTheScreen() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        SessionConnection c = connection(true, client);
        DataOutputStream frames = new DataOutputStream(client);
        assertThat(c.screen()).isEmpty();
        Wire.write(frames, Wire.SIZE, Wire.size(132, 43));
        assertThat(awaitScreen(c, Optional.of(new Output.Screen(132, 43)))).contains(new Output.Screen(132, 43));
        Wire.write(frames, Wire.SIZE, Wire.size(80, 24));
        assertThat(awaitScreen(c, Optional.of(new Output.Screen(80, 24)))).contains(new Output.Screen(80, 24));
        assertThat(c.callersTerminal().available()).isTrue();
        client.close();
    }

    @Test
    void aCallerWithoutATerminalHasNoScreenAndNoTerminalToLend() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        SessionConnection c = connection(false, client);
        Wire.write(new DataOutputStream(client), Wire.SIZE, Wire.size(132, 43));
        Thread.sleep(200);
        assertThat(c.screen()).isEmpty();
        assertThat(c.callersTerminal().available()).isFalse();
        client.close();
    }
}
