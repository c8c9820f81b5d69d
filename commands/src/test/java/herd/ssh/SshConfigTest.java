package herd.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshConfigTest {

    private final Path home = Path.of("/home/admin");

    private final List<String> text = List.of(
            "# comments and blank lines are skipped",
            "",
            "Host valkyrie* !valkyrie99",
            "    HostName %h.cluster.local",
            "    User = ops",
            "Host valkyrie0?",
            "    Port 2222",
            "    IdentityFile ~/.ssh/compute_%r",
            "    User ignored-first-value-wins",
            "Match host odin",
            "    User matched-blocks-never-apply",
            "Host odin",
            "    ProxyJump admin@gate:2200,thor",
            "Host *",
            "    IdentityFile %d/.ssh/id_ed25519",
            "    Port 22");

    @Test
    void firstValueWinsAndPatternsMatchAsInOpenSsh() throws Exception {
        SshConfig config = SshConfig.parse("cfg", text, home);
        SshTarget t = config.resolve("valkyrie07", "root", 22);
        assertThat(t.host()).isEqualTo("valkyrie07.cluster.local");
        assertThat(t.user()).isEqualTo("ops");
        assertThat(t.port()).isEqualTo(2222);
        assertThat(t.identities()).containsExactly(Path.of("/home/admin/.ssh/compute_ops"),
                Path.of("/home/admin/.ssh/id_ed25519"));
        SshTarget excluded = config.resolve("valkyrie99", "root", 22);
        assertThat(excluded.host()).isEqualTo("valkyrie99");
        assertThat(excluded.user()).isEqualTo("root");
    }

    @Test
    void proxyJumpHopsAreResolvedThroughTheFileToo() throws Exception {
        SshTarget odin = SshConfig.parse("cfg", text, home).resolve("odin", "root", 22);
        assertThat(odin.user()).isEqualTo("root");
        assertThat(odin.jumps()).extracting(SshTarget::address).containsExactly("admin@gate:2200", "root@thor:22");
    }

    @Test
    void missingFileIsAnEmptyConfiguration() throws Exception {
        SshTarget t = SshConfig.parse(Path.of("/nonexistent/ssh_config")).resolve("n1", "root", 22);
        assertThat(t).isEqualTo(SshTarget.of("n1", "n1", 22, "root"));
    }
}
