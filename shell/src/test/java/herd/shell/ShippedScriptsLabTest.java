package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script shipped in scripts/ runs to its end on a fresh lab as `herd lab shell` starts it
 * (four compute nodes, BMCs, DNS, DHCP, PXE), through the real {@code ./herd}. tutorial.csh needs
 * the management node odin as well and has its own lab and checks: {@link TutorialBatchTest}.
 */
@LabConfig(nodes = 4, bmc = true, dns = true, dhcp = true)
class ShippedScriptsLabTest {

    private static final Path SCRIPTS = HerdProcess.ROOT.resolve("scripts");

    Lab lab;
    @TempDir
    Path home;

    @Test
    void everyShippedScriptIsRunByATest() throws Exception {
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            assertThat(s.filter(p -> p.toString().endsWith(".csh")).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bringup.csh", "tour.csh", "tutorial.csh");
        }
    }

    @Test
    void bringupDeploysTheComputeNodesAndFindsThemRunning() throws Exception {
        long[] boots = new long[4];
        for (int i = 0; i < 4; i++) {
            boots[i] = initPid(lab.nodes().get(i).name());
        }
        HerdProcess.Result r = run("bringup.csh");
        assertThat(r.err()).as(r.out()).isEmpty();
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("valkyrie[01-04]: stopped\n").endsWith("bringup done: @compute\n");
        for (int i = 0; i < 4; i++) {
            LabNode n = lab.nodes().get(i);
            assertThat(r.out()).contains(n.name() + ": running\n");
            assertThat(initPid(n.name())).as(n.name() + " was reinstalled and booted again").isNotEqualTo(boots[i]);
            assertThat(lab.bootDevice(n.name())).isNotEqualTo("pxe");
            assertThat(home.resolve("state/herd/console/" + n.name() + ".log")).content().contains(n.name() + " login:");
        }
    }

    @Test
    void theTourRunsOnTheLabToo() throws Exception {
        HerdProcess.Result r = run("tour.csh");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("valkyrie[01-04]\n4\n").contains("\nodin valkyrie01 valkyrie02 valkyrie03 valkyrie04\n")
                .endsWith("tour done: @compute\n");
    }

    private HerdProcess.Result run(String script) throws Exception {
        return HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "-q", "--inventory",
                lab.inventoryFile().toString(), SCRIPTS.resolve(script).toString()), Duration.ofMinutes(5), Map.of());
    }

    private long initPid(String node) throws Exception {
        return Long.parseLong(Files.readString(lab.dir().resolve("nodes/" + node + "/init.pid")).strip());
    }
}
