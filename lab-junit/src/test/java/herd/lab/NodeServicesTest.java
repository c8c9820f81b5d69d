package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The services of a lab node, through the node's own systemctl (the lab's: no systemd runs in a
 * node): real daemons started, stopped and restarted inside the node, enabled ones started again
 * at boot, and is-system-running saying the truth about them. Judged by chronyc, pgrep,
 * showmount and a userspace NFS client.
 */
@LabConfig(nodes = 2, extras = {"odin"}, dhcp = true)
class NodeServicesTest {
    private static final String SERVER = "printf 'local stratum 10\\nallow 10.10.0.0/16\\n' > /etc/chrony/chrony.conf";

    Lab lab;

    @Test
    void chronydStartsStopsAndRestartsInsideTheNodeAndTheClockStaysTheHosts() {
        LabNode odin = lab.node("odin");
        assertThat(sh(odin, SERVER + "; systemctl is-active chronyd; echo rc=$?").text()).isEqualTo("inactive\nrc=3\n");
        assertThat(sh(odin, "systemctl start chronyd && systemctl is-active chronyd && pgrep -ax chronyd").text())
                .isEqualTo("active\n" + pid(odin) + " /usr/sbin/chronyd -x\n");
        String first = pid(odin);
        assertThat(sh(odin, "systemctl restart chrony && pgrep -x chronyd").text()).as("by its alias too").isNotEqualTo(first + "\n");
        assertThat(sh(odin, "chronyc -n tracking | grep Stratum").text()).contains("10");
        assertThat(sh(lab.node("valkyrie01"), "pgrep -x chronyd || echo none").text()).as("odin's only").isEqualTo("none\n");
        assertThat(sh(odin, "systemctl stop chronyd; systemctl is-active chronyd; pgrep -x chronyd || echo gone").text())
                .isEqualTo("inactive\ngone\n");
    }

    @Test
    void anEnabledServiceStartsAtBootAndIsSystemRunningSaysWhenItDied() {
        LabNode node = lab.node("valkyrie02");
        sh(node, "printf 'server 10.10.0.1 iburst\\n' > /etc/chrony/chrony.conf");
        assertThat(sh(node, "systemctl enable chronyd 2>/dev/null; systemctl is-enabled chronyd; systemctl is-active chronyd").text())
                .isEqualTo("enabled\ninactive\n");
        assertThat(sh(node, "systemctl is-system-running; echo rc=$?").text()).isEqualTo("degraded\nrc=1\n");
        lab.stopNode(node.name());
        lab.startNode(node.name());
        assertThat(Tools.sshOnceUp(lab, node, "systemctl is-system-running --wait; systemctl is-active chronyd; pgrep -x chronyd >/dev/null && echo runs").text())
                .isEqualTo("running\nactive\nruns\n");
        assertThat(sh(node, "pkill -9 -x chronyd; sleep 0.3; systemctl is-active chronyd; systemctl is-system-running; echo rc=$?").text())
                .isEqualTo("failed\ndegraded\nrc=1\n");
        assertThat(sh(node, "systemctl disable --now chronyd 2>/dev/null; systemctl is-system-running").text()).isEqualTo("running\n");
    }

    @Test
    void unknownUnitsAndFailedStartsAnswerAsSystemctlDoes() {
        LabNode node = lab.node("valkyrie01");
        Tools.Out unknown = sh(node, "systemctl start nosuch 2>&1; echo rc=$?");
        assertThat(unknown.text()).isEqualTo("Failed to start nosuch.service: Unit nosuch.service not found.\nrc=5\n");
        Tools.Out bad = sh(node, "echo '/nowhere 10.10.0.0/16(rw)' > /etc/exports; systemctl start nfs-server 2>&1; echo rc=$?;"
                + " systemctl is-failed nfs-server");
        assertThat(bad.text()).contains("nfs-server: /etc/exports:1: /nowhere: not a directory").contains("rc=1\n")
                .endsWith("failed\n");
    }

    @Test
    void nfsServerServesEtcExportsToTheOtherNodes() {
        LabNode odin = lab.node("odin");
        assertThat(sh(odin, "mkdir -p /srv/share && echo shared > /srv/share/file && echo '/srv/share 10.10.0.0/16(ro)' > /etc/exports"
                + " && systemctl start nfs-server && systemctl is-active nfs-server rpcbind").text()).isEqualTo("active\nactive\n");
        LabNode client = lab.node("valkyrie01");
        assertThat(sh(client, "showmount -e odin").text()).contains("/srv/share 10.10.0.0/16");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String read = "";
        while (!read.equals("shared\n") && System.nanoTime() < deadline) {
            read = sh(client, "nfs-cat nfs://odin/srv/share/file").text();
        }
        assertThat(read).isEqualTo("shared\n");
        assertThat(sh(odin, "systemctl stop nfs-server; pgrep -x ganesha.nfsd || echo stopped").text()).isEqualTo("stopped\n");
    }

    private Tools.Out sh(LabNode node, String command) {
        return Tools.ssh(lab, node, command);
    }

    private String pid(LabNode node) {
        return sh(node, "cat /run/herd-lab/chronyd.service.pid").text().strip();
    }
}
