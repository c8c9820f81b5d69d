package herd.pxe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileParserTest {

    @Test
    void readsEveryFieldWithDefaults() {
        Map<String, DeployProfile> p = ProfileParser.parseText("""
                cluster: {name: t}
                profiles:
                  compute:
                    os: el
                    version: "9"
                    repo: http://${next-server}/repo/el9
                    packages: [vim, chrony]
                    disk: vda
                    partitions:
                      - {mount: /boot, size: 2G}
                      - {mount: swap, size: 4096}
                      - {mount: /, size: max, fs: xfs}
                    kernel-args: ["console=ttyS0,115200", nomodeset]
                    post: |
                      echo one
                      echo two
                """, "cluster.yaml");
        DeployProfile c = p.get("compute");
        assertThat(c.kernelUrl()).isEqualTo("http://${next-server}/repo/el9/images/pxeboot/vmlinuz");
        assertThat(c.stage2Url()).isEqualTo("http://${next-server}/repo/el9/");
        assertThat(c.timezone()).isEqualTo("UTC");
        assertThat(c.kernelArgLine()).isEqualTo("console=ttyS0,115200 nomodeset");
        assertThat(c.partitions()).extracting(DeployProfile.Partition::mebibytes).containsExactly(2048L, 4096L, -1L);
        assertThat(c.partitions().get(1).fstype()).isEqualTo("swap");
        assertThat(c.post()).containsExactly("echo one", "echo two");
    }

    @Test
    void aProfileFileWithoutTheProfilesKeyAndKeysFromAFile(@TempDir Path dir) throws Exception {
        Path pub = dir.resolve("id.pub");
        Files.writeString(pub, RenderersTest.KEY + "\n");
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "deb:\n  os: debian\n  ssh-keys: ['file:" + pub + "']\n");
        DeployProfile d = ProfileParser.parseFile(file).get("deb");
        assertThat(d.version()).isEqualTo("12");
        assertThat(d.sshKeys()).containsExactly(RenderersTest.KEY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "profiles:\\n  a: {version: '9'}|x.yaml:2: profile a: missing field 'os' (el, ubuntu, debian, opensuse)",
        "profiles:\\n  a:\\n    os: centos|x.yaml:3: profile a: unknown os 'centos' (el, ubuntu, debian, opensuse)",
        "profiles:\\n  a:\\n    os: ubuntu\\n    version: '20.04'|x.yaml:4: profile a: ubuntu version '20.04' not supported (22.04, 24.04)",
        "profiles:\\n  a:\\n    os: el\\n    colour: red|x.yaml:4: profile a: unknown field 'colour'",
        "profiles:\\n  a:\\n    os: el\\n    ssh-keys: [hello]|x.yaml:4: profile a: ssh-keys: 'hello' is not an OpenSSH public key",
        "profiles:\\n  a:\\n    os: el\\n    partitions: [{mount: /, size: lots}]|x.yaml:4: profile a: partition size 'lots' (use e.g. 512M, 4G or max)",
        "profiles:\\n  a b: {os: el}|x.yaml:2: profile 'a b': name must be letters, digits, '_', '.', '-'",
        "profiles: [1, 2|x.yaml:1: bad YAML: expected ',' or ']', but got <stream end>",
    })
    void badProfilesNameFileLineAndField(String yaml, String message) {
        assertThatThrownBy(() -> ProfileParser.parseText(yaml.replace("\\n", "\n"), "x.yaml"))
                .isInstanceOf(PxeException.class).hasMessage(message);
    }
}
