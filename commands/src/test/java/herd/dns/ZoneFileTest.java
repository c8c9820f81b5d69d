package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.FileEditException;
import herd.files.Resources;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneFileTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @ParameterizedTest
    @CsvSource({"tutorial/forward,cluster.local", "tutorial/reverse,10.10.in-addr.arpa",
        "variants/forward-origins.zone,cluster.local", "variants/reverse-generate.zone,10.10.in-addr.arpa"})
    void parseKeepsEveryByte(String file, String zone) {
        String text = Resources.text(file);
        ZoneFile z = ZoneFile.parse(file, zone, text);
        assertThat(z.text()).isEqualTo(text);
        assertThat(z.soa()).isPresent();
    }

    @Test
    void ownersAreResolvedThroughOriginsBlankOwnersAndAbsoluteNames() {
        ZoneFile z = ZoneFile.parse("f", "cluster.local", Resources.text("variants/forward-origins.zone"));
        assertThat(z.records()).extracting(e -> e.owner() + " " + e.type() + " " + e.data()).containsExactly(
                "cluster.local. SOA odin hostmaster.cluster.local. 41 3600 1800 604800 86400",
                "cluster.local. NS odin",
                "cluster.local. MX 10 odin",
                "odin.cluster.local. A 10.10.0.1",
                "odin.cluster.local. AAAA fd00::1",
                "thor.cluster.local. A 10.10.1.1",
                "www.cluster.local. CNAME odin",
                "\"quoted\".cluster.local. TXT \"a ; not a comment\" \"(x)\"",
                "valkyrie01.compute.cluster.local. A 10.10.3.1",
                "valkyrie02.compute.cluster.local. A 10.10.3.2",
                "heimdall.cluster.local. A 10.10.2.1");
        assertThat(z.records("thor.cluster.local.", "A").get(0).ttl()).isEqualTo("300");
        assertThat(z.records("heimdall.cluster.local.", "A").get(0).line()).isEqualTo(18);
    }

    @Test
    void addFollowsTheNeighboursColumnsAndRelativeNames() {
        String text = Resources.text("tutorial/forward");
        ZoneFile z = ZoneFile.parse("f", "cluster.local", text);
        String added = ZoneEdits.add(z, "valkyrie03.cluster.local.", "A", "10.10.3.3");
        assertThat(added).isEqualTo(text.replace("valkyrie02         IN  A   10.10.3.2\n",
                "valkyrie02         IN  A   10.10.3.2\nvalkyrie03         IN  A   10.10.3.3\n"));
        String reverse = Resources.text("tutorial/reverse");
        ZoneFile r = ZoneFile.parse("r", "10.10.in-addr.arpa", reverse);
        assertThat(ZoneEdits.add(r, "3.3.10.10.in-addr.arpa.", "PTR", "valkyrie03.cluster.local."))
                .endsWith("2.3        IN  PTR         valkyrie02.cluster.local.\n"
                        + "3.3        IN  PTR         valkyrie03.cluster.local.\n");
    }

    @Test
    void addUnderAnOriginAndWithTabs() {
        String text = Resources.text("variants/forward-origins.zone");
        ZoneFile z = ZoneFile.parse("f", "cluster.local", text);
        String added = ZoneEdits.add(z, "odin2.cluster.local.", "AAAA", "fd00::2");
        assertThat(added).contains("\t\tIN\tAAAA\tfd00::1\t; same owner, blank\nodin2\t\tIN\tAAAA\tfd00::2\nthor.");
        ZoneFile r = ZoneFile.parse("r", "10.10.in-addr.arpa", Resources.text("variants/reverse-generate.zone"));
        assertThat(ZoneEdits.add(r, "3.3.10.10.in-addr.arpa.", "PTR", "v3.cluster.local."))
                .endsWith("2 IN PTR valkyrie02.compute.cluster.local.\n3 IN PTR v3.cluster.local.\n");
        assertThat(ZoneEdits.add(r, "9.9.10.10.in-addr.arpa.", "PTR", "x.cluster.local."))
                .contains("\n9.9.10.10.in-addr.arpa. IN PTR x.cluster.local.\n");
    }

    @Test
    void removingAnOwnerKeepsTheBlankOwnerLineBelowItsName() {
        String text = Resources.text("variants/forward-origins.zone");
        ZoneFile z = ZoneFile.parse("f", "cluster.local", text);
        String removed = ZoneEdits.remove(z, z.records("odin.cluster.local.", "A").get(0));
        assertThat(removed).contains("\tIN\tMX\t10 odin\nodin\t\tIN\tAAAA\tfd00::1\t; same owner, blank\nthor");
        ZoneFile after = ZoneFile.parse("f", "cluster.local", removed);
        assertThat(after.records("odin.cluster.local.", null)).extracting(ZoneEntry::type).containsExactly("AAAA");
    }

    @Test
    void addThenRemoveGivesBackTheBytes() {
        for (String[] f : new String[][] {{"tutorial/forward", "cluster.local"}, {"variants/forward-origins.zone",
            "cluster.local"}, {"tutorial/reverse", "10.10.in-addr.arpa"}}) {
            String text = Resources.text(f[0]);
            ZoneFile z = ZoneFile.parse("f", f[1], text);
            String added = ZoneEdits.add(z, "new." + f[1] + ".", "A", "10.10.9.9");
            ZoneFile a = ZoneFile.parse("f", f[1], added);
            assertThat(ZoneEdits.remove(a, a.records("new." + f[1] + ".", "A").get(0))).isEqualTo(text);
        }
    }

    @Test
    void serialBumpIsDateBasedWhereTheZoneUsesDatesElsePlusOne() {
        assertThat(ZoneEdits.nextSerial(2011071001L, TODAY)).isEqualTo(2026112500L);
        assertThat(ZoneEdits.nextSerial(2026112500L, TODAY)).isEqualTo(2026112501L);
        assertThat(ZoneEdits.nextSerial(2026112599L, TODAY)).isEqualTo(2026112600L);
        assertThat(ZoneEdits.nextSerial(41L, TODAY)).isEqualTo(42L);
        assertThat(ZoneEdits.nextSerial(4294967295L, TODAY)).isEqualTo(0L);
        assertThat(ZoneEdits.nextSerial(1234567890L, TODAY)).isEqualTo(1234567891L);
        String text = Resources.text("tutorial/forward");
        assertThat(ZoneEdits.bumpSerial(ZoneFile.parse("f", "cluster.local", text), TODAY))
                .isEqualTo(text.replace("        2011071001  ;Serial", "        2026112500  ;Serial"));
        String variant = Resources.text("variants/forward-origins.zone");
        assertThat(ZoneEdits.bumpSerial(ZoneFile.parse("f", "cluster.local", variant), TODAY))
                .isEqualTo(variant.replace("( 41 ;", "( 42 ;"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@ IN SOA a. b. ( 1 2 3 4 5\\n|1|parenthesis opened here is never closed",
        "\\n\\nx IN A 1.2.3.4 )\\n|3|')' without a matching '('",
        "x IN TXT \"open\\n|1|unterminated string",
        "x 300 IN\\n|1|record of x has no type",
        "$ORIGIN\\n|1|$ORIGIN without a name",
    })
    void malformedZonesNameTheLine(String text, int line, String message) {
        assertThatThrownBy(() -> ZoneFile.parse("/var/named/forward", "cluster.local", text.replace("\\n", "\n")))
                .isInstanceOf(FileEditException.class).hasMessage("/var/named/forward:" + line + ": " + message);
    }
}
