package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unknown host keys through the real {@code ./herd} (docs/exec.md): refused by default, recorded
 * by {@code exec --accept-new-host-keys} or {@code set ssh.accept-new-host-keys yes}, and the
 * known_hosts herd wrote is one OpenSSH's own client trusts.
 */
@LabConfig(nodes = 2)
class HostKeyShellTest {

    Lab lab;
    @TempDir
    Path home;

    @Test
    void unknownKeysAreRefusedThenRecordedByTheOptionOrTheSetting() throws Exception {
        Path known = home.resolve("known_hosts");
        Path inventory = LabInventories.withKnownHosts(lab, home, known);

        HerdProcess.Result refused = herd(inventory, "-c", "exec -w valkyrie01 hostname");
        assertThat(refused.status()).as(refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("valkyrie01: unreachable: host key unknown (not in " + known
                + "; --accept-new-host-keys records it)");
        assertThat(known).doesNotExist();

        HerdProcess.Result option = herd(inventory, "-c", "exec --accept-new-host-keys -w valkyrie01 hostname");
        assertThat(option.status()).as(option.err()).isZero();
        assertThat(option.out()).isEqualTo("valkyrie01: valkyrie01\n");
        assertThat(Files.readAllLines(known)).hasSize(1);

        Path batch = Files.writeString(home.resolve("accept.csh"),
                "set ssh.accept-new-host-keys yes\nexec -w valkyrie02 hostname\n");
        HerdProcess.Result setting = herd(inventory, batch.toString());
        assertThat(setting.status()).as(setting.err()).isZero();
        assertThat(setting.out()).isEqualTo("valkyrie02: valkyrie02\n");
        assertThat(Files.readAllLines(known)).hasSize(2);

        HerdProcess.Result later = herd(inventory, "-c", "exec -w valkyrie[01-02] true");
        assertThat(later.status()).as("the recorded keys verify without the option: " + later.out() + later.err())
                .isZero();
        for (String node : List.of("valkyrie01", "valkyrie02")) {
            assertThat(openSsh(node, known)).as("OpenSSH's ssh, StrictHostKeyChecking yes, on herd's known_hosts")
                    .isZero();
        }
    }

    @Test
    void aBadSettingValueIsOneLineAndStatusTwo() throws Exception {
        HerdProcess.Result bad = herd(LabInventories.withKnownHosts(lab, home, home.resolve("known_hosts")), "-c",
                "set ssh.accept-new-host-keys maybe");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("herd: set: ssh.accept-new-host-keys: expected yes or no, got \"maybe\"\n");
        HerdProcess.Result unknown = herd(LabInventories.withKnownHosts(lab, home, home.resolve("known_hosts")), "-c",
                "set ssh.nothing yes");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("herd: set: unknown setting ssh.nothing (known: ssh.accept-new-host-keys)\n");
    }

    private HerdProcess.Result herd(Path inventory, String... args) throws IOException, InterruptedException {
        return HerdProcess.onInventory(home, inventory, args);
    }


    private int openSsh(String node, Path known) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh", "-F", lab.sshConfig().toString(), "-o", "UserKnownHostsFile=" + known,
                "-o", "StrictHostKeyChecking=yes", "-o", "GlobalKnownHostsFile=/dev/null", node, "true")
                .redirectErrorStream(true).redirectOutput(home.resolve("ssh-" + node + ".log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ssh " + node + " did not finish in 60 s");
        }
        return p.exitValue();
    }
}
