package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneGenerateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$GENERATE 1-16 node${0,2,d} A 10.0.0.$|7|node07.t.|10.0.0.7",
        "$GENERATE 0-30/2 even$ A 10.0.1.$|4|even4.t.|10.0.1.4",
        "$GENERATE 10-20 h${-9,3} 300 IN A 10.0.2.$|12|h003.t.|10.0.2.12",
        "$GENERATE 1-255 $ PTR host${0,2,x}.t.|171|171.t.|hostab.t.",
        "$GENERATE 8-15 $ PTR o${0,3,o}.t.|9|9.t.|o011.t.",
        "$GENERATE 64-127 $ CNAME $.64/26|70|70.t.|70.64/26",
    })
    void expandsOwnersAndDataAsBindDoes(String line, int value, String owner, String data) {
        ZoneFile z = ZoneFile.parse("z", "t", "@ IN SOA ns root 1 2 3 4 5\n" + line + "\n");
        ZoneGenerate g = ZoneGenerate.of(z.entries().get(1), z.text()).orElseThrow();
        assertThat(g.owner(value)).isEqualTo(owner);
        assertThat(g.data(value)).isEqualTo(data);
    }

    @Test
    void linesOfAPartOfTheRangeKeepTheSeparatorsAndASingleValueIsAPlainRecord() {
        ZoneFile z = ZoneFile.parse("z", "t", "$GENERATE 1-31/2 odd$\t IN A 10.0.1.$ ; odd ones\n");
        ZoneGenerate g = ZoneGenerate.of(z.entries().get(0), z.text()).orElseThrow();
        assertThat(g.last()).isEqualTo(31);
        assertThat(g.covers(15)).isTrue();
        assertThat(g.covers(16)).isFalse();
        assertThat(g.line(1, 13)).isEqualTo("$GENERATE 1-13/2 odd$\t IN A 10.0.1.$ ; odd ones\n");
        assertThat(g.line(17, 17)).isEqualTo("odd17\t IN A 10.0.1.17 ; odd ones\n");
    }

    @ParameterizedTest
    @CsvSource({"300,300", "5m,300", "1h,3600", "1D,86400", "1w2d,777600", "2x,", "h,"})
    void ttlsCompareInSeconds(String ttl, Long seconds) {
        assertThat(ZoneTtl.seconds(ttl)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "70.3.10.10.in-addr.arpa.|64/26.3.10.10.in-addr.arpa|70.64/26.3.10.10.in-addr.arpa.",
        "63.3.10.10.in-addr.arpa.|64/26.3.10.10.in-addr.arpa|",
        "200.1.168.192.in-addr.arpa.|128-25.1.168.192.in-addr.arpa|200.128-25.1.168.192.in-addr.arpa.",
        "100.1.168.192.in-addr.arpa.|64-127.1.168.192.in-addr.arpa|100.64-127.1.168.192.in-addr.arpa.",
        "130.1.168.192.in-addr.arpa.|64-127.1.168.192.in-addr.arpa|",
        "70.4.10.10.in-addr.arpa.|64/26.3.10.10.in-addr.arpa|",
    })
    void classlessZonesCoverTheirRangeOnly(String reverse, String zone, String owner) {
        assertThat(DnsNames.classless(reverse, Map.of(zone, "file")).orElse(null)).isEqualTo(owner);
    }
}
