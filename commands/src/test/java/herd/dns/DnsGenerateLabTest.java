package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;

import herd.files.WriteMode;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A reverse zone kept with {@code $GENERATE}, edited through the engine and served by the lab's
 * real named: an add that continues the range extends it, a remove splits it, and dig sees both.
 */
@LabConfig(nodes = 2, dns = true, dnsDynamic = false)
class DnsGenerateLabTest {

    @Test
    void aGeneratedRangeIsExtendedThenSplitAndNamedServesEveryValue(Lab lab) throws IOException {
        String plain = Files.readString(lab.reverseZoneFile());
        String generated = plain.replaceAll("(?m)^[0-9]+\\.3 .*\\n", "") + "$GENERATE 1-2 $.3 PTR valkyrie${0,2,d}.cluster.local.\n";
        Files.writeString(lab.reverseZoneFile(), generated);
        DnsEngine dns = DnsStaticLabTest.engine(lab);

        DnsResult added = dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", false, null, WriteMode.APPLY));
        assertThat(added.records()).containsExactly("valkyrie03.cluster.local. A 10.10.3.3",
                "3.3.10.10.in-addr.arpa. PTR valkyrie03.cluster.local. (extends $GENERATE 1-2 to 1-3)");
        assertThat(Files.readString(lab.reverseZoneFile())).endsWith("$GENERATE 1-3 $.3 PTR valkyrie${0,2,d}.cluster.local.\n");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.3")).containsExactly("valkyrie03.cluster.local.");

        DnsResult removed = dns.remove(new DnsRequest("valkyrie02", null, null, false, null, WriteMode.APPLY));
        assertThat(removed.records()).containsExactly("valkyrie02.cluster.local. A " + lab.node("valkyrie02").ip(),
                "2.3.10.10.in-addr.arpa. PTR valkyrie02.cluster.local. (splits $GENERATE 1-3 into 1 and 3)");
        assertThat(Files.readString(lab.reverseZoneFile())).endsWith(
                "1.3 PTR valkyrie01.cluster.local.\n3.3 PTR valkyrie03.cluster.local.\n");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.2")).isEmpty();
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.1")).containsExactly("valkyrie01.cluster.local.");
        assertThat(Dig.query(lab.dnsPort(), "-x", "10.10.3.3")).containsExactly("valkyrie03.cluster.local.");
        assertThat(Dig.query(lab.dnsPort(), "valkyrie02.cluster.local", "A")).isEmpty();
    }
}
