package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * power, bootdev and bmc info over Redfish through the real {@code ./herd}, on a lab whose BMCs
 * serve Redfish (its inventory says {@code bmc.protocol: redfish} and pins the lab CA); what herd
 * did is read back with DMTF's redfishtool and, on the same chassis, ipmitool.
 */
@LabConfig(nodes = 3, bmc = true, redfish = true)
class RedfishShellTest {

    Lab lab;
    @TempDir
    Path home;

    @AfterEach
    void offerEveryResetType() {
        lab.offerResetTypes("valkyrie03", List.of());
    }

    /** Runs the lines as a batch file; each request to a BMC may take 30 s (the machine is shared). */
    private HerdProcess.Result herd(Path inventory, String... lines) throws Exception {
        Path script = Files.createTempFile(home, "redfish-", ".csh");
        Files.writeString(script, "set bmc_timeout 30\n" + String.join("\n", lines) + "\n");
        return HerdProcess.run(home, null, "--inventory", inventory.toString(), script.toString());
    }

    private String tool(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private String redfishtool(String node, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redfishtool", "-r", lab.redfishUrl(node).substring(8), "-u", "admin",
                "-p", lab.bmcPassword(), "-S", "Always"));
        cmd.addAll(List.of(args));
        return tool(cmd);
    }

    @Test
    void powerBootdevAndBmcInfoInABatch() throws Exception {
        HerdProcess.Result r = herd(lab.inventoryFile(),
                "power off valkyrie02 --wait",
                "power status @compute",
                "power on @power:off --wait",
                "bootdev pxe @compute --efi",
                "bootdev status valkyrie[01-03]",
                "bmc info valkyrie[01-02]");
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly("valkyrie02: off", "valkyrie[01,03]: on", "valkyrie02: off",
                "valkyrie02: on", "valkyrie[01-03]: pxe efi");
        assertThat(lines.get(5)).isEqualTo("valkyrie[01-03]: pxe efi");
        assertThat(lines.get(6)).matches("NODES +MANUFACTURER +MODEL +SERIAL +BIOS +BMC_FIRMWARE +HEALTH +POWER");
        assertThat(lines.get(7)).matches("valkyrie01 +herd +herd lab node +HERD-VALKYRIE01 +herd-lab-bios 1.0 +herd-lab-bmc 1.0 +OK +on");
        assertThat(r.status()).isZero();
        assertThat(redfishtool("valkyrie03", "Systems", "-1", "-P", "Boot")).contains("\"BootSourceOverrideTarget\": \"Pxe\"")
                .contains("\"BootSourceOverrideEnabled\": \"Once\"").contains("\"BootSourceOverrideMode\": \"UEFI\"");
        assertThat(lab.chassisLog("valkyrie02")).map(l -> l.substring(l.indexOf(' ') + 1))
                .containsSubsequence("power off", "power on");
        assertThat(lab.redfishRequests("valkyrie02")).anyMatch(l -> l.startsWith("DELETE /redfish/v1/SessionService/Sessions/"))
                .as("the session ends with herd");
    }

    @Test
    void aResetTypeNotOfferedFailsThatNodeWithTheReasonAndJsonHasTheFacts() throws Exception {
        lab.offerResetTypes("valkyrie03", List.of("On", "ForceOff"));
        HerdProcess.Result r = herd(lab.inventoryFile(), "power cycle valkyrie[02-03] --yes");
        assertThat(r.out().lines()).containsExactlyInAnyOrder("valkyrie02: ok",
                "valkyrie03: power cycle: the system does not offer ResetType PowerCycle (it offers On, ForceOff)");
        assertThat(r.err()).contains("power cycle: 1 of 2 nodes failed (see @last:failed)").contains(".csh:2: ");
        assertThat(r.status()).isEqualTo(1);

        HerdProcess.Result json = herd(lab.inventoryFile(), "bmc info valkyrie03 --json");
        assertThat(json.out().strip()).isEqualTo("[{\"nodes\":[\"valkyrie03\"],\"manufacturer\":\"herd\",\"model\":"
                + "\"herd lab node\",\"serial\":\"HERD-VALKYRIE03\",\"bios\":\"herd-lab-bios 1.0\",\"bmc_firmware\":"
                + "\"herd-lab-bmc 1.0\",\"health\":\"OK\",\"power\":\"on\"}]");
    }

    @Test
    void ipmiAndRedfishNodesInOneCommandAndInsecureIsSaidOnEveryUse() throws Exception {
        String text = Files.readString(lab.inventoryFile());
        String url = ", url: \"" + lab.redfishUrl("valkyrie01") + "\"}";
        assertThat(text).contains(url);
        Path mixed = home.resolve("mixed.yaml");
        Files.writeString(mixed, text.replace(url, ", protocol: ipmi}")
                .replace("    ca: \"" + lab.redfishCa() + "\"\n", "    insecure: true\n"));
        int before = lab.redfishRequests("valkyrie01").size();
        HerdProcess.Result r = herd(mixed, "power status @compute");
        assertThat(r.out()).isEqualTo("valkyrie[01-03]: on\n");
        assertThat(r.err()).isEqualTo("herd: warning: valkyrie[02-03]: Redfish certificate not checked (bmc.insecure)\n");
        assertThat(r.status()).isZero();
        assertThat(lab.redfishRequests("valkyrie01")).as("valkyrie01 spoke IPMI").hasSize(before);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        Path secrets = home.resolve("wrong-secrets");
        Files.writeString(secrets, "bmc=not-the-password\n");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path wrong = home.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(lab.inventoryFile()).replace(lab.secretsFile().toString(), secrets.toString()));
        HerdProcess.Result r = herd(wrong, "power status valkyrie01");
        assertThat(r.out()).startsWith("valkyrie01: credentials refused for user admin (Base.1.8.AccessDenied: ")
                .doesNotContain("not-the-password");
        assertThat(r.status()).isEqualTo(1);
    }
}
