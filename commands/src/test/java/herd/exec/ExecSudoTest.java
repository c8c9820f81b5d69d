package herd.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import herd.lab.Lab;
import herd.lab.SudoUser;
import herd.lab.junit.LabConfig;
import herd.ssh.ConnectionPool;
import herd.ssh.LabSsh;
import herd.ssh.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --sudo against a real sudo that wants a password, as a non-root user on every lab node. */
@LabConfig(nodes = 4)
class ExecSudoTest {

    private static final String PASSWORD = "Sudo pw-" + ProcessHandle.current().pid();

    static Lab lab;
    private static SudoUser user;
    private static ConnectionPool pool;
    private static ExecEngine engine;
    private static List<SshTarget> targets;

    private final List<ExecEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeAll
    static void open() throws Exception {
        Assumptions.assumeTrue(SudoUser.possible(), "needs root, useradd and sudo (run-tests installs sudo)");
        user = SudoUser.create(lab, PASSWORD);
        pool = LabSsh.pool(lab);
        engine = new ExecEngine(pool);
        targets = LabSsh.targets(lab).stream()
                .map(t -> new SshTarget(t.node(), t.host(), t.port(), user.name(), t.identities(), t.jumps())).toList();
    }

    @AfterAll
    static void close() {
        try {
            if (engine != null) {
                engine.close();
                pool.close();
            }
        } finally {
            if (user != null) {
                user.close();
            }
        }
    }

    private ExecSudo sudo(ExecSudo.Password password, Supplier<Optional<String>> typed) {
        return new ExecSudo(password, prompt -> {
            asked.incrementAndGet();
            assertThat(prompt).isEqualTo("sudo password");
            return typed.get().map(String::toCharArray);
        });
    }

    private ExecResult run(ExecSudo sudo, String command) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> sudo.run(engine, ExecRequest.of(targets, command), true, events::add));
    }

    private List<String> lines() {
        return events.stream().filter(e -> e instanceof ExecEvent.Output).map(e -> ((ExecEvent.Output) e).line()).toList();
    }

    @Test
    void asksOnceGivesThePasswordToEveryNodeAndKeepsIt() {
        ExecSudo sudo = sudo(new ExecSudo.Password(), () -> Optional.of(PASSWORD));
        ExecResult r = run(sudo, "id -u; id -un >&2");
        assertThat(asked).hasValue(1);
        assertThat(r.outcomes().allOk()).as(ExecReport.summary(r.outcomes()).toString()).isTrue();
        for (SshTarget t : targets) {
            assertThat(r.output(t.node())).isEqualTo(new NodeOutput(List.of("0"), List.of("root")));
        }
        assertThat(lines()).hasSize(8).containsOnly("0", "root");
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Started).hasSize(4);
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Finished).hasSize(4);

        events.clear();
        ExecResult again = run(sudo, "whoami");
        assertThat(asked).hasValue(1);
        assertThat(again.outcomes().allOk()).isTrue();
        assertThat(lines()).hasSize(4).containsOnly("root");
    }

    @Test
    void aWrongPasswordIsReportedPerNodeAndForgotten() {
        List<String> answers = new ArrayList<>(List.of("not " + PASSWORD, PASSWORD));
        ExecSudo sudo = sudo(new ExecSudo.Password(), () -> Optional.of(answers.remove(0)));
        ExecResult r = run(sudo, "id -u");
        assertThat(asked).hasValue(1);
        assertThat(ExecReport.summary(r.outcomes())).containsExactly("valkyrie[01-04] (4): sudo: wrong password");
        assertThat(lines()).isEmpty();
        assertThat(r.outputs().values()).allMatch(o -> o.stdout().isEmpty() && o.stderr().isEmpty());
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Started).hasSize(4);
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Finished).hasSize(4);

        ExecResult next = run(sudo, "id -u");
        assertThat(asked).hasValue(2);
        assertThat(next.outcomes().allOk()).isTrue();
        assertThat(lines()).hasSize(4).containsOnly("0");
    }

    @Test
    void withoutATerminalEveryNodeSaysSoAtOnce() {
        ExecSudo sudo = sudo(new ExecSudo.Password(), Optional::empty);
        ExecResult r = run(sudo, "sleep 30");
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(20));
        assertThat(ExecReport.summary(r.outcomes()))
                .containsExactly("valkyrie[01-04] (4): sudo: a password is required, and there is no terminal to ask it");
        assertThat(lines()).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Finished).hasSize(4);
    }

    @Test
    void aTimedOutCommandUnderSudoIsGoneFromTheNodes() throws Exception {
        ExecSudo sudo = sudo(new ExecSudo.Password(), () -> Optional.of(PASSWORD));
        String sleep = "sleep 7" + (ProcessHandle.current().pid() % 1000);
        ExecResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sudo.run(engine,
                ExecRequest.of(targets, sleep).withCommandTimeout(Duration.ofSeconds(3)), true, events::add));
        assertThat(ExecReport.summary(r.outcomes())).containsExactly("valkyrie[01-04] (4): timed out after 3 s");
        // The nodes share this machine's processes; the watchdog under sudo looks once a second.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String left = processes(sleep);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = processes(sleep);
        }
        assertThat(left).as("processes left").isEmpty();
    }

    private static String processes(String command) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-af", "^" + command + "$").redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes());
    }

    @Test
    void aCommandThatFailsUnderSudoKeepsItsOwnExitAndOutput() {
        ExecSudo sudo = sudo(new ExecSudo.Password(), () -> Optional.of(PASSWORD));
        ExecResult r = run(sudo, "echo 'Sorry, try again.' >&2; exit 3");
        assertThat(ExecReport.summary(r.outcomes())).containsExactly("valkyrie[01-04] (4): exit 3");
        assertThat(r.output("valkyrie02").stderr()).containsExactly("Sorry, try again.");
    }
}
