package herd.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.WriteMode;
import herd.inventory.InventoryLoader;
import herd.lab.DhcpLease;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.services.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dhcp add/set/remove + apply against the lab's real dhcpd, checked by a real dhclient. */
@LabConfig(nodes = 2, dhcp = true)
class DhcpLabTest {
    private static final String MAC = "08:00:27:18:69:bc";

    @Test
    void aDhclientGetsTheAddedEntryAndNothingOnceRemoved(Lab lab) {
        DhcpEngine dhcp = engine(lab);
        dhcp.add(DhcpRequest.of("valkyrie09", WriteMode.APPLY).withMac(MAC).withIp("10.10.3.9")
                .withFilename("herd-test.efi").withNextServer("10.10.0.7"));
        DhcpLease lease = lab.dhcpRequestAs(MAC, -1);
        assertThat(lease.bound()).isTrue();
        assertThat(lease.ip()).isEqualTo("10.10.3.9");
        assertThat(lease.hostName()).isEqualTo("valkyrie09");
        assertThat(lease.filename()).isEqualTo("herd-test.efi");
        assertThat(lease.nextServer()).isEqualTo("10.10.0.7");

        dhcp.set(DhcpRequest.of("valkyrie09", WriteMode.APPLY).withIp("10.10.3.19"));
        assertThat(lab.dhcpRequestAs(MAC, -1).ip()).isEqualTo("10.10.3.19");

        dhcp.remove(DhcpRequest.of("valkyrie09", WriteMode.APPLY));
        assertThat(lab.dhcpRequestAs(MAC, -1).bound()).as("after the remove").isFalse();
        assertThat(lab.dhcpRequest("valkyrie01").ip()).isEqualTo(lab.node("valkyrie01").ip());
    }

    @Test
    void aRefusedEditNeitherWritesNorRestarts(Lab lab) throws IOException {
        DhcpEngine dhcp = engine(lab);
        Path conf = lab.dhcpdConf();
        byte[] before = Files.readAllBytes(conf);
        long mtime = Files.getLastModifiedTime(conf).toMillis();
        String ip1 = lab.node("valkyrie01").ip();
        assertThatThrownBy(() -> dhcp.add(DhcpRequest.of("valkyrie09", WriteMode.APPLY).withMac(MAC).withIp(ip1)))
                .hasMessageEndingWith("fixed-address " + ip1 + " used by several hosts: valkyrie01, valkyrie09");
        assertThatThrownBy(() -> dhcp.add(DhcpRequest.of("valkyrie09", WriteMode.APPLY).withMac("08:00:27:18:69")
                .withIp("10.10.3.9"))).hasMessageContaining("bad MAC address '08:00:27:18:69'");
        assertThat(Files.readAllBytes(conf)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(conf).toMillis()).isEqualTo(mtime);
        assertThat(lab.dhcpRequest("valkyrie02").bound()).isTrue();
    }

    @Test
    void aHostWrittenInCapitalsGetsItsNewMacInPlace(Lab lab) throws IOException {
        // dhcpd's keywords are case-insensitive: a hand-kept file may shout them. A host of its own,
        // so that no other test's lease of a lab node is in the way.
        Path conf = lab.dhcpdConf();
        byte[] original = Files.readAllBytes(conf);
        String text = Files.readString(conf);
        int end = text.lastIndexOf('}');
        String shouting = text.substring(0, end) + "HOST valkyrie07 {\n HARDWARE ETHERNET 08:00:27:18:6A:07;\n"
                + " FIXED-ADDRESS 10.10.3.7;\n}\n\n" + text.substring(end);
        Files.writeString(conf, shouting);
        DhcpEngine dhcp = engine(lab);
        try {
            String mac = "08:00:27:18:6b:07";
            dhcp.set(DhcpRequest.of("valkyrie07", WriteMode.APPLY).withMac(mac));
            assertThat(Files.readString(conf)).isEqualTo(shouting.replace("08:00:27:18:6A:07", "08:00:27:18:6B:07"));
            assertThat(lab.dhcpRequestAs(mac, -1).ip()).isEqualTo("10.10.3.7");
        } finally {
            Files.write(conf, original);
            dhcp.restart();
        }
    }

    private static DhcpEngine engine(Lab lab) {
        ServiceSettings s = ServiceSettings.from(InventoryLoader.load(lab.inventoryFile()), Map.of(), p -> new char[0]);
        return new DhcpEngine(s.editor(), s.requireDhcp());
    }
}
