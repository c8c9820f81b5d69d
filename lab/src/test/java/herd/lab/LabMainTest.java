package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new LabMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void upStatusShellDownFromTheCommandLine(@TempDir Path tmp) {
        String dir = tmp.resolve("lab").toString();
        assertThat(run("up", "2", "--extra", "odin", "--no-bmc", "--no-dns", "--no-dhcp", "--dir", dir)).as(err()).isZero();
        assertThat(out()).matches("(?s)herd lab: 3 nodes up in [0-9.]+ s \\(ssh\\)\ninventory: " + dir + "/cluster.yaml\n.*");
        try {
            assertThat(run("up", "2", "--dir", dir)).isZero();
            assertThat(out()).startsWith("herd lab: already up in " + dir + " (3 nodes)");
            assertThat(run("status", "--dir", dir)).isZero();
            assertThat(out()).startsWith("lab " + dir + ": 3 nodes, 3 on, started in ")
                    .containsPattern("  odin +127\\.1[0-9][0-9]\\.250\\.1:2222 +10\\.10\\.0\\.1 +on +-\n")
                    .contains("  valkyrie02 ");
            assertThat(run("shell", "--dir", dir)).isZero();
            assertThat(out()).isEqualTo(dir + "/cluster.yaml\n");
            assertThat(err()).isEqualTo("herd lab: using the lab running in " + dir + " (3 nodes); 'herd lab down --dir "
                    + dir + "' ends it\n");
        } finally {
            assertThat(run("down", "--dir", dir)).isZero();
        }
        assertThat(out()).isEqualTo("herd lab: down, " + dir + " removed\n");
        assertThat(run("status", "--dir", dir)).isZero();
        assertThat(out()).isEqualTo("herd lab: no lab running in " + dir + "\n");
    }

    @Test
    void shellStartsALabWhenNoneRuns(@TempDir Path tmp) {
        String dir = tmp.resolve("lab").toString();
        try {
            assertThat(run("shell", "1", "--no-bmc", "--no-dns", "--no-dhcp", "--dir", dir)).isZero();
            assertThat(out()).isEqualTo(dir + "/cluster.yaml\n");
            assertThat(err()).matches("herd lab: 1 node up in [0-9.]+ s in " + dir + " \\(ssh\\); 'exit' leaves it running,"
                    + " 'herd lab down --dir " + dir + "' ends it\n");
            assertThat(Lab.isRunning(Path.of(dir))).isTrue();
        } finally {
            run("down", "--dir", dir);
        }
    }

    @Test
    void badCommandLinesGiveOneLineAndUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).startsWith("usage: herd lab up [N]");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).startsWith("herd lab: unknown command 'frobnicate'\nusage: ");
        assertThat(run("up", "--dir")).isEqualTo(2);
        assertThat(err()).startsWith("herd lab: --dir needs a value\n");
        assertThat(run("up", "many")).isEqualTo(2);
        assertThat(err()).startsWith("herd lab: unknown option or node count 'many'\n");
        assertThat(run("up", "3", "--extra", "loki", "--dir", "/tmp/herd-lab-never")).isEqualTo(1);
        assertThat(err()).isEqualTo("herd lab: unknown extra node 'loki' (known: odin, thor, heimdall)\n");
        assertThat(run("up", "1100", "--no-dns", "--no-dhcp", "--dir", "/tmp/herd-lab-never")).isEqualTo(1);
        assertThat(err()).isEqualTo("herd lab: BMCs are limited to 1014 nodes per lab, 1100 asked; start it without BMCs (--no-bmc)\n");
        assertThat(run("up", "2", "--redfish", "--no-bmc", "--dir", "/tmp/herd-lab-never")).isEqualTo(1);
        assertThat(err()).isEqualTo("herd lab: Redfish is served by the nodes' BMCs: --redfish needs BMCs (drop --no-bmc)\n");
        assertThat(Path.of("/tmp/herd-lab-never")).doesNotExist();
    }

    @Test
    void missingPrerequisitesNameThePackageToInstall() {
        LabSpec spec = LabSpec.builder().nodes(1).build();
        assertThatThrownBy(() -> Prerequisites.check(spec, false, p -> true))
                .hasMessage("lab: must run as root (it starts sshd, mounts and namespaces): run it with sudo");
        assertThatThrownBy(() -> Prerequisites.check(spec, true, p -> !p.equals("ipmi_sim") && !p.equals("dhcpd")))
                .hasMessage("lab: missing ipmi_sim, dhcpd: run 'apt-get install -y openipmi isc-dhcp-server'");
        Prerequisites.check(LabSpec.builder().nodes(1).bmc(false).dhcp(false).build(), true, p -> !p.equals("ipmi_sim") && !p.equals("dhcpd"));
        assertThatThrownBy(() -> Prerequisites.check(LabSpec.builder().nodes(1).redfish(true).build(), true,
                p -> !p.equals("openssl"))).hasMessage("lab: missing openssl: run 'apt-get install -y openssl'");
    }
}
