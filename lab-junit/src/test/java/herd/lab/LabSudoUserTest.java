package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A throw-away user logs in to a node with the lab's key, and its sudo wants its password. */
@LabConfig(nodes = 2)
class LabSudoUserTest {
    Lab lab;

    @Test
    void userLogsInWithTheLabKeyAndSudoWantsThePassword() throws Exception {
        Assumptions.assumeTrue(SudoUser.possible(), "needs root, useradd and sudo (run-tests installs sudo)");
        LabNode node = lab.node("valkyrie01");
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        String name;
        try (SudoUser user = SudoUser.create(lab, "Lab-pw 1")) {
            name = user.name();
            Tools.Out plain = ssh(node, name, "id -un; sudo -n true 2>&1; echo rc=$?");
            assertThat(plain.text()).startsWith(name + "\n").contains("password is required").endsWith("rc=1\n");
            Tools.Out ok = ssh(node, name, "echo 'Lab-pw 1' | sudo -S -p '' id -u 2>/dev/null");
            assertThat(ok.text()).isEqualTo("0\n");
            Tools.Out wrong = ssh(node, name, "echo nope | sudo -S -p '' id -u 2>/dev/null; echo rc=$?");
            assertThat(wrong.text()).isEqualTo("rc=1\n");
            assertThat(ssh(lab.node("valkyrie02"), name, "echo $HOME").text()).isEqualTo("/home/" + name + "\n");
            // Made on the nodes, not on the host.
            assertThat(Files.readString(Path.of("/etc/passwd"))).isEqualTo(hostPasswd);
        }
        Tools.Out gone = Tools.ssh(lab, node, "id " + name + " || echo no-user; ls /etc/sudoers.d; ls /home");
        assertThat(gone.text()).contains("no-user").doesNotContain("herd-lab-" + name).doesNotContain(name + "\n");
    }

    private Tools.Out ssh(LabNode node, String user, String command) {
        return Tools.run(20, "ssh", "-F", "/dev/null", "-i", lab.sshKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", Integer.toString(node.sshPort()),
                user + "@" + node.sshHost(), command);
    }
}
