package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 3, extras = {"odin", "thor"}, dns = true, dhcp = true)
class LabDnsDhcpTest {
    Lab lab;

    private Tools.Out dig(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dig", "+short", "@127.0.0.1", "-p", Integer.toString(lab.dnsPort())));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 10);
    }

    @Test
    void namedAnswersForwardAndReverseForEveryNode() {
        for (LabNode n : lab.nodes()) {
            assertThat(dig(n.name() + ".cluster.local", "A").text()).isEqualTo(n.ip() + "\n");
            assertThat(dig("-x", n.ip()).text()).isEqualTo(n.name() + ".cluster.local.\n");
        }
        assertThat(dig("cluster.local", "NS").text()).isEqualTo("odin.cluster.local.\n");
    }

    @Test
    void zoneFilesAreInTheTutorialFormat() throws Exception {
        assertThat(Files.readString(lab.forwardZoneFile())).startsWith("$TTL 86400\n@   IN  SOA     odin.cluster.local. root.cluster.local. (\n")
                .contains("valkyrie01         IN  A   10.10.3.1\n", "thor               IN  A   10.10.1.1\n");
        assertThat(Files.readString(lab.reverseZoneFile())).contains("1.3        IN  PTR         valkyrie01.cluster.local.\n",
                "1.1        IN  PTR         thor.cluster.local.\n");
        assertThat(Files.readString(lab.dhcpdConf())).contains("host valkyrie02 {\n hardware ethernet "
                + lab.node("valkyrie02").mac().toUpperCase() + ";\n fixed-address 10.10.3.2;\n option host-name \"valkyrie02\";\n}\n");
        assertThat(Files.readString(lab.inventoryFile())).contains("    port: " + lab.dnsPort() + "\n",
                "cluster.local: \"" + lab.forwardZoneFile() + "\"", "    conf: \"" + lab.dhcpdConf() + "\"");
    }

    @Test
    void rndcControlsNamedAndTsigKeyAllowsDynamicUpdates() {
        List<String> rndc = new ArrayList<>(lab.rndcCommand());
        rndc.add("status");
        Tools.Out status = Tools.run(rndc, 10);
        assertThat(status.rc()).as(status.text()).isZero();
        assertThat(status.text()).contains("server is up and running");

        String update = "server 127.0.0.1 " + lab.dnsPort() + "\nzone cluster.local\n"
                + "update add valkyrie42.cluster.local 300 A 10.10.3.42\nsend\n";
        Tools.Out nsupdate = Tools.run(List.of("sh", "-c", "printf '" + update.replace("\n", "\\n") + "' | nsupdate -y hmac-sha256:ddns-key:"
                + lab.ddnsSecret()), 10);
        assertThat(nsupdate.rc()).as(nsupdate.text()).isZero();
        assertThat(dig("valkyrie42.cluster.local", "A").text()).isEqualTo("10.10.3.42\n");

        Tools.Out refused = Tools.run(List.of("sh", "-c", "printf '" + update.replace("42", "43").replace("\n", "\\n")
                + "' | nsupdate -y hmac-sha256:ddns-key:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), 10);
        assertThat(refused.rc()).isNotZero();
    }

    @Test
    void dhclientInANodeNamespaceGetsTheNodesFixedAddress() {
        DhcpLease lease = lab.dhcpRequest("valkyrie02");
        assertThat(lease.bound()).isTrue();
        assertThat(lease.ip()).isEqualTo("10.10.3.2");
        assertThat(lease.hostName()).isEqualTo("valkyrie02");
        assertThat(lease.nextServer()).isEqualTo("10.10.0.1");
        assertThat(lease.domainName()).isEqualTo("cluster.local");
        assertThat(lease.domainNameServers()).containsExactly("10.10.0.1");
        assertThat(lab.dhcpRequest("thor").ip()).isEqualTo("10.10.1.1");
    }

    @Test
    void clientArchChoosesTheBootFileAndUnknownMacsGetNoOffer() {
        assertThat(lab.dhcpRequest("valkyrie01", 7).filename()).isEqualTo("ipxe.efi");
        assertThat(lab.dhcpRequest("valkyrie01", 0).filename()).isEqualTo("undionly.kpxe");
        assertThat(lab.dhcpRequestAs("08:00:27:aa:bb:cc", 0).bound()).isFalse();
    }
}
