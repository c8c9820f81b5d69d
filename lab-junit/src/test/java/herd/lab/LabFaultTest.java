package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault planted, seen by an outside client (ssh, ipmitool, dig, dhclient), cleared, and the part works again. */
@LabConfig(nodes = 3, bmc = true, dns = true, dhcp = true)
class LabFaultTest {
    Lab lab;

    @AfterEach
    void clearAll() {
        lab.clearFaults();
    }

    private Tools.Out ipmitool(LabNode node, String... args) {
        return ipmitoolAs(lab.bmcPassword(), node, args);
    }

    private Tools.Out ipmitoolAs(String password, LabNode node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", node.bmcHost(),
                "-p", Integer.toString(node.bmcPort()), "-U", "admin", "-P", password, "-R", "1", "-N", "2"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 20);
    }

    /** A TCP connection to port 22 of the node's cluster address, from the dhcpd's side of the bridge. */
    private Tools.Out clusterPort22(LabNode node) {
        return Tools.run(10, "ip", "netns", "exec", lab.dhcpServerNamespace(), "timeout", "4", "bash", "-c",
                "exec 3<>/dev/tcp/" + node.ip() + "/22 && head -c 7 <&3");
    }

    private Tools.Out dig(String name) {
        return Tools.run(10, "dig", "+short", "+time=1", "+tries=1", "@127.0.0.1", "-p", Integer.toString(lab.dnsPort()), name, "A");
    }

    @Test
    void sshdDownRefusesSshWhileTheBmcSaysOn() {
        LabNode node = lab.node("valkyrie01");
        lab.fault("valkyrie01", FaultKind.SSHD_DOWN);
        assertThat(Tools.ssh(lab, node, "hostname").text()).contains("Connection refused");
        assertThat(clusterPort22(node).rc()).isNotZero();
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(lab.activeFaults()).extracting(Fault::target, Fault::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("valkyrie01", FaultKind.SSHD_DOWN));

        lab.clearFault("valkyrie01", FaultKind.SSHD_DOWN);
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie01\n");
        assertThat(clusterPort22(node).text()).isEqualTo("SSH-2.0");
        assertThat(lab.activeFaults()).isEmpty();
    }

    @Test
    void hangAcceptsTcpButNothingAnswersAndAResetCuresIt() {
        LabNode node = lab.node("valkyrie02");
        lab.fault("valkyrie02", FaultKind.HANG);
        assertThat(Tools.ssh(lab, node, "hostname").text()).contains("Connection timed out during banner exchange");
        assertThat(clusterPort22(node).rc()).isEqualTo(124); // connected, no banner within 4 s
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        lab.clearFault("valkyrie02", FaultKind.HANG);
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie02\n");

        // A power reset through the BMC boots the node afresh: the hang was its previous boot's.
        lab.fault("valkyrie02", FaultKind.HANG);
        assertThat(ipmitool(node, "chassis", "power", "reset").rc()).isZero();
        assertThat(Tools.sshOnceUp(lab, node, "hostname").text()).isEqualTo("valkyrie02\n");
        assertThat(lab.activeFaults()).isEmpty();
    }

    @Test
    void nicDownLeavesNoLinkAndSshTimesOut() {
        LabNode node = lab.node("valkyrie03");
        lab.fault("valkyrie03", FaultKind.NIC_DOWN);
        long start = System.nanoTime();
        Tools.Out ssh = Tools.ssh(lab, node, "hostname");
        assertThat(ssh.text()).contains("Connection timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(4));
        assertThat(clusterPort22(node).text()).contains("No route to host");
        List<String> link = new ArrayList<>(lab.inNode("valkyrie03"));
        link.addAll(List.of("ip", "-o", "link", "show", "eth0"));
        assertThat(Tools.run(link, 10).text()).contains("state DOWN");
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");

        lab.clearFault("valkyrie03", FaultKind.NIC_DOWN);
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie03\n");
        assertThat(clusterPort22(node).text()).isEqualTo("SSH-2.0");
    }

    @Test
    void bmcSilentAnswersNothingUntilCleared() {
        LabNode node = lab.node("valkyrie01");
        long pid = lab.bmcPid("valkyrie01");
        lab.fault("valkyrie01", FaultKind.BMC_SILENT);
        assertThat(ipmitool(node, "chassis", "power", "status").text()).contains("Unable to establish IPMI v2 / RMCP+ session");
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie01\n");
        lab.clearFault("valkyrie01", FaultKind.BMC_SILENT);
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(lab.bmcPid("valkyrie01")).isEqualTo(pid);
    }

    @Test
    void bmcDeadStaysDeadUntilClearedThenTheSupervisorRestartsIt() {
        LabNode node = lab.node("valkyrie02");
        long pid = lab.bmcPid("valkyrie02");
        lab.fault("valkyrie02", FaultKind.BMC_DEAD);
        assertThat(Procs.alive(pid)).isFalse();
        Procs.sleep(Duration.ofSeconds(2)); // the supervisor restarts a crashed BMC within 0.3 s
        assertThat(ipmitool(node, "chassis", "power", "status").text()).contains("Unable to establish IPMI v2 / RMCP+ session");
        assertThat(BmcSupervisor.boundUdpPorts()).doesNotContain(node.bmcPort());
        lab.clearFault("valkyrie02", FaultKind.BMC_DEAD);
        assertThat(lab.bmcPid("valkyrie02")).isNotEqualTo(pid);
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
    }

    @Test
    void bmcPasswordRefusesTheLabsPasswordAndTakesTheNewOne() {
        LabNode node = lab.node("valkyrie01");
        lab.fault("valkyrie01", FaultKind.BMC_PASSWORD);
        String changed = lab.bmcPassword("valkyrie01");
        assertThat(changed).isNotEqualTo(lab.bmcPassword());
        // An answer, not silence: the BMC refuses the lab's password at once.
        assertThat(ipmitool(node, "-v", "chassis", "power", "status").text()).contains("RAKP 2 HMAC is invalid");
        assertThat(ipmitoolAs(changed, node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(ipmitool(lab.node("valkyrie02"), "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        lab.clearFault("valkyrie01", FaultKind.BMC_PASSWORD);
        assertThat(lab.bmcPassword("valkyrie01")).isEqualTo(lab.bmcPassword());
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(ipmitoolAs(changed, node, "chassis", "power", "status").rc()).isNotZero();
    }

    @Test
    void httpDownStopsTheWebServerUntilCleared() {
        assertThat(curl().text()).matches("[1-5][0-9][0-9]");
        lab.fault(Fault.LAB, FaultKind.HTTP_DOWN);
        assertThat(curl().text()).isEqualTo("000");
        lab.clearFault(Fault.LAB, FaultKind.HTTP_DOWN);
        assertThat(curl().text()).matches("[1-5][0-9][0-9]");
    }

    /** The status code of GET / on the lab's web server (403: no index), from its network; "000": no answer. */
    private Tools.Out curl() {
        return Tools.run(10, "ip", "netns", "exec", lab.dhcpServerNamespace(), "curl", "-s", "-m", "3", "-o", "/dev/null",
                "-w", "%{http_code}", "http://10.10.0.1/");
    }

    @Test
    void hostkeyChangeOffersANewKeyThatStrictSshRefusesUntilCleared() {
        LabNode node = lab.node("valkyrie03");
        String before = keyscan(node);
        lab.fault("valkyrie03", FaultKind.HOSTKEY_CHANGE);
        assertThat(Tools.ssh(lab, node, "hostname").text()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        assertThat(keyscan(node)).startsWith("ssh-ed25519 ").isNotEqualTo(before);
        lab.clearFault("valkyrie03", FaultKind.HOSTKEY_CHANGE);
        assertThat(keyscan(node)).isEqualTo(before);
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie03\n");
    }

    /** The node's host key as ssh-keyscan gets it: {@code ssh-ed25519 BASE64}. */
    private static String keyscan(LabNode node) {
        String line = Tools.run(List.of("ssh-keyscan", "-T", "5", "-t", "ed25519", "-p", Integer.toString(node.sshPort()),
                node.sshHost()), 10, false).text().strip();
        return line.substring(line.indexOf(' ') + 1);
    }

    @Test
    void namedDownAndDhcpdDownStopTheServicesUntilCleared() {
        assertThat(dig("valkyrie01.cluster.local").text()).isEqualTo("10.10.3.1\n");
        lab.fault(Fault.LAB, FaultKind.NAMED_DOWN);
        assertThat(dig("valkyrie01.cluster.local").text()).contains("no servers could be reached");
        lab.clearFault(Fault.LAB, FaultKind.NAMED_DOWN);
        assertThat(dig("valkyrie01.cluster.local").text()).isEqualTo("10.10.3.1\n");

        lab.fault(Fault.LAB, FaultKind.DHCPD_DOWN);
        assertThat(lab.dhcpRequest("valkyrie01").bound()).isFalse();
        lab.clearFault(Fault.LAB, FaultKind.DHCPD_DOWN);
        DhcpLease lease = lab.dhcpRequest("valkyrie01");
        assertThat(lease.bound()).isTrue();
        assertThat(lease.ip()).isEqualTo("10.10.3.1");
    }

    @Test
    void forClearsTheFaultByItself() {
        LabNode node = lab.node("valkyrie03");
        lab.fault("valkyrie03", FaultKind.SSHD_DOWN, Duration.ofSeconds(2));
        assertThat(Tools.ssh(lab, node, "hostname").text()).contains("Connection refused");
        assertThat(lab.activeFaults()).singleElement().satisfies(f -> assertThat(f.until()).isPresent());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!lab.activeFaults().isEmpty() && System.nanoTime() < deadline) {
            Procs.sleep(Duration.ofMillis(100));
        }
        assertThat(lab.activeFaults()).isEmpty();
        assertThat(Tools.ssh(lab, node, "hostname").text()).isEqualTo("valkyrie03\n");
    }

    @Test
    void theCommandLinePlantsListsAndClearsFaults() {
        String dir = lab.dir().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LabMain main = new LabMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(main.run("fault", "valkyrie[01-02]", "sshd-down", "--dir", dir)).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("herd lab: sshd-down on valkyrie[01-02] until 'herd lab fault clear'\n");
        assertThat(Tools.ssh(lab, lab.node("valkyrie02"), "hostname").text()).contains("Connection refused");
        assertThat(main.run("fault", "valkyrie01", "sshd-down", "--dir", dir)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("herd lab: node valkyrie01 already has fault sshd-down\n");
        err.reset();
        assertThat(main.run("fault", "valkyrie01", "melt", "--dir", dir)).isEqualTo(2);
        assertThat(err.toString()).startsWith("herd lab: unknown fault 'melt' (known: sshd-down, hang, nic-down, bmc-silent, bmc-dead,"
                + " bmc-password, hostkey-change, dhcpd-down, named-down, http-down)\n");
        err.reset();
        assertThat(main.run("fault", "dhcpd-down", "--for", "soon", "--dir", dir)).isEqualTo(2);
        assertThat(err.toString()).startsWith("herd lab: bad DURATION 'soon' (e.g. 30s, 500ms, 2m, 1h)\n");
        assertThat(lab.activeFaults()).hasSize(2);

        out.reset();
        assertThat(main.run("status", "--dir", dir)).isZero();
        assertThat(out.toString()).containsPattern("  faults \\(2\\):\n  valkyrie01 +sshd-down +since [0-9:]+Z\n"
                + "  valkyrie02 +sshd-down +since [0-9:]+Z\n");
        out.reset();
        assertThat(main.run("fault", "clear", "valkyrie02", "--dir", dir)).isZero();
        assertThat(out.toString()).isEqualTo("herd lab: cleared valkyrie02 sshd-down\n");
        assertThat(Tools.ssh(lab, lab.node("valkyrie02"), "hostname").text()).isEqualTo("valkyrie02\n");
        out.reset();
        assertThat(main.run("fault", "clear", "--dir", dir)).isZero();
        assertThat(out.toString()).isEqualTo("herd lab: cleared valkyrie01 sshd-down\n");
        assertThat(Tools.ssh(lab, lab.node("valkyrie01"), "hostname").text()).isEqualTo("valkyrie01\n");
    }
}
