package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 4, extras = {"odin"})
class LabSshTest {
    Lab lab;

    @Test
    void sshReachesEveryNodeUnderItsOwnHostname() {
        assertThat(lab.nodes()).extracting(LabNode::name)
                .containsExactly("odin", "valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04");
        for (LabNode node : lab.nodes()) {
            Tools.Out out = Tools.ssh(lab, node, "hostname; echo $HOME");
            assertThat(out.rc()).as(out.text()).isZero();
            assertThat(out.text()).isEqualTo(node.name() + "\n/root\n");
        }
    }

    @Test
    void nodesResolveTheirNamesWithoutDns() {
        LabNode node = lab.node("valkyrie02");
        Tools.Out out = Tools.ssh(lab, node, "getent hosts valkyrie02 valkyrie04; sudo -n true");
        assertThat(out.rc()).as(out.text()).isZero();
        // Nothing else: sudo would say "unable to resolve host valkyrie02" had it asked DNS.
        assertThat(out.text().replaceAll(" +", " ")).isEqualTo(node.ip() + " valkyrie02\n"
                + lab.node("valkyrie04").ip() + " valkyrie04\n");
    }

    @Test
    void clushAndPdshReachTheNodesThroughTheLabSshConfig() {
        Tools.Out clush = Tools.run(List.of("clush", "-L", "-w", "valkyrie[01-04],odin",
                "-o", "-F " + lab.sshConfig(), "hostname"), 30, false);
        assertThat(clush.rc()).as(clush.text()).isZero();
        assertThat(clush.text()).isEqualTo("odin: odin\nvalkyrie01: valkyrie01\nvalkyrie02: valkyrie02\n"
                + "valkyrie03: valkyrie03\nvalkyrie04: valkyrie04\n");
        Tools.Out pdsh = Tools.run(List.of("sh", "-c", "PDSH_SSH_ARGS_APPEND='-F " + lab.sshConfig()
                + "' pdsh -R ssh -w 'valkyrie[01-04]' hostname | sort"), 30, false);
        assertThat(pdsh.text()).isEqualTo("valkyrie01: valkyrie01\nvalkyrie02: valkyrie02\n"
                + "valkyrie03: valkyrie03\nvalkyrie04: valkyrie04\n");
    }

    @Test
    void rootLoginIsKeyOnly() {
        LabNode node = lab.node("valkyrie01");
        Tools.Out out = Tools.run(10, "ssh", "-F", "/dev/null", "-o", "UserKnownHostsFile=" + lab.knownHosts(),
                "-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no", "-p", "2222", "root@" + node.sshHost(), "true");
        assertThat(out.rc()).isEqualTo(255);
        assertThat(out.text()).contains("Permission denied (publickey)");
    }

    @Test
    void eachNodeHasItsOwnHostKeyInKnownHosts() throws Exception {
        var lines = Files.readAllLines(lab.knownHosts());
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(l -> l.split(" ")[2]).doesNotHaveDuplicates();
        LabNode n1 = lab.node("valkyrie01");
        assertThat(lines).contains("[valkyrie01]:2222,[" + n1.sshHost() + "]:2222 " + lines.get(1).split(" ", 2)[1]);
        Tools.Out keyscan = Tools.run(10, "ssh-keyscan", "-t", "ed25519", "-p", "2222", n1.sshHost());
        assertThat(keyscan.text()).contains(lines.get(1).split(" ")[2]);
    }

    @Test
    void stoppedNodeIsUnreachableUntilStartedAgain() {
        LabNode node = lab.node("valkyrie03");
        assertThat(Tools.ssh(lab, node, "echo kept > /root/disk-file; useradd -u 1002 carol; echo ok").text()).isEqualTo("ok\n");
        lab.stopNode("valkyrie03");
        assertThat(lab.isNodeRunning("valkyrie03")).isFalse();
        Tools.Out down = Tools.ssh(lab, node, "hostname");
        assertThat(down.rc()).isEqualTo(255);
        assertThat(down.text()).contains("Connection refused");
        lab.startNode("valkyrie03");
        // Power off keeps the disk: the same system boots again.
        assertThat(Tools.ssh(lab, node, "hostname; cat /root/disk-file; id -u carol").text())
                .isEqualTo("valkyrie03\nkept\n1002\n");
    }

    @Test
    void inventoryDescribesTheNodesInTheContractFormat() throws Exception {
        String yaml = Files.readString(lab.inventoryFile());
        LabNode n2 = lab.node("valkyrie02");
        assertThat(yaml).contains("  compute: \"valkyrie[01-04]\"\n", "  mgmt: odin\n",
                "  valkyrie02:\n    ip: 10.10.3.2\n    mac: \"" + n2.mac() + "\"\n    ssh: {host: " + n2.sshHost() + ", port: 2222}\n",
                "  odin:\n    ip: 10.10.0.1\n", "identity: \"" + lab.sshKey() + "\"");
        assertThat(Files.readString(lab.clusterHostsFile())).contains("10.10.0.1   odin\n", "10.10.3.4   valkyrie04\n");
        assertThat(Files.readString(lab.hostsFile())).contains(n2.sshHost() + " valkyrie02\n");
        assertThat(Files.getPosixFilePermissions(lab.secretsFile())).hasSize(2);
    }
}
