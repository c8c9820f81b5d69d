package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.FileEditException;
import herd.files.WriteMode;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.services.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** File edits of static zones against the lab's real named: reload, serial check, dig. */
@LabConfig(nodes = 2, dns = true, dnsDynamic = false)
class DnsStaticLabTest {

    @Test
    void addApplyIsServedWithItsPtrThenRemoveIsGone(Lab lab) {
        DnsEngine dns = engine(lab);
        DnsResult added = dns.add(new DnsRequest("valkyrie09", "A", "10.10.3.9", false, null, WriteMode.APPLY));
        assertThat(added.applied()).isTrue();
        assertThat(Dig.query(lab.dnsPort(), "valkyrie09.cluster.local", "A")).containsExactly("10.10.3.9");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.9")).containsExactly("valkyrie09.cluster.local.");
        assertThat(Dig.serial(lab.dnsPort(), "cluster.local")).isEqualTo(added.serials().get("cluster.local"));

        dns.remove(new DnsRequest("valkyrie09", null, null, false, null, WriteMode.APPLY));
        assertThat(Dig.query(lab.dnsPort(), "valkyrie09.cluster.local", "A")).isEmpty();
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.9")).isEmpty();
    }

    @Test
    void aBrokenZoneNeverReachesNamed(Lab lab) throws IOException {
        DnsEngine dns = engine(lab);
        long served = Dig.serial(lab.dnsPort(), "cluster.local");
        String forward = Files.readString(lab.forwardZoneFile());
        assertThatThrownBy(() -> dns.add(new DnsRequest("bad_name", "A", "10.10.9.9", true, null, WriteMode.APPLY)))
                .isInstanceOf(FileEditException.class)
                .hasMessageStartingWith(lab.forwardZoneFile() + ":").hasMessageEndingWith("bad owner name (check-names)");
        Files.writeString(lab.forwardZoneFile(), forward.replace("86400       ;Minimum TTL\n)", "86400\n"));
        assertThatThrownBy(() -> dns.add(new DnsRequest("valkyrie09", "A", "10.10.3.9", false, null, WriteMode.APPLY)))
                .hasMessage(lab.forwardZoneFile() + ":2: parenthesis opened here is never closed");
        Files.writeString(lab.forwardZoneFile(), forward);
        assertThat(Dig.serial(lab.dnsPort(), "cluster.local")).isEqualTo(served);
        assertThat(Dig.query(lab.dnsPort(), "valkyrie01.cluster.local", "A")).containsExactly(lab.node("valkyrie01").ip());
    }

    static DnsEngine engine(Lab lab) {
        ServiceSettings s = ServiceSettings.from(InventoryLoader.load(lab.inventoryFile()), Map.of(), p -> new char[0]);
        return new DnsEngine(s.editor(), s.requireDns(), Clock.systemUTC());
    }
}
