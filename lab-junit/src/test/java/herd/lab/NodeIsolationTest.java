package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each lab node is a system of its own: what root does on one node (a user added, /etc/hosts
 * rewritten, /tmp emptied, every process killed) reaches neither the host nor another node.
 */
@LabConfig(nodes = 3, extras = {"odin"}, dhcp = true)
class NodeIsolationTest {
    private static final String DAMAGE = "useradd -u 1001 bob && echo '10.99.0.1 damaged' > /etc/hosts"
            + " && rm -rf /tmp/* && (kill -9 -1; true)";

    Lab lab;

    @Test
    void whatRootDoesOnANodeReachesNeitherTheHostNorAnotherNode() throws Exception {
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        String hostHosts = Files.readString(Path.of("/etc/hosts"));
        Path hostTmp = Files.createTempFile(Path.of("/tmp"), "herd-isolation-", ".txt");
        Process hostSleeper = new ProcessBuilder("sleep", "600").start();
        try {
            for (LabNode node : lab.nodes()) {
                // A file in its /tmp and a process of its own on every node, as a user would leave them.
                Tools.Out setup = Tools.ssh(lab, node, "echo " + node.name() + " > /tmp/mine;"
                        + " (setsid sleep 600 </dev/null >/dev/null 2>&1 &); echo started");
                assertThat(setup.text()).as(setup.text()).isEqualTo("started\n");
            }
            for (int i = 0; i < lab.nodes().size(); i++) {
                LabNode node = lab.nodes().get(i);
                Tools.Out damage = Tools.ssh(lab, node, DAMAGE); // the session dies with every process of the node
                assertThat(Tools.ssh(lab, node, "getent passwd bob | cut -d: -f3; cat /etc/hosts; ls -A /tmp;"
                        + " pgrep -x sleep || echo no-sleep").text())
                        .as("the node itself took the changes and is still up; damage said: " + damage.text())
                        .isEqualTo("1001\n10.99.0.1 damaged\nno-sleep\n");
                assertThat(Files.readString(Path.of("/etc/passwd"))).isEqualTo(hostPasswd);
                assertThat(Files.readString(Path.of("/etc/hosts"))).isEqualTo(hostHosts);
                assertThat(hostTmp).exists();
                assertThat(hostSleeper.isAlive()).isTrue();
                for (LabNode other : lab.nodes().subList(i + 1, lab.nodes().size())) {
                    assertThat(Tools.ssh(lab, other, "getent passwd bob || echo no-bob; grep -c damaged /etc/hosts;"
                            + " cat /tmp/mine; pgrep -x sleep >/dev/null && echo sleeping").text())
                            .as(other.name() + " after " + node.name() + " was damaged")
                            .isEqualTo("no-bob\n0\n" + other.name() + "\nsleeping\n");
                }
            }
        } finally {
            hostSleeper.destroyForcibly();
            Files.deleteIfExists(hostTmp);
        }
    }

    @Test
    void aNodeSeesOnlyItsOwnProcessesHostnameAndNetwork() {
        LabNode node = lab.node("valkyrie02");
        Tools.Out out = Tools.ssh(lab, node, "hostname; ps -e -o comm= | sort -u | paste -sd,;"
                + " cat /proc/1/cmdline | tr '\\0' ' '; echo; ip -o -4 addr show eth0 | awk '{print $4}'");
        assertThat(out.rc()).as(out.text()).isZero();
        List<String> lines = out.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("valkyrie02");
        // PID 1 is the node's own init; nothing of the host or of other nodes is in sight.
        assertThat(lines.get(1).split(",")).filteredOn(comm -> !comm.startsWith("herd-node")).isSubsetOf("bash", "ps", "sort", "paste", "sshd", "sleep");
        assertThat(lines.get(2)).isEqualTo("herd-node " + lab.dir() + " valkyrie02 ");
        assertThat(lines.get(3)).isEqualTo(node.ip() + "/16");
    }

    @Test
    void nodesReachEachOtherOnTheClusterNetwork() {
        // Port 22 of another node's cluster address, from inside a node: ssh between nodes as on a cluster.
        Tools.Out out = Tools.ssh(lab, lab.node("valkyrie01"), "timeout 5 bash -c 'head -1 < /dev/tcp/"
                + lab.node("valkyrie03").ip() + "/22'; timeout 5 bash -c 'head -1 < /dev/tcp/10.10.0.1/22'");
        assertThat(out.text()).as(out.text()).startsWith("SSH-2.0-OpenSSH").contains("\nSSH-2.0-OpenSSH");
    }
}
