package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import herd.logs.LogLineParser;
import herd.logs.NodeTagger;
import herd.pxe.DeployProfile;
import herd.pxe.RenderersTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stage machine fed with lines in the servers' real formats (dhcpd syslog, tftpd-hpa syslog, nginx combined). */
class DeployTrackerTest {

    static final String V1_MAC = "08:00:27:0d:f8:a5";
    static final String V2_MAC = "08:00:27:0d:f8:a6";
    final LogLineParser parser = new LogLineParser(new NodeTagger(List.of(
            new NodeTagger.Address("valkyrie01", "10.10.3.1", V1_MAC),
            new NodeTagger.Address("valkyrie02", "10.10.3.2", V2_MAC))), ZoneOffset.UTC);
    final List<DeployEvent> events = new ArrayList<>();
    final DeployProfile compute = RenderersTest.profiles().get("storage");
    final Instant t0 = Instant.parse("2026-11-25T17:00:00Z");
    Instant now = t0;
    DeployTracker tracker;

    @BeforeEach
    void start() {
        tracker = new DeployTracker(DeployTimeouts.uniform(Duration.ofMinutes(3)), events::add);
        tracker.track("valkyrie01", "10.10.3.1", ChainPaths.of("valkyrie01", compute), t0);
        tracker.track("valkyrie02", "10.10.3.2", ChainPaths.of("valkyrie02", compute), t0);
    }

    private void feed(String raw) {
        now = now.plusSeconds(10);
        tracker.accept(parser.parse("test", raw, now), now);
    }

    private void dhcp(String mac, String ip) {
        feed("Nov 25 17:26:27 odin dhcpd[413]: DHCPDISCOVER from " + mac + " via eth0");
        feed("Nov 25 17:26:27 odin dhcpd[413]: DHCPOFFER on " + ip + " to " + mac + " via eth0");
        feed("Nov 25 17:26:27 odin dhcpd[413]: DHCPREQUEST for " + ip + " (10.10.0.1) from " + mac + " via eth0");
        feed("Nov 25 17:26:27 odin dhcpd[413]: DHCPACK on " + ip + " to " + mac + " via eth0");
    }

    private void http(String ip, String path, int status) {
        feed(ip + " - - [25/Nov/2026:17:26:46 +0000] \"GET " + path + " HTTP/1.1\" " + status
                + " 1234 \"-\" \"iPXE/1.21.1+ (g4bd0)\"");
    }

    private void pxeInstall(String node, String mac, String ip) {
        dhcp(mac, ip);
        feed("Nov 25 17:26:45 odin in.tftpd[1683]: RRQ from " + ip + " filename undionly.kpxe");
        dhcp(mac, ip); // iPXE asks again
        http(ip, "/boot.ipxe", 200);
        http(ip, "/nodes/" + node + ".ipxe", 200);
        http(ip, "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz", 200);
        http(ip, "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/initrd.img", 200);
        http(ip, "/nodes_groups/group_storage.kickstart.cfg", 200);
        http(ip, "/repositories/AlmaLinux/9/x86_64/os/images/install.img", 200);
        http(ip, "/repositories/AlmaLinux/9/x86_64/os/BaseOS/Packages/b/bash-5.1.8-6.el9.x86_64.rpm", 200);
        http(ip, "/herd/install-finished", 200);
    }

    private List<Stage> reached(String node) {
        return events.stream().filter(e -> e instanceof DeployEvent.StageReached r && r.node().equals(node))
                .map(e -> ((DeployEvent.StageReached) e).stage()).toList();
    }

    @Test
    void aFullDeploymentGoesThroughEveryStage() {
        pxeInstall("valkyrie01", V1_MAC, "10.10.3.1");
        dhcp(V1_MAC, "10.10.3.1"); // the installed system boots and asks for its address
        now = now.plusSeconds(20);
        tracker.sshUp("valkyrie01", now);
        assertThat(reached("valkyrie01")).containsExactly(Stage.DHCP_OFFERED, Stage.DHCP_ACKED, Stage.IPXE_BINARY,
                Stage.BOOT_SCRIPT, Stage.NODE_FILE, Stage.KERNEL, Stage.INITRD, Stage.INSTALLER_CONFIG,
                Stage.INSTALLING, Stage.INSTALL_FINISHED, Stage.REBOOTED, Stage.SSH_UP);
        NodeProgress p = tracker.progress().get(0);
        assertThat(p.done()).isTrue();
        assertThat(p.elapsed(now)).isEqualTo(Duration.ofSeconds(10 * 21 + 20));
        assertThat(tracker.allDone()).isFalse();
        assertThat(tracker.progress().get(1).stage()).isEqualTo(Stage.WAITING);
        assertThat(events).noneMatch(e -> e instanceof DeployEvent.ReinstallDetected);
    }

    @Test
    void sshBackAfterTheInstallProvesTheRebootAndALateDhcpLineAddsNothing() {
        pxeInstall("valkyrie01", V1_MAC, "10.10.3.1");
        now = now.plusSeconds(20);
        tracker.sshUp("valkyrie01", now); // the probe saw sshd go away and answer again
        dhcp(V1_MAC, "10.10.3.1"); // the reboot's DHCP lines, read by the tail only now
        assertThat(reached("valkyrie01")).endsWith(Stage.INSTALL_FINISHED, Stage.REBOOTED, Stage.SSH_UP)
                .containsOnlyOnce(Stage.REBOOTED);
        assertThat(tracker.progress().get(0).stage()).isEqualTo(Stage.SSH_UP);
    }

    @Test
    void aDhcpLineReadAfterTheFirstHttpLinesStillCounts() {
        http("10.10.3.1", "/boot.ipxe", 200);
        http("10.10.3.1", "/nodes/valkyrie01.ipxe", 200);
        dhcp(V1_MAC, "10.10.3.1");
        dhcp(V1_MAC, "10.10.3.1");
        assertThat(reached("valkyrie01")).containsExactly(Stage.BOOT_SCRIPT, Stage.NODE_FILE, Stage.DHCP_OFFERED,
                Stage.DHCP_ACKED);
        assertThat(tracker.progress().get(0).stage()).isEqualTo(Stage.NODE_FILE);
    }

    @Test
    void sshBeforeTheInstallProvesNothing() {
        tracker.sshUp("valkyrie01", now);
        assertThat(events).isEmpty();
    }

    @Test
    void aNodeWithoutDhcpEntryIsStuckAtTheDhcpStageWithItsLastEvent() {
        feed("Nov 25 17:26:40 odin dhcpd[1386]: DHCPDISCOVER from " + V2_MAC
                + " via eth0: network 10.10.0.0/16: no free leases");
        pxeInstall("valkyrie01", V1_MAC, "10.10.3.1");
        assertThat(tracker.checkTimeouts(t0.plusSeconds(170))).isEmpty();
        List<DeployEvent.Stuck> stuck = tracker.checkTimeouts(t0.plusSeconds(200));
        assertThat(stuck).extracting(DeployEvent.Stuck::message).containsExactly(
                "valkyrie02: stuck at waiting-dhcp for 3m20s, last event: DHCPDISCOVER from 08:00:27:0d:f8:a6 "
                        + "via eth0: network 10.10.0.0/16: no free leases");
        assertThat(tracker.checkTimeouts(t0.plusSeconds(400))).as("reported once per stage")
                .extracting(DeployEvent.Stuck::node).containsExactly("valkyrie01");
        assertThat(tracker.progress().get(1).stuck()).isTrue();
    }

    @Test
    void installingStaysAliveWhilePackagesAreFetched() {
        tracker = new DeployTracker(DeployTimeouts.uniform(Duration.ofSeconds(15)), events::add);
        tracker.track("valkyrie01", "10.10.3.1", ChainPaths.of("valkyrie01", compute), now);
        dhcp(V1_MAC, "10.10.3.1");
        http("10.10.3.1", "/nodes_groups/group_storage.kickstart.cfg", 200);
        for (int i = 0; i < 5; i++) {
            http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/BaseOS/Packages/p" + i + ".rpm", 200);
            assertThat(tracker.checkTimeouts(now.plusSeconds(5))).isEmpty();
        }
        assertThat(tracker.checkTimeouts(now.plusSeconds(16))).extracting(DeployEvent.Stuck::stage)
                .containsExactly(Stage.INSTALLING);
    }

    @Test
    void aSecondInstallAfterTheCallbackIsFlagged() {
        pxeInstall("valkyrie01", V1_MAC, "10.10.3.1");
        dhcp(V1_MAC, "10.10.3.1");
        http("10.10.3.1", "/boot.ipxe", 200);
        http("10.10.3.1", "/nodes/valkyrie01.ipxe", 200);
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz", 200);
        assertThat(events).filteredOn(e -> e instanceof DeployEvent.ReinstallDetected).singleElement()
                .extracting(DeployEvent::node).isEqualTo("valkyrie01");
        NodeProgress p = tracker.progress().get(0);
        assertThat(p.reinstalls()).isEqualTo(1);
        assertThat(p.stage()).isEqualTo(Stage.KERNEL);
        assertThat(reached("valkyrie01")).endsWith(Stage.INSTALL_FINISHED, Stage.REBOOTED, Stage.KERNEL);
    }

    @Test
    void linesOfOtherNodesAndUnknownFilesChangeNothing() {
        http("10.10.3.1", "/favicon.ico", 404);
        http("10.10.9.9", "/nodes/valkyrie07.ipxe", 404);
        feed("Nov 25 17:26:45 odin in.tftpd[1683]: RRQ from 10.10.3.1 filename pxelinux.0");
        assertThat(events).isEmpty();
        assertThat(tracker.progress().get(0).lastEvent()).isEqualTo("RRQ from 10.10.3.1 filename pxelinux.0");
    }

    @Test
    void aRefusedChainFileFailsTheNodeWithThatLineUntilARetrySucceeds() {
        dhcp(V1_MAC, "10.10.3.1");
        http("10.10.3.1", "/boot.ipxe", 200);
        http("10.10.3.1", "/nodes/valkyrie01.ipxe", 200);
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz", 404);
        NodeProgress p = tracker.progress().get(0);
        assertThat(p.stage()).isEqualTo(Stage.NODE_FILE);
        assertThat(p.failed()).isTrue();
        assertThat(p.outcome()).isEqualTo("failed at node-file");
        assertThat(p.evidence()).contains("\"GET /repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz HTTP/1.1\" 404");
        assertThat(events).filteredOn(e -> e instanceof DeployEvent.Failed).singleElement()
                .extracting(e -> ((DeployEvent.Failed) e).stage()).isEqualTo(Stage.KERNEL);
        assertThat(tracker.settled()).isFalse(); // valkyrie02 is still on its way
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz", 200);
        assertThat(tracker.progress().get(0).failed()).isFalse();
        assertThat(tracker.progress().get(0).stage()).isEqualTo(Stage.KERNEL);
    }

    @Test
    void anOptionalInstallerFileRefusedIsNoFailure() {
        pxeInstall("valkyrie02", V2_MAC, "10.10.3.2");
        dhcp(V1_MAC, "10.10.3.1");
        http("10.10.3.1", "/boot.ipxe", 200);
        http("10.10.3.1", "/nodes/valkyrie01.ipxe", 200);
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz", 200);
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/initrd.img", 200);
        http("10.10.3.1", "/nodes_groups/group_storage.kickstart.cfg", 200);
        http("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/updates.img", 404);
        assertThat(tracker.progress().get(0).failed()).isFalse();
        assertThat(tracker.progress().get(0).stage()).isEqualTo(Stage.INSTALLING);
    }
}
