package herd.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshConfigTest {

    private final Path home = Path.of("/home/admin");

    @TempDir
    Path tmp;

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
            "    User from-match",
            "Host odin",
            "    ProxyJump admin@gate:2200,thor",
            "Host *",
            "    IdentityFile %d/.ssh/id_ed25519",
            "    Port 22");

    @Test
    void firstValueWinsAndPatternsMatchAsInOpenSsh() throws Exception {
        SshConfig config = SshConfig.parse("cfg", text, home);
        HostConfig t = config.resolve("valkyrie07", "root", 22);
        assertThat(t.host()).isEqualTo("valkyrie07.cluster.local");
        assertThat(t.user()).isEqualTo("ops");
        assertThat(t.port()).isEqualTo(2222);
        assertThat(t.identities()).containsExactly(Path.of("/home/admin/.ssh/compute_ops"),
                Path.of("/home/admin/.ssh/id_ed25519"));
        HostConfig excluded = config.resolve("valkyrie99", "root", 22);
        assertThat(excluded.host()).isEqualTo("valkyrie99");
        assertThat(excluded.user()).isEqualTo("root");
    }

    @Test
    void proxyJumpHopsAreResolvedThroughTheFileToo() throws Exception {
        HostConfig odin = SshConfig.parse("cfg", text, home).resolve("odin", "root", 22);
        assertThat(odin.user()).isEqualTo("from-match");
        assertThat(odin.jumps()).extracting(HostConfig::address).containsExactly("admin@gate:2200", "root@thor:22");
    }

    @Test
    void missingFileIsAnEmptyConfiguration() throws Exception {
        HostConfig t = SshConfig.parse(Path.of("/nonexistent/ssh_config")).resolve("n1", "root", 22);
        assertThat(t).isEqualTo(new HostConfig("n1", "n1", 22, "root", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Host a;  Port 99999                  | cfg:2: bad port "99999"
            Host a;  Port 0                      | cfg:2: bad port "0"
            Host a;  HostName                    | cfg:2: HostName needs a value
            Host a;  HostName # no value         | cfg:2: HostName needs a value
            Host a;  HostName a b                | cfg:2: HostName takes one value, not "a b"
            Host "";  User a                     | cfg:1: Host needs a value
            Host a;  User "ops                   | cfg:2: unclosed " in ""ops"
            Host a;  ProxyJump admin@            | cfg:2: bad ProxyJump hop "admin@"
            Host a;  ProxyJump a,,b              | cfg:2: bad ProxyJump hop ""
            Host a;  ProxyJump gate:0            | cfg:2: bad port "0"
            Match foo x;  User a                 | cfg:1: unsupported Match criterion "foo"
            Match all host a;  User a            | cfg:1: Match all cannot be combined with other criteria
            Match host                           | cfg:1: Match host needs an argument
            Host a;  HostName %p.example         | cfg:2: unknown escape %p in "%p.example"
            Host a;  IdentityFile ~/.ssh/%Z      | cfg:2: unknown escape %Z in "/home/admin/.ssh/%Z"
            Host a;  HostName x%                 | cfg:2: "%" at the end of "x%"
            """)
    void badLinesNameFileLineAndProblem(String lines, String message) {
        assertThatThrownBy(() -> SshConfig.parse("cfg", List.of(lines.split(";")), home).resolve("a", "root", 22))
                .isInstanceOf(SshConfigException.class).hasMessage(message);
    }

    @Test
    void includeNestedDeeperThanOpenSshAllowsNamesTheIncludingLine() throws Exception {
        for (Map.Entry<String, String> f : SshConfigOpenSshTest.depthFiles(17).entrySet()) {
            Files.createDirectories(tmp.resolve(f.getKey()).getParent());
            Files.writeString(tmp.resolve(f.getKey()), f.getValue());
        }
        assertThatThrownBy(() -> SshConfig.load(tmp.resolve(".ssh/config"), null, tmp))
                .hasMessage(tmp.resolve(".ssh/d/f16")
                        + ":1: Include nested more than 16 deep (does a file include itself?)");
        Files.writeString(tmp.resolve("loop"), "# a file that includes itself\nInclude " + tmp.resolve("loop") + "\n");
        assertThatThrownBy(() -> SshConfig.load(tmp.resolve("loop"), null, tmp))
                .hasMessageEndingWith("loop:2: Include nested more than 16 deep (does a file include itself?)");
    }

    @Test
    void systemFileIsReadAfterTheUserFileAndStartsAFreshBlock() throws Exception {
        Path user = Files.writeString(tmp.resolve("user"), "Host n1\n  User from-user\nHost nothing\n");
        Path system = Files.writeString(tmp.resolve("system"), "User from-system\nPort 2022\nHost n2\n  Port 2200\n");
        SshConfig config = SshConfig.load(user, system, home);
        assertThat(config.resolve("n1", "root", 22).address()).isEqualTo("from-user@n1:2022");
        assertThat(config.resolve("n2", "root", 22).address()).isEqualTo("from-system@n2:2022");
        assertThat(SshConfig.load(user, null, home).resolve("n2", "root", 22).address()).isEqualTo("root@n2:22");
        Path tilde = Files.writeString(tmp.resolve("tilde"), "Include ~/x.conf\n");
        assertThatThrownBy(() -> SshConfig.load(null, tilde, home))
                .hasMessage(tilde + ":1: Include ~/x.conf: ~ is not allowed in the system file");
    }

    @Test
    void matchExecRunsOncePerCommandLineAndNotAfterAFailedCriterion() throws Exception {
        Path log = tmp.resolve("exec.log");
        SshConfig config = SshConfig.parse("cfg", List.of(
                "Match exec \"echo %h >> " + log + "\"",
                "  User logged",
                "Match host nothing exec \"echo skipped >> " + log + "\"",
                "  User skipped",
                "Match exec \"test %d = /home/admin\"",
                "  Port 2022"), home);
        assertThat(config.resolve("n1", "root", 22).address()).isEqualTo("logged@n1:2022");
        assertThat(config.resolve("n1", "root", 22).address()).isEqualTo("logged@n1:2022");
        assertThat(config.resolve("n2", "root", 22).address()).isEqualTo("logged@n2:2022");
        assertThat(Files.readAllLines(log)).containsExactly("n1", "n2");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "valkyrie*, valkyrie07, true", "valkyrie*, valkyri, false", "*07, valkyrie07, true",
        "v*e*7, valkyrie07, true", "v*e*8, valkyrie07, false", "n?, n1, true", "n?, n10, false",
        "**, '', true", "*a*a, aaa, true", "*a*ab, aab, true", "a*b*c, abxbc, true", "a*b*c, acb, false"})
    void wildcardsMatchAsOpenSshMatchPattern(String pattern, String text, boolean expected) {
        assertThat(Patterns.glob(pattern, text)).isEqualTo(expected);
    }

    @Test
    void criteriaHerdCannotTestNeverMatchAndTheirNegationAlwaysDoes() throws Exception {
        SshConfig config = SshConfig.parse("cfg", List.of(
                "Match final", "  User final",
                "Match canonical", "  User canonical",
                "Match localnetwork 10.0.0.0/8", "  User localnetwork",
                "Match tagged x", "  User tagged",
                "Match !final !canonical !tagged x", "  Port 2022"), home);
        assertThat(config.resolve("n1", "root", 22).address()).isEqualTo("root@n1:2022");
    }
}
