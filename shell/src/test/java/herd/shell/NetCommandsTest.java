package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.shell.HerdProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dhcp, dns, hosts and net adapters through the real {@code ./herd} process, on the tutorial's files. */
class NetCommandsTest {
    private static final Path TUTORIAL = HerdProcess.ROOT.resolve("commands/src/test/resources/herd/net/tutorial");

    @TempDir
    Path home;

    @BeforeEach
    void files() throws IOException {
        for (String f : List.of("dhcpd.conf", "forward", "reverse", "hosts")) {
            Files.copy(TUTORIAL.resolve(f), home.resolve(f));
        }
        Files.writeString(home.resolve("cluster.yaml"), """
                cluster: {name: t, domain: cluster.local}
                networks:
                  - {name: ice1-1, subnet: 10.10.0.0/16}
                services:
                  dhcp: {conf: DIR/dhcpd.conf}
                  dns:
                    zones: {cluster.local: DIR/forward, 10.10.in-addr.arpa: DIR/reverse}
                  hosts: DIR/hosts
                groups:
                  compute: valkyrie[01-03]
                nodes:
                  valkyrie01: {ip: 10.10.3.1, mac: "08:00:27:18:67:bc"}
                  valkyrie02: {ip: 10.10.3.2, mac: "08:00:27:18:68:bc"}
                  valkyrie03: {ip: 10.10.3.3, mac: "08:00:27:18:69:bc"}
                """.replace("DIR", home.toString()));
    }

    @Test
    void aBatchSyncsANodeAndChecksClean() throws Exception {
        Path script = Files.writeString(home.resolve("net.csh"), """
                dhcp add valkyrie03 --dry-run
                net sync valkyrie03
                dhcp set valkyrie03 --option 'root-path "/srv/nfs"' --filename ipxe.efi
                dhcp show valkyrie03 --json
                hosts list
                """);
        Result r = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("+host valkyrie03 {\n+ hardware ethernet 08:00:27:18:69:BC;\n",
                "dhcp: add valkyrie03 08:00:27:18:69:bc 10.10.3.3", "dns: 3.3.10.10.in-addr.arpa. PTR valkyrie03.cluster.local.",
                "\"name\":\"valkyrie03\"", "10.10.3.3  valkyrie03");
        assertThat(Files.readString(home.resolve("forward"))).contains("valkyrie03         IN  A   10.10.3.3\n");
        assertThat(Files.readString(home.resolve("dhcpd.conf"))).contains(" option host-name \"valkyrie03\";\n"
                + " filename \"ipxe.efi\";\n option root-path \"/srv/nfs\";\n}\n");
        Result check = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), "-c", "net check");
        assertThat(check.out()).isEqualTo(home.resolve("dhcpd.conf")
                + ":46: MAC 08:00:27:18:68:bc used by several hosts: thor, valkyrie02\n");
        assertThat(check.err()).isEqualTo("herd: net check: 1 inconsistency\n");
        assertThat(check.status()).isEqualTo(1);

    }

    @Test
    void netCheckSaysWhenAllIsClean() throws Exception {
        Files.writeString(home.resolve("clean-hosts"), "127.0.0.1 localhost\n10.10.3.1 valkyrie01\n");
        Path inventory = Files.writeString(home.resolve("clean.yaml"), """
                cluster: {name: t}
                networks:
                  - {name: ice1-1, subnet: 10.10.0.0/16}
                services:
                  hosts: DIR/clean-hosts
                nodes:
                  valkyrie01: {ip: 10.10.3.1}
                """.replace("DIR", home.toString()));
        Result clean = HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", "net check");
        assertThat(clean.err()).isEmpty();
        assertThat(clean.out()).isEqualTo("no inconsistency between the files and the inventory\n");
        assertThat(clean.status()).isZero();
        Result json = HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", "net check --json");
        assertThat(json.out()).isEqualTo("[]\n");
        assertThat(json.status()).isZero();
    }

    @Test
    void dnsAddNameAddressIsAnARecord() throws Exception {
        Result r = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), "-c",
                "dns add www 10.10.3.9 --dry-run");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsPattern("\\+www +IN +A +10\\.10\\.3\\.9\n")
                .containsPattern("\\+9\\.3 +IN +PTR +www\\.cluster\\.local\\.\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void dhcpListSaysWhenThereIsNothingToList() throws Exception {
        Path inventory = home.resolve("cluster.yaml");
        Files.writeString(home.resolve("dhcpd.conf"), "authoritative;\n");
        Result empty = HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", "dhcp list");
        assertThat(empty.out()).isEqualTo("no host entries in " + home.resolve("dhcpd.conf") + "\n");
        assertThat(empty.status()).isZero();
        Files.delete(home.resolve("dhcpd.conf"));
        Result missing = HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", "dhcp list");
        assertThat(missing.err()).isEqualTo("herd: dhcp list: " + home.resolve("dhcpd.conf") + ": cannot read: no such file\n");
        assertThat(missing.status()).isEqualTo(1);
        Files.writeString(inventory, "cluster: {name: t}\nnodes:\n  n1: {ip: 127.0.0.1}\n");
        Result none = HerdProcess.run(home, null, "-q", "-i", inventory.toString(), "-c", "dhcp list");
        assertThat(none.err()).isEqualTo("herd: dhcp list: the inventory has no services.dhcp.conf\n");
        assertThat(none.status()).isEqualTo(1);
    }

    @Test
    void badInputIsOneLineWithStatusOneAndNoFileChanges() throws Exception {
        byte[] before = Files.readAllBytes(home.resolve("dhcpd.conf"));
        Result r = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), "-c",
                "dhcp add valkyrie09 --mac 08:00:27:18:69 --ip 10.10.3.9");
        assertThat(r.err()).isEqualTo("herd: dhcp add: host valkyrie09: bad MAC address '08:00:27:18:69'"
                + " (expected 6 octets like 08:00:27:18:68:bc)\n");
        assertThat(r.status()).isEqualTo(1);
        Result unknown = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), "-c",
                "dns add valkyrie09");
        assertThat(unknown.err()).startsWith("herd: dns add: valkyrie09: not in the inventory");
        Result dashName = HerdProcess.run(home, null, "-q", "-i", home.resolve("cluster.yaml").toString(), "-c",
                "dhcp add valkyrie03 --hostname \"-x\"");
        assertThat(dashName.err()).isEqualTo("herd: dhcp add: host valkyrie03: bad host-name '-x'"
                + " (letters, digits, '-' and '.'; no leading '-')\n");
        assertThat(dashName.status()).isEqualTo(1);
        assertThat(Files.readAllBytes(home.resolve("dhcpd.conf"))).isEqualTo(before);
    }
}
