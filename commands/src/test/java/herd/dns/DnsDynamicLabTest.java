package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;

import herd.files.WriteMode;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** RFC 2136 updates with TSIG against the lab's named, and file edits of a dynamic zone (freeze/thaw). */
@LabConfig(nodes = 2, dns = true, dnsDynamic = true)
class DnsDynamicLabTest {

    @Test
    void dynamicAddAndRemoveLeaveTheFilesAlone(Lab lab) throws IOException {
        DnsEngine dns = DnsStaticLabTest.engine(lab);
        byte[] forward = Files.readAllBytes(lab.forwardZoneFile());
        DnsResult r = dns.add(new DnsRequest("valkyrie09", "A", "10.10.3.9", false, null, WriteMode.APPLY));
        assertThat(r.dynamic()).isTrue();
        assertThat(r.changes()).isEmpty();
        assertThat(Dig.query(lab.dnsPort(), "valkyrie09.cluster.local", "A")).containsExactly("10.10.3.9");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.9")).containsExactly("valkyrie09.cluster.local.");
        assertThat(Files.readAllBytes(lab.forwardZoneFile())).isEqualTo(forward);

        dns.remove(new DnsRequest("valkyrie09", "A", null, false, null, WriteMode.APPLY));
        assertThat(Dig.query(lab.dnsPort(), "valkyrie09.cluster.local", "A")).isEmpty();
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.9")).isEmpty();
    }

    @Test
    void aFileEditOfADynamicZoneLosesNoUpdate(Lab lab) {
        DnsEngine dns = DnsStaticLabTest.engine(lab);
        dns.add(new DnsRequest("dyn1", "A", "10.10.5.1", true, null, WriteMode.APPLY));
        DnsResult edit = dns.add(new DnsRequest("file1", "A", "10.10.5.2", false, false, WriteMode.APPLY));
        assertThat(edit.applied()).isTrue();
        assertThat(edit.changes()).hasSize(2);
        assertThat(Dig.query(lab.dnsPort(), "file1.cluster.local", "A")).containsExactly("10.10.5.2");
        assertThat(Dig.query(lab.dnsPort(), "dyn1.cluster.local", "A")).containsExactly("10.10.5.1");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.5.2")).containsExactly("file1.cluster.local.");
        dns.add(new DnsRequest("dyn2", "A", "10.10.5.3", true, null, WriteMode.APPLY));
        assertThat(Dig.query(lab.dnsPort(), "dyn2.cluster.local", "A")).as("updates work after thaw").containsExactly("10.10.5.3");
    }
}
