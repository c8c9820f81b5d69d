package herd.exec;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.LabSsh;
import herd.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 4)
class ExecEngineTest {

    static Lab lab;
    private static ConnectionPool pool;
    private static ExecEngine engine;
    private static List<SshTarget> targets;

    @BeforeAll
    static void open() throws Exception {
        pool = LabSsh.pool(lab);
        engine = new ExecEngine(pool);
        targets = LabSsh.targets(lab);
    }

    @AfterAll
    static void close() {
        engine.close();
        pool.close();
    }

    private ExecResult run(String command, List<ExecEvent> events) {
        return engine.run(ExecRequest.of(targets, command), e -> events.add(e));
    }

    @Test
    void runsOnEveryNodeAndKeepsExitCodes() {
        List<ExecEvent> events = Collections.synchronizedList(new ArrayList<>());
        ExecResult r = run("hostname; echo oops >&2; case $(hostname) in valkyrie0[24]) exit 3;; esac", events);

        assertThat(r.output("valkyrie01").stdout()).containsExactly("valkyrie01");
        assertThat(r.output("valkyrie03").stderr()).containsExactly("oops");
        OutcomeSet o = r.outcomes();
        assertThat(o.groups().get("ok")).containsExactly("valkyrie01", "valkyrie03");
        assertThat(o.groups().get("rc=3")).containsExactly("valkyrie02", "valkyrie04");
        assertThat(o.maxExitCode()).isEqualTo(3);
        assertThat(ExecReport.summary(o)).containsExactly("valkyrie[02,04] (2): exit 3");
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Started).hasSize(4);
        assertThat(events).filteredOn(e -> e instanceof ExecEvent.Finished).hasSize(4);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ExecEvent.Finished.class);
    }

    @Test
    void passesTheCommandUntouchedToTheRemoteShell() {
        ExecResult r = run("echo \"$HOME\" '-x' --y | tr a-z A-Z; echo 'it''s' \\$HOME", new ArrayList<>());
        assertThat(r.output("valkyrie02").stdout()).containsExactly("/ROOT -X --Y", "its $HOME");
    }

    @Test
    void gathersIdenticalOutputAsClush() {
        ExecResult r = run("echo same; case $(hostname) in valkyrie03) echo odd;; esac", new ArrayList<>());
        assertThat(ExecReport.gathered(r, false)).containsExactly(
                "---------------", "valkyrie[01-02,04] (3)", "---------------", "same",
                "---------------", "valkyrie03", "---------------", "same", "odd");
        assertThat(ExecReport.byNode(r, false)).containsExactly(
                "valkyrie01: same", "valkyrie02: same", "valkyrie03: same", "valkyrie03: odd", "valkyrie04: same");
        assertThat(ExecReport.diff(r, false)).containsExactly(
                "--- valkyrie[01-02,04] (3)", "+++ valkyrie03", "@@ -1 +1,2 @@", " same", "+odd");
    }

    @Test
    void neverMixesPartialLinesOfTwoNodes() {
        List<ExecEvent> events = Collections.synchronizedList(new ArrayList<>());
        run("printf 'first-'; sleep 0.3; printf 'half\\nsecond'; sleep 0.2; printf -- '-end'", events);
        List<String> lines = events.stream().filter(e -> e instanceof ExecEvent.Output)
                .map(e -> ((ExecEvent.Output) e).line()).toList();
        assertThat(lines).hasSize(8).containsOnly("first-half", "second-end");
    }

    @Test
    void commandOutlivingItsTimeoutIsKilled() {
        ExecRequest slow = ExecRequest.of(targets.subList(0, 2), "sleep 91; echo late")
                .withCommandTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        ExecResult r = engine.run(slow, e -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(r.outcomes().groups().get("timeout")).containsExactly("valkyrie01", "valkyrie02");
        assertThat(ExecReport.summary(r.outcomes())).containsExactly("valkyrie[01-02] (2): timed out after 1 s");
        assertThat(r.output("valkyrie01").stdout()).isEmpty();
        assertNoProcess("sleep 91");
    }

    @Test
    void interruptCancelsAndKillsTheRemoteProcesses() throws Exception {
        CountDownLatch started = new CountDownLatch(4);
        AtomicReference<ExecResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(engine.run(ExecRequest.of(targets, "echo begun; sleep 92; echo never"),
                e -> {
                    if (e instanceof ExecEvent.Output) {
                        started.countDown();
                    }
                })));
        runner.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        ExecResult r = result.get();
        assertThat(r.outcomes().groups().get("cancelled")).hasSize(4);
        assertThat(r.output("valkyrie03").stdout()).containsExactly("begun");
        assertNoProcess("sleep 92");
    }

    @Test
    void droppedConnectionIsReopenedForTheNextCommand() {
        ExecRequest one = ExecRequest.of(targets.subList(2, 3), "kill -9 $PPID");
        NodeOutcome dropped = engine.run(one, e -> { }).outcomes().outcome("valkyrie03");
        assertThat(dropped.reason()).isEqualTo(Reason.UNREACHABLE);
        ExecResult again = engine.run(ExecRequest.of(targets.subList(2, 3), "hostname"), e -> { });
        assertThat(again.outcomes().allOk()).isTrue();
        assertThat(again.output("valkyrie03").stdout()).containsExactly("valkyrie03");
    }

    @Test
    void connectionsStayOpenBetweenCommands() {
        run("true", new ArrayList<>());
        var before = pool.connections();
        run("true", new ArrayList<>());
        assertThat(pool.connections()).hasSize(4);
        assertThat(pool.connections()).extracting(c -> c.opened())
                .containsExactlyElementsOf(before.stream().map(c -> c.opened()).toList());
    }

    @Test
    void fanoutBoundsTheNodesWorkedOnAtOnce() {
        int[] now = {0};
        int[] most = {0};
        engine.run(ExecRequest.of(targets, "sleep 0.3").withFanout(2), e -> {
            if (e instanceof ExecEvent.Started) {
                most[0] = Math.max(most[0], ++now[0]);
            } else if (e instanceof ExecEvent.Finished) {
                now[0]--;
            }
        });
        assertThat(most[0]).isEqualTo(2);
    }

    @Test
    void sudoWrapsTheCommandAndNeverPutsThePasswordOnTheCommandLine() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed on this machine");
        ExecRequest plain = ExecRequest.of(targets.subList(0, 1), "id -u; cat").withSudo(Sudo.NO_PASSWORD);
        assertThat(engine.run(plain, e -> { }).output("valkyrie01").stdout()).containsExactly("0");
        ExecRequest withPassword = plain.withSudo(Sudo.withPassword("pa55word".toCharArray()));
        assertThat(withPassword.remoteCommand()).doesNotContain("pa55word");
        ExecResult r = engine.run(withPassword, e -> { });
        assertThat(r.outcomes().allOk()).isTrue();
        assertThat(r.output("valkyrie01").stdout()).containsExactly("0");
    }

    /**
     * Looks for a process on every node through new connections (the pool's may be gone). The
     * pattern is anchored, so that it matches the process itself and not the shell running pgrep.
     */
    private void assertNoProcess(String pattern) {
        try (ConnectionPool fresh = LabSsh.pool(lab); ExecEngine check = new ExecEngine(fresh)) {
            ExecResult r = check.run(ExecRequest.of(targets, "pgrep -af '^" + pattern + "' || true"), e -> { });
            assertThat(r.outcomes().allOk()).isTrue();
            for (SshTarget t : targets) {
                assertThat(r.output(t.node()).stdout()).as("processes on " + t.node()).isEmpty();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
