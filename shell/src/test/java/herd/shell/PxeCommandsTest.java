package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.shell.HerdProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pxe, follow and deploy adapters through the real {@code ./herd} process. */
class PxeCommandsTest {

    @TempDir
    Path home;
    Path inventory;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(home.resolve("www"));
        Files.createDirectories(home.resolve("tftp"));
        Files.writeString(home.resolve("access.log"), "");
        inventory = Files.writeString(home.resolve("cluster.yaml"), """
                cluster: {name: t, domain: cluster.local}
                networks:
                  - {name: ice1-1, subnet: 10.10.0.0/16, next-server: 10.10.0.1}
                services:
                  http-root: DIR/www
                  http-log: DIR/access.log
                  tftp-root: DIR/tftp
                groups:
                  compute: valkyrie[01-02]
                group-defaults:
                  compute: {profile: compute}
                nodes:
                  valkyrie01: {ip: 10.10.3.1, mac: "08:00:27:18:67:bc"}
                  valkyrie02: {ip: 10.10.3.2, mac: "08:00:27:18:68:bc"}
                profiles:
                  compute:
                    os: el
                    version: "9"
                    kernel-args: console=ttyS0,115200
                """.replace("DIR", home.toString()));
    }

    private Result herd(String line) throws Exception {
        return HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", line);
    }

    @Test
    void renderDryRunThenRenderThenShow() throws Exception {
        Result dry = herd("pxe render @compute --dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+++ nodes_groups/group_compute.kickstart.cfg (proposed)\n",
                "nodes/valkyrie01.ipxe -> ../nodes_groups/group_compute.ipxe", "boot.ipxe");
        assertThat(dry.err()).contains("herd: warning: tftp root " + home.resolve("tftp") + ": missing iPXE binary ipxe.efi");
        assertThat(home.resolve("www/boot.ipxe")).doesNotExist();

        Result render = herd("pxe render @compute");
        assertThat(render.status()).as(render.err()).isZero();
        assertThat(Files.readSymbolicLink(home.resolve("www/nodes/valkyrie02.ipxe")).toString())
                .isEqualTo("../nodes_groups/group_compute.ipxe");
        assertThat(herd("pxe render @compute").out()).doesNotContain("created", "updated");

        Result show = herd("pxe show valkyrie01");
        assertThat(show.status()).as(show.err()).isZero();
        assertThat(show.out()).contains("==> nodes/valkyrie01.ipxe -> ../nodes_groups/group_compute.ipxe (node file)",
                "inst.ks=http://${next-server}/nodes_groups/group_compute.kickstart.cfg console=ttyS0,115200",
                "==> nodes_groups/group_compute.kickstart.cfg (installer config)",
                "bootloader --append=\"console=ttyS0,115200\" --location=mbr",
                "(kernel, missing)");
    }

    @Test
    void errorsAreOneLineWithStatus() throws Exception {
        Result unknown = herd("pxe render valkyrie01 --profile nope");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("valkyrie01: unknown profile 'nope' (known: compute)");
        Result grep = herd("follow " + home.resolve("access.log") + " --grep '('");
        assertThat(grep.status()).isEqualTo(2);
        assertThat(grep.err()).contains("follow: --grep: bad regular expression '('");
        Result status = herd("deploy status");
        assertThat(status.status()).isEqualTo(2);
        assertThat(status.err()).contains("deploy status: no deployment in this session");
        Result timeout = herd("deploy @compute --timeout soon --yes");
        assertThat(timeout.status()).isEqualTo(2);
        assertThat(timeout.err()).contains("deploy: --timeout: 'soon' is not a duration (e.g. 90s, 45m, 2h)");
    }
}
