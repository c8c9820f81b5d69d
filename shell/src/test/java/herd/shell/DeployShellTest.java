package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.junit.LabConfig;
import herd.lab.pxe.PxeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy on a fresh lab (BMCs, DNS, DHCP: the lab's PXE side boots the nodes when their BMC says
 * so) through the real {@code ./herd}: the documented one-liner with the lab's ready profile (a
 * pipe: one line per event, then the summary); in a session that had connected to the nodes
 * before, strict exec on their new host keys (learned from their installs); and {@code --follow}
 * in a terminal: the live view redrawn in place, a key for the table, Ctrl-C detaching while the
 * deployment goes on, and {@code deploy status --follow} to its end and its outcome sets.
 */
@LabConfig(nodes = 4, bmc = true, dns = true, dhcp = true)
class DeployShellTest {

    /** Every stage the lab's servers log (the lab has no TFTP server: no ipxe stage). */
    private static final List<String> STAGES = List.of("dhcp-offered", "dhcp-acked", "boot.ipxe", "node-file", "kernel",
            "initrd", "installer-config", "installing", "install-finished", "rebooted", "ssh-up");

    Lab lab;
    @TempDir
    Path home;

    @Test
    void deployAtAllWithTheLabProfileReachesSshUpOnEveryNode() throws Exception {
        long t0 = System.nanoTime();
        HerdProcess.Result r = HerdProcess.run(home, null, "--inventory", lab.inventoryFile().toString(), "-c",
                "deploy @all --profile compute --yes");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (LabNode n : lab.nodes()) {
            for (String stage : STAGES) {
                assertThat(r.out()).as(n.name() + " " + stage + " (" + took + " ms)")
                        .containsPattern("(?m)^" + n.name() + " +" + Pattern.quote(stage) + " ");
            }
            assertThat(lab.isNodeRunning(n.name())).isTrue();
            assertThat(lab.bootDevice(n.name())).isNotEqualTo("pxe");
        }
        // A pipe gets the line-per-event stream, then the summary folded by outcome.
        assertThat(r.out()).containsPattern("(?m)^deploy: 4 of 4 nodes up in \\d+s$")
                .containsPattern("(?m)^ok  valkyrie\\[01-04\\] \\(4\\)$");
        System.out.println("deploy @all (4 lab nodes) through ./herd -c: " + took + " ms");
    }

    @Test
    void theSameSessionExecsOnTheReinstalledNodesWithStrictChecking() throws Exception {
        Path batch = Files.writeString(home.resolve("redeploy.csh"), "exec -w @all true\n"
                + "deploy @all --profile compute --yes\nexec -w @all hostname\nhostkeys show @all\n");
        HerdProcess.Result r = HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "--inventory",
                lab.inventoryFile().toString(), batch.toString()), Duration.ofSeconds(120));
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        for (LabNode n : lab.nodes()) {
            assertThat(r.out()).containsPattern("(?m)^" + n.name() + " +host-keys +learned .*ED25519 SHA256:\\S+.* \\(in "
                    + Pattern.quote(lab.knownHosts().toString()) + ", previous file kept as ");
            assertThat(r.out()).contains(n.name() + ": " + n.name() + "\n");
            assertThat(r.out()).containsPattern("(?m)^" + n.name() + " +pinned +.*ED25519 SHA256:");
        }
        assertThat(r.out()).doesNotContain("accept-new");
    }

    @Test
    void followOnATerminalIsALiveViewAKeyShowsTheTableCtrlCDetachesAndStatusFollowsItToTheEnd() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: Ctrl-C cannot be typed");
        PxeLab.installTime(lab, Duration.ofSeconds(4));
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        String name = "herd-deploy-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Files.createDirectories(home.resolve("bin"));
        try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER
                + " --inventory " + lab.inventoryFile())) {
            t.await("^herd>", Duration.ofSeconds(60));
            t.send("deploy @compute --follow --yes", "Enter");
            // Mid-deploy, as a person sees it: the header, stage lines with counts, no line per event.
            String mid = t.await("^  (boot\\.ipxe|node-file|kernel|initrd|installer-config|installing) +valkyrie\\S* \\(\\d\\)$",
                    Duration.ofSeconds(40));
            System.out.println("deploy --follow, mid-deploy screen:\n" + mid);
            assertThat(mid).containsPattern("(?m)^deploy: 4 nodes · \\d+s elapsed · ")
                    .containsPattern("(?m)^any key: the full table")
                    .doesNotContainPattern("(?m)^valkyrie0\\d +(dhcp-offered|boot\\.ipxe|kernel) ");
            assertThat(stageCounts(mid)).isEqualTo(4);
            assertThat(mid.lines().filter(l -> !l.isBlank()).count()).as(mid).isLessThan(16);
            t.send("t");
            String table = t.await("(?s)NODE +STAGE.*\\n(valkyrie0\\d .*\\n){4}", Duration.ofSeconds(5));
            assertThat(lastTable(table)).hasSize(4);
            t.send("C-c");
            String detached = t.await("^detached: the deployment goes on", Duration.ofSeconds(10));
            assertThat(detached).containsPattern("(?m)^deploy: [0-3] of 4 nodes up in ");
            t.await("^herd>", Duration.ofSeconds(5));
            // A key typed the instant the prompt is back, after a command that watched keys and was
            // ended by Ctrl-C, can be lost (see the report of issue 18): type as a person would.
            Thread.sleep(500);
            t.send("jobs", "Enter");
            t.await("^\\[1\\] (running|done   )  deploy valkyrie\\[01-04\\]\nherd>", Duration.ofSeconds(10));
            t.send("deploy status --follow", "Enter");
            String end = t.await("^ok  valkyrie\\[01-04\\] \\(4\\)\nherd>", Duration.ofSeconds(60));
            assertThat(end).containsPattern("(?m)^deploy: 4 of 4 nodes up in ");
            t.send("nodes @last:ok", "Enter");
            t.await("^valkyrie\\[01-04\\]\nherd>", Duration.ofSeconds(10));
        }
        for (LabNode n : lab.nodes()) {
            assertThat(lab.isNodeRunning(n.name())).isTrue();
        }
    }

    /** The nodes counted by the stage lines of the last live view on the screen. */
    private static int stageCounts(String screen) {
        String view = screen.substring(screen.lastIndexOf("deploy: 4 nodes"));
        Matcher m = Pattern.compile("(?m)^  [a-z.-]+ +valkyrie\\S* \\((\\d+)\\)$").matcher(view);
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        return n;
    }

    /** The rows of the last node table on the screen. */
    private static List<String> lastTable(String screen) {
        Matcher m = Pattern.compile("NODE +STAGE").matcher(screen);
        int at = -1;
        while (m.find()) {
            at = m.start();
        }
        return at < 0 ? List.of() : screen.substring(at).lines().skip(1)
                .filter(l -> l.matches("valkyrie\\d+ .*")).toList();
    }
}
