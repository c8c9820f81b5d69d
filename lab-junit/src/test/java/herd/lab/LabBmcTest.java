package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 3, bmc = true)
class LabBmcTest {
    Lab lab;

    private Tools.Out ipmitool(LabNode node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", node.bmcHost(),
                "-p", Integer.toString(node.bmcPort()), "-U", "admin", "-P", lab.bmcPassword()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 20);
    }

    @Test
    void powerOffStopsTheNodesSshdAndPowerOnBringsItBack() {
        LabNode node = lab.node("valkyrie01");
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(ipmitool(node, "chassis", "power", "off").rc()).isZero();
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is off\n");
        assertThat(Tools.ssh(lab, node, "hostname").text()).contains("Connection refused");

        assertThat(ipmitool(node, "chassis", "power", "on").rc()).isZero();
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is on\n");
        assertThat(Tools.sshOnceUp(lab, node, "hostname").text()).isEqualTo("valkyrie01\n");
        assertThat(lab.chassisLog("valkyrie01")).map(l -> l.substring(l.indexOf(' ') + 1))
                .containsSubsequence("power off", "power on");
    }

    @Test
    void resetRestartsTheSshdAndSoftOffStopsItAfterADelay() {
        LabNode node = lab.node("valkyrie02");
        long before = Procs.readPid(lab.dir().resolve("nodes/valkyrie02/init.pid")).orElseThrow();
        assertThat(ipmitool(node, "chassis", "power", "reset").rc()).isZero();
        assertThat(Procs.alive(before)).isFalse();
        assertThat(Tools.sshOnceUp(lab, node, "hostname").text()).isEqualTo("valkyrie02\n");
        long after = Procs.readPid(lab.dir().resolve("nodes/valkyrie02/init.pid")).orElseThrow();
        assertThat(after).isNotEqualTo(before);

        assertThat(ipmitool(node, "chassis", "power", "soft").rc()).isZero();
        assertThat(lab.isNodeRunning("valkyrie02")).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lab.isNodeRunning("valkyrie02") && System.nanoTime() < deadline) {
            Procs.sleep(Duration.ofMillis(100));
        }
        assertThat(ipmitool(node, "chassis", "power", "status").text()).isEqualTo("Chassis Power is off\n");
        assertThat(ipmitool(node, "chassis", "power", "on").rc()).isZero();
    }

    @Test
    void bootDeviceSetOverIpmiIsRecorded(Lab injected) {
        assertThat(injected).isSameAs(lab);
        LabNode node = lab.node("valkyrie03");
        assertThat(ipmitool(node, "chassis", "bootdev", "pxe").text()).isEqualTo("Set Boot Device to pxe\n");
        assertThat(lab.bootDevice("valkyrie03")).isEqualTo("pxe");
        assertThat(ipmitool(node, "chassis", "bootdev", "disk").rc()).isZero();
        assertThat(lab.bootDevice("valkyrie03")).isEqualTo("default");
        assertThat(lab.chassisLog("valkyrie03")).anyMatch(l -> l.endsWith(" boot pxe"));
    }

    @Test
    void solShowsTheBootLogAfterPowerOnAndRunsWhatIsTyped() throws Exception {
        LabNode node = lab.node("valkyrie03");
        String bmc = "ipmitool -I lanplus -C 3 -H 127.0.0.1 -p " + node.bmcPort() + " -U admin -P " + lab.bmcPassword();
        Path script = Files.createTempFile("herd-lab-sol-", ".exp");
        Files.writeString(script, String.join("\n",
                "set timeout 20",
                "spawn " + bmc + " sol activate",
                "expect \"SOL Session operational\"",
                "exec " + bmc + " chassis power cycle",
                "expect \"valkyrie03 login: \"",
                "send \"root\\r\"",
                "expect \"# \"",
                "send \"hostname\\r\"",
                "expect \"# \"",
                "exec " + bmc + " chassis power off",
                "send \"echo typed-while-off\\r\"",
                "set timeout 2",
                "expect {",
                "  \"typed-while-off\" { puts \"\\nCONSOLE-NOT-SILENT\" }",
                "  timeout { puts \"\\nCONSOLE-SILENT\" }",
                "}",
                "exec " + bmc + " chassis power on",
                "send \"~.\"",
                "expect eof", ""));
        try {
            Tools.Out out = Tools.run(30, "expect", script.toString());
            assertThat(out.text()).contains("Linux version", "Hostname set to <valkyrie03>",
                    "address " + node.mac(), "valkyrie03 login: root", "[root@valkyrie03 ~]# hostname\r\nvalkyrie03\r\n",
                    "CONSOLE-SILENT");
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void deadBmcIsRestartedByTheLab() {
        LabNode node = lab.node("valkyrie01");
        long old = lab.bmcPid("valkyrie01");
        Procs.killAll(List.of(old), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((lab.bmcPid("valkyrie01") == old || !Procs.alive(lab.bmcPid("valkyrie01"))) && System.nanoTime() < deadline) {
            Procs.sleep(Duration.ofMillis(50));
        }
        assertThat(lab.bmcPid("valkyrie01")).isNotEqualTo(old);
        Tools.Out status = Tools.run(List.of("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do ipmitool -I lanplus -C 3 -H 127.0.0.1 -p "
                + node.bmcPort() + " -U admin -P " + lab.bmcPassword() + " chassis power status && exit 0; sleep 0.3; done; exit 1"), 60);
        assertThat(status.text()).endsWith("Chassis Power is on\n");
    }

    @Test
    void wrongPasswordIsRefused() {
        LabNode node = lab.node("valkyrie02");
        Tools.Out out = Tools.run(20, "ipmitool", "-I", "lanplus", "-C", "3", "-H", "127.0.0.1", "-p",
                Integer.toString(node.bmcPort()), "-U", "admin", "-P", "not-the-password", "chassis", "power", "status");
        assertThat(out.rc()).isNotZero();
    }
}
