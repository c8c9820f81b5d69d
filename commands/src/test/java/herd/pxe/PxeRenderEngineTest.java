package herd.pxe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PxeRenderEngineTest {

    @TempDir
    Path dir;
    Path http;
    Path tftp;
    final PxeRenderEngine engine = new PxeRenderEngine();
    final List<PxeNode> nodes = List.of(
            new PxeNode("thor", "10.10.1.1", "08:00:27:18:68:bc", "storage", "10.10.0.1"),
            new PxeNode("valkyrie01", "10.10.3.1", "08:00:27:0d:f8:a5", "ubuntu", "10.10.0.1"),
            new PxeNode("valkyrie02", "10.10.3.2", "08:00:27:0d:f8:a6", "debian", "10.10.0.1"),
            new PxeNode("valkyrie03", "10.10.3.3", "08:00:27:0d:f8:a7", "leap", "10.10.0.1"));

    @BeforeEach
    void roots() throws Exception {
        http = Files.createDirectories(dir.resolve("www"));
        tftp = Files.createDirectories(dir.resolve("tftpboot"));
    }

    private PxeRenderResult render(boolean dryRun, Set<String> install) {
        return engine.render(new PxeRenderRequest(http, tftp, nodes, RenderersTest.profiles(), install, dryRun));
    }

    @Test
    void writesTheTutorialsLayoutWithRelativeLinks() throws Exception {
        PxeRenderResult r = render(false, Set.of());
        assertThat(Files.readString(http.resolve("boot.ipxe"))).isEqualTo(IpxeRenderer.boot());
        assertThat(Files.readSymbolicLink(http.resolve("nodes/thor.ipxe")).toString())
                .isEqualTo("../nodes_groups/group_storage.ipxe");
        assertThat(Files.readString(http.resolve("nodes/thor.ipxe"))).contains("Group profile: storage");
        assertThat(http.resolve("nodes_groups/group_storage.kickstart.cfg")).exists();
        assertThat(http.resolve("nodes_groups/group_ubuntu.autoinstall/user-data")).exists();
        assertThat(http.resolve("nodes_groups/group_ubuntu.autoinstall/meta-data")).isEmptyFile();
        assertThat(http.resolve("nodes_groups/group_debian.preseed.cfg")).exists();
        assertThat(http.resolve("nodes_groups/group_leap.autoyast.xml")).exists();
        assertThat(Files.readString(http.resolve("herd/install-finished"))).isEqualTo("ok\n");
        assertThat(r.changed()).isEqualTo(r.changes().size());
        try (var s = Files.walk(http)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".herd-tmp"))).isEmpty();
        }
        for (String node : List.of("thor", "valkyrie01", "valkyrie02", "valkyrie03")) {
            List<PxeChain.Step> chain = PxeChain.of(http, node);
            PxeChain.Step config = chain.stream().filter(s -> s.role().equals("installer config")).findFirst().orElseThrow();
            assertThat(config.exists()).as(node + " config " + config.path()).isTrue();
        }
    }

    @Test
    void warnsAboutMissingKernelInitrdStage2AndIpxeBinaries() throws Exception {
        PxeRenderResult r = render(true, Set.of());
        assertThat(r.warnings()).contains(
                "profile storage: kernel " + http.resolve("repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz")
                        + " does not exist",
                "profile ubuntu: stage2 " + http.resolve("pxe/ubuntu/22.04/ubuntu-22.04-live-server-amd64.iso")
                        + " does not exist",
                "tftp root " + tftp + ": missing iPXE binary undionly.kpxe",
                "tftp root " + tftp + ": missing iPXE binary ipxe.efi");
        Path pxeboot = Files.createDirectories(http.resolve("repositories/AlmaLinux/9/x86_64/os/images/pxeboot"));
        Files.writeString(pxeboot.resolve("vmlinuz"), "k");
        Files.writeString(pxeboot.resolve("initrd.img"), "i");
        Files.writeString(tftp.resolve("undionly.kpxe"), "b");
        Files.writeString(tftp.resolve("ipxe.efi"), "b");
        assertThat(render(true, Set.of()).warnings()).noneMatch(w -> w.startsWith("profile storage") || w.startsWith("tftp"));
    }

    @Test
    void dryRunWritesNothingAndShowsDiffs() throws Exception {
        render(false, Set.of());
        Path ks = http.resolve("nodes_groups/group_storage.kickstart.cfg");
        Files.writeString(ks, Files.readString(ks).replace("timezone Europe/Brussels", "timezone Asia/Tokyo"));
        PxeRenderResult r = render(true, Set.of());
        assertThat(r.written()).isFalse();
        PxeRenderResult.Change c = r.changes().stream().filter(x -> x.path().endsWith("storage.kickstart.cfg")).findFirst().orElseThrow();
        assertThat(c.kind()).isEqualTo(PxeRenderResult.Kind.UPDATED);
        assertThat(c.diff()).contains("--- nodes_groups/group_storage.kickstart.cfg\n",
                "\n-timezone Asia/Tokyo --isUtc\n+timezone Europe/Brussels --isUtc\n");
        assertThat(Files.readString(ks)).contains("Asia/Tokyo");
        assertThat(r.changed()).isEqualTo(1);
    }

    @Test
    void anInstalledNodeKeepsLocalBootUnlessDeployAsksForAnInstall() throws Exception {
        render(false, Set.of());
        engine.switchToLocalBoot(http, "thor");
        assertThat(Files.readSymbolicLink(http.resolve("nodes/thor.ipxe")).toString()).isEqualTo("../nodes_groups/local_disk.ipxe");
        assertThat(Files.readString(http.resolve("nodes/thor.ipxe"))).contains("sanboot --no-describe --drive 0x80");
        PxeRenderResult again = render(false, Set.of());
        assertThat(again.changes()).filteredOn(c -> c.path().equals("nodes/thor.ipxe"))
                .extracting(PxeRenderResult.Change::kind).containsExactly(PxeRenderResult.Kind.KEPT_LOCAL);
        assertThat(again.changed()).isZero();
        assertThat(Files.readSymbolicLink(http.resolve("nodes/thor.ipxe")).toString()).endsWith("local_disk.ipxe");
        render(false, Set.of("thor"));
        assertThat(Files.readSymbolicLink(http.resolve("nodes/thor.ipxe")).toString()).endsWith("group_storage.ipxe");
    }

    @Test
    void aNodeWithAnUnknownProfileIsAnError() {
        var req = new PxeRenderRequest(http, tftp, List.of(new PxeNode("x1", "10.10.9.1", "08:00:27:00:00:01",
                "nope", "10.10.0.1")), Map.of(), Set.of(), true);
        assertThatThrownBy(() -> engine.render(req)).hasMessage("node x1: unknown profile 'nope'");
    }

    @Test
    void showFollowsTheChainFileByFile() throws Exception {
        render(false, Set.of());
        List<PxeChain.Step> chain = PxeChain.of(http, "thor");
        assertThat(chain).extracting(PxeChain.Step::path).containsExactly("boot.ipxe", "nodes/thor.ipxe",
                "repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz",
                "nodes_groups/group_storage.kickstart.cfg",
                "repositories/AlmaLinux/9/x86_64/os/images/pxeboot/initrd.img");
        assertThat(chain.get(1).linkTarget()).isEqualTo("../nodes_groups/group_storage.ipxe");
        assertThat(chain.get(2).exists()).isFalse();
        assertThat(chain.get(3).text()).contains("%packages");
        assertThat(PxeChain.of(http, "unknown01")).extracting(PxeChain.Step::exists).containsExactly(true, false);
    }
}
