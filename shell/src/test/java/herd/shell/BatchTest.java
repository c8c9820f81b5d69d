package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.shell.HerdProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batch files, {@code -c}, stdin and the launcher's own options, through the real {@code ./herd} process. */
class BatchTest {

    @TempDir
    Path home;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(home.resolve(name), text);
    }

    @Test
    void aGoodFileRunsEveryLineAndExitsZero() throws Exception {
        file("sub.csh", "echo sourced $WHO\n");
        Path script = file("good.csh", """
                #!/usr/bin/env herd
                # the tutorial's compute nodes
                set WHO @compute

                nodes $WHO
                nodes -c \\
                    @mgmt,@storage
                source sub.csh
                echo 'done: $WHO' "$WHO"
                """);
        Result r = HerdProcess.run(home, null, "-q", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("valkyrie[01-02]\n2\nsourced @compute\ndone: $WHO @compute\n");
        assertThat(r.status()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown command  | frobnicate now          | 2 | unknown command 'frobnicate'
            bad option       | nodes --bogus           | 2 | nodes: unknown option --bogus
            bad nodeset      | nodes valkyrie[3-1]     | 2 | nodes: bad range "3-1"
            failing command  | show valkyrie99         | 1 | show: valkyrie99: not in the inventory
            failing source   | source missing.csh      | 1 | source: missing.csh: no such file
            unknown variable | nodes $NOPE             | 2 | unknown variable $NOPE
            no outcomes yet  | nodes @last:ok          | 2 | nodes: @last: no command has set outcome sets yet (exec, copy,
            """)
    void theFirstFailingLineStopsTheBatch(String title, String bad, int status, String message) throws Exception {
        Path script = file("bad.csh", "echo before\n# a comment\n" + bad + "\necho after\n");
        Result r = HerdProcess.run(home, null, "-q", "-f", script.toString());
        assertThat(r.err()).startsWith("herd: " + script + ":3: " + message);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.status()).isEqualTo(status);
    }

    @Test
    void quotedWordsAreArgumentsNeverOptions() throws Exception {
        Path script = file("steps.csh", """
                echo "--- step 1 ---"
                set FLAG '-n'
                echo "$FLAG" '--json' \\-x
                """);
        Result r = HerdProcess.run(home, null, "-q", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("--- step 1 ---\n-n --json -x\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void helpOnAFamilyListsItsSubcommands() throws Exception {
        for (String family : List.of("dhcp", "dns", "hosts", "net", "pxe")) {
            Result r = HerdProcess.run(home, null, "-q", "-c", "help " + family);
            assertThat(r.err()).as(family).isEmpty();
            assertThat(r.out()).as(family).startsWith(family + ": one of these subcommands\n  " + family + " ")
                    .contains("\n'help " + family + " ");
            assertThat(r.status()).isZero();
        }
        assertThat(HerdProcess.run(home, null, "-q", "-c", "help dhcp").out()).contains("  dhcp add ", "  dhcp list ");
        Result none = HerdProcess.run(home, null, "-q", "-c", "help frob");
        assertThat(none.err()).isEqualTo("herd: help: no command 'frob'\n");
        assertThat(none.status()).isEqualTo(2);
    }

    @Test
    void aConsoleCaptureIsRefusedInOneLineWithAHint() throws Exception {
        Result r = HerdProcess.run(home, null, "-q", "-c", "console valkyrie01 --log");
        assertThat(r.err()).isEqualTo("herd: console --log: a capture would end with this herd -c at once;"
                + " start it in the shell or in a batch file, which keep it until they end or 'console --stop'\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isEqualTo(2);
    }

    @Test
    void aNodeListPastedWithNoBreakSpacesIsSeveralWords() throws Exception {
        Result r = HerdProcess.run(home, null, "-q", "-c", "nodeset -f valkyrie01\u00a0valkyrie02\u202fodin");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("odin,valkyrie[01-02]\n");
        Result nodes = HerdProcess.run(home, null, "-q", "-c", "nodes -c 'valkyrie01,\u00a0valkyrie02'");
        assertThat(nodes.err()).isEmpty();
        assertThat(nodes.out()).isEqualTo("2\n");
        Result nodeset = HerdProcess.run(home, null, "-q", "-c", "nodeset -f 'valkyrie01\u00a0,\u00a0valkyrie02'");
        assertThat(nodeset.out()).isEqualTo("valkyrie[01-02]\n");
    }

    @Test
    void keepGoingRunsTheRestAndStillFails() throws Exception {
        Path script = file("bad.csh", "show nonode\necho after\n");
        Result r = HerdProcess.run(home, null, "-q", "--keep-going", script.toString());
        assertThat(r.out()).isEqualTo("after\n");
        assertThat(r.err()).contains(script + ":1: show: nonode: not in the inventory", script + ": 1 line failed");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void aShebangScriptRunsThroughHerdOnThePath() throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path onPath = Files.writeString(home.resolve("bin/herd"), "#!/bin/sh\nexec " + HerdProcess.LAUNCHER + " \"$@\"\n");
        Files.setPosixFilePermissions(onPath, PosixFilePermissions.fromString("rwx------"));
        Path script = file("up.csh", "#!/usr/bin/env herd\nnodes @login\nexit 3\necho never\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Result r = HerdProcess.exec(home, null, List.of(script.toString()));
        assertThat(r.out()).isEqualTo("heimdall\n");
        assertThat(r.status()).isEqualTo(3);
    }

    @Test
    void commandLineStdinAndLauncherOptions() throws Exception {
        Result c = HerdProcess.run(home, null, "-c", "nodes @compute --json");
        assertThat(c.out()).isEqualTo("[\"valkyrie01\",\"valkyrie02\"]\n");
        assertThat(c.err()).isEqualTo("herd: no inventory at ./cluster.yaml, ~/config/herd/cluster.yaml,"
                + " /etc/herd/cluster.yaml: this is the example cluster \"tutorial\", whose nodes are not reachable from"
                + " here; 'herd lab shell' (root) starts a practice cluster\n");
        assertThat(c.status()).isZero();

        Result stdin = HerdProcess.run(home, file("in.csh", "nodes -e @compute\n"), "-q");
        assertThat(stdin.out()).isEqualTo("valkyrie01 valkyrie02\n");

        Result bad = HerdProcess.run(home, null, "-q", "-c", "nodes -z");
        assertThat(bad.err()).isEqualTo("herd: nodes: unknown option -z (try 'help nodes')\n");
        assertThat(bad.status()).isEqualTo(2);

        assertThat(HerdProcess.run(home, null, "--help").out()).startsWith("usage: herd [OPTIONS]");
        assertThat(HerdProcess.run(home, null, "--version").out()).startsWith("herd 0.1.0");
        Result unknown = HerdProcess.run(home, null, "--frob");
        assertThat(unknown.err()).isEqualTo("herd: unknown option --frob (try 'herd --help')\n");
        assertThat(unknown.status()).isEqualTo(2);

        Result inv = HerdProcess.run(home, null, "-i", file("bad.yaml", "cluster: {name: x}\nnodes:\n  n1: {ip: 1.2.3}\n")
                .toString(), "-c", "nodes");
        assertThat(inv.err()).isEqualTo("herd: " + home.resolve("bad.yaml") + ":3: nodes.n1.ip: not an IPv4 address: \"1.2.3\"\n");
        assertThat(inv.status()).isEqualTo(1);
    }

    @Test
    void theInventorysVariablesOverrideABatchsDefaults() throws Exception {
        Path inv = file("cluster.yaml", "cluster: {name: t}\nnodes:\n  n1: {}\nvariables:\n  TIME_CONF: /etc/chrony/chrony.conf\n");
        Path batch = file("defaults.csh", "set -d TIME_CONF /etc/chrony.conf\nset -d PKG_CLEAN dnf clean all\n"
                + "set ONESHOT chronyd -q 'server 10.10.0.1 iburst'\necho $TIME_CONF\necho $PKG_CLEAN\necho $ONESHOT\n"
                + "set -d ONESHOT other\necho $ONESHOT\n");
        Result r = HerdProcess.run(home, null, "-q", "--inventory", inv.toString(), batch.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("/etc/chrony/chrony.conf\ndnf clean all\nchronyd -q server 10.10.0.1 iburst\n"
                + "chronyd -q server 10.10.0.1 iburst\n");
        assertThat(r.status()).isZero();
        Path bad = file("bad.yaml", "cluster: {name: t}\nvariables:\n  bad-name: x\n");
        Result refused = HerdProcess.run(home, null, "-q", "--inventory", bad.toString(), "-c", "nodes");
        assertThat(refused.err()).contains(bad + ":3: variables.bad-name: bad variable name");
        assertThat(refused.status()).isNotZero();
    }

    @Test
    void theTourScriptRuns() throws Exception {
        Result r = HerdProcess.run(home, null, "-q", HerdProcess.ROOT.resolve("scripts/tour.csh").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("heimdall,odin,thor,valkyrie[01-02]\n2\n").contains("\nodin valkyrie01 valkyrie02\n")
                .endsWith("valkyrie[01-02]\ntour done: @compute\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void nodesetAndLabAreDispatchedWithoutTheShell() throws Exception {
        Result r = HerdProcess.run(home, null, "nodeset", "-f", "valkyrie01", "valkyrie02", "odin");
        assertThat(r.out()).isEqualTo("odin,valkyrie[01-02]\n");
        assertThat(r.status()).isZero();
        Result lab = HerdProcess.run(home, null, "lab", "--help");
        assertThat(lab.out()).startsWith("usage: herd lab up");
        assertThat(lab.status()).isZero();
    }
}
