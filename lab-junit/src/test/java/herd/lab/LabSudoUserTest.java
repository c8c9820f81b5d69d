package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A throw-away user logs in to a node with the lab's key, and its sudo wants its password. */
@LabConfig(nodes = 1)
class LabSudoUserTest {
    Lab lab;

    @Test
    void userLogsInWithTheLabKeyAndSudoWantsThePassword() {
        Assumptions.assumeTrue(SudoUser.possible(), "needs root, useradd and sudo (run-tests installs sudo)");
        LabNode node = lab.node("valkyrie01");
        String name;
        Path home;
        try (SudoUser user = SudoUser.create(lab, "Lab-pw 1")) {
            name = user.name();
            Tools.Out plain = ssh(node, name, "id -un; sudo -n true 2>&1; echo rc=$?");
            assertThat(plain.text()).startsWith(name + "\n").contains("password is required").endsWith("rc=1\n");
            Tools.Out ok = ssh(node, name, "echo 'Lab-pw 1' | sudo -S -p '' id -u 2>/dev/null");
            assertThat(ok.text()).isEqualTo("0\n");
            Tools.Out wrong = ssh(node, name, "echo nope | sudo -S -p '' id -u 2>/dev/null; echo rc=$?");
            assertThat(wrong.text()).isEqualTo("rc=1\n");
            home = Path.of(ssh(node, name, "echo $HOME").text().strip());
        }
        assertThat(Files.exists(Path.of("/etc/sudoers.d/herd-lab-" + name))).isFalse();
        assertThat(Files.exists(home)).isFalse();
        assertThat(Tools.run(10, "id", name).rc()).isNotZero();
    }

    @Test
    void usersLeftByADeadTestProcessAreRemovedByTheNextOne() throws Exception {
        Assumptions.assumeTrue(SudoUser.possible(), "needs root, useradd and sudo (run-tests installs sudo)");
        String orphan = "herdsudo999999999x" + Long.toString(System.nanoTime() % 1000, 36);
        Path home = Files.createTempDirectory("herd-sudo-user-");
        Path sudoers = Path.of("/etc/sudoers.d/herd-lab-" + orphan);
        try {
            assertThat(Tools.run(10, "useradd", "-M", "-d", home.toString(), orphan).rc()).isZero();
            Files.writeString(sudoers, orphan + " ALL=(ALL:ALL) ALL\n");
            try (SudoUser user = SudoUser.create(lab, "pw")) {
                assertThat(Tools.run(10, "id", orphan).rc()).isNotZero();
                assertThat(Files.exists(home)).isFalse();
                assertThat(Files.exists(sudoers)).isFalse();
                assertThat(Tools.run(10, "id", user.name()).rc()).isZero();
            }
        } finally {
            Files.deleteIfExists(sudoers);
            Tools.run(10, "userdel", orphan);
            Tools.run(10, "rm", "-rf", home.toString());
        }
    }

    private Tools.Out ssh(LabNode node, String user, String command) {
        return Tools.run(20, "ssh", "-F", "/dev/null", "-i", lab.sshKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", Integer.toString(node.sshPort()),
                user + "@" + node.sshHost(), command);
    }
}
