package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.ProcessRunner;
import herd.files.Resources;
import herd.files.Text;
import herd.files.WriteMode;
import herd.services.DnsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsEngineTest {
    private static final long MTIME = 1_000_000_000_000L;
    @TempDir
    Path dir;
    Path forward;
    Path reverse;
    DnsEngine dns;

    @BeforeEach
    void setUp() throws IOException {
        forward = copy("tutorial/forward", "forward");
        reverse = copy("tutorial/reverse", "reverse");
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("cluster.local", forward.toString());
        zones.put("10.10.in-addr.arpa", reverse.toString());
        DnsSettings s = new DnsSettings(zones, "cluster.local", "127.0.0.1", 53, "", null, false);
        dns = new DnsEngine(new FileEditor(new LocalFileAccess()), s,
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void listsBothZonesWithAbsoluteNamesAndLines() {
        assertThat(dns.list("10.10.in-addr.arpa")).extracting(DnsRecord::toString).contains(
                "1.3.10.10.in-addr.arpa. PTR valkyrie01.cluster.local.");
        DnsRecord v2 = dns.list("cluster.local").stream().filter(r -> r.name().startsWith("valkyrie02")).findFirst()
                .orElseThrow();
        assertThat(v2).isEqualTo(new DnsRecord("cluster.local", "valkyrie02.cluster.local.", "", "A", "10.10.3.2",
                forward.toString(), 17));
    }

    @Test
    void addingAnAAddsItsPtrAndBumpsBothSerials() throws IOException {
        String f0 = Files.readString(forward);
        String r0 = Files.readString(reverse);
        DnsResult dry = dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", false, null, WriteMode.DRY_RUN));
        assertThat(dry.diff()).contains("-        2011071001  ;Serial", "+        2026112500  ;Serial",
                "+valkyrie03         IN  A   10.10.3.3", "+3.3        IN  PTR         valkyrie03.cluster.local.");
        assertUnchanged(forward, f0);
        assertUnchanged(reverse, r0);
        DnsResult r = dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", false, null, WriteMode.WRITE));
        assertThat(r.records()).containsExactly("valkyrie03.cluster.local. A 10.10.3.3",
                "3.3.10.10.in-addr.arpa. PTR valkyrie03.cluster.local.");
        assertThat(r.serials()).containsEntry("cluster.local", 2026112500L).containsEntry("10.10.in-addr.arpa", 2026112500L);
        assertThat(Files.readString(forward)).isEqualTo(f0.replace("2011071001", "2026112500")
                .replace("10.10.3.2\n", "10.10.3.2\nvalkyrie03         IN  A   10.10.3.3\n"));
        dns.remove(new DnsRequest("valkyrie03", null, null, false, null, WriteMode.WRITE));
        assertThat(Files.readString(forward)).isEqualTo(f0.replace("2011071001", "2026112501"));
        assertThat(Files.readString(reverse)).isEqualTo(r0.replace("2011071001", "2026112501"));
    }

    @Test
    void cnameAndPtrOnlyAndNoPtr() throws IOException {
        dns.add(new DnsRequest("www", "CNAME", "odin", false, null, WriteMode.WRITE));
        assertThat(Files.readString(forward)).contains("\nwww                IN  CNAME odin.cluster.local.\n");
        dns.add(new DnsRequest("bmc1", "A", "10.10.9.1", true, null, WriteMode.WRITE));
        assertThat(Files.readString(reverse)).doesNotContain("bmc1");
        dns.add(new DnsRequest("10.10.9.1", "PTR", "bmc1", false, null, WriteMode.WRITE));
        assertThat(Files.readString(reverse)).contains("\n1.9        IN  PTR         bmc1.cluster.local.\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "valkyrie01|A|10.10.3.9|valkyrie01.cluster.local. already has A 10.10.3.1 (FORWARD:16); remove it first",
        "valkyrie03|A|10.10.3.1|10.10.3.1 already has PTR valkyrie01.cluster.local. (REVERSE:18)",
        "valkyrie03|A|10.10.3.256|bad IPv4 address '10.10.3.256'",
        "valkyrie03|MX|10 odin|record type MX is not one of A, AAAA, CNAME, PTR",
        "valkyrie03.other.org.|A|10.10.3.3|no zone in the inventory holds valkyrie03.other.org. (zones: cluster.local, 10.10.in-addr.arpa)",
        "valkyrie03|A|10.11.3.3|no reverse zone in the inventory holds 3.3.11.10.in-addr.arpa. (use --no-ptr)",
        "odin|CNAME|thor|odin.cluster.local. already has A 10.10.0.1 (FORWARD:12)",
    })
    void badInputIsOneLineAndLeavesEveryFile(String name, String type, String value, String message) throws IOException {
        String f0 = Files.readString(forward);
        String r0 = Files.readString(reverse);
        assertThatThrownBy(() -> dns.add(new DnsRequest(name, type, value, false, null, WriteMode.WRITE)))
                .isInstanceOf(DnsException.class)
                .hasMessage(message.replace("FORWARD", forward.toString()).replace("REVERSE", reverse.toString()));
        assertUnchanged(forward, f0);
        assertUnchanged(reverse, r0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "add|valkyrie03|A|10.10.3.3|5q|bad TTL '5q' (seconds, or BIND units such as 5m, 1h, 1d)",
        "remove|ghost||||ghost.cluster.local. has no record in zone cluster.local",
        "remove|valkyrie01|TXT|||valkyrie01.cluster.local. has no TXT record in zone cluster.local",
        "remove|valkyrie01|A|10.10.3.7||valkyrie01.cluster.local. has no A record 10.10.3.7 in zone cluster.local",
        "remove|valkyrie01|A-B|||bad record type 'A-B'",
    })
    void refusedEditsLeaveEveryByte(String verb, String name, String type, String value, String ttl, String message)
            throws IOException {
        String f0 = Files.readString(forward);
        String r0 = Files.readString(reverse);
        DnsRequest r = new DnsRequest(name, type, value, false, null, WriteMode.WRITE, ttl);
        assertThatThrownBy(() -> {
            if (verb.equals("add")) {
                dns.add(r);
            } else {
                dns.remove(r);
            }
        }).isInstanceOf(DnsException.class).hasMessage(message);
        assertUnchanged(forward, f0);
        assertUnchanged(reverse, r0);
    }

    @Test
    void namedCheckzoneRefusalNamesTheRealFileAndLine() throws IOException {
        assumeThat(ProcessRunner.installed("named-checkzone")).as("named-checkzone (bind9-utils) is not installed").isTrue();
        String f0 = Files.readString(forward);
        assertThatThrownBy(() -> dns.add(new DnsRequest("bad_name", "A", "10.10.9.9", true, null, WriteMode.WRITE)))
                .isInstanceOf(FileEditException.class)
                .hasMessage(forward + ":18: bad_name.cluster.local: bad owner name (check-names)");
        assertUnchanged(forward, f0);
    }

    @Test
    void includesAreKeptAndCheckedFromTheZoneFilesDirectory() throws IOException {
        assumeThat(ProcessRunner.installed("named-checkzone")).as("named-checkzone (bind9-utils) is not installed").isTrue();
        Files.writeString(dir.resolve("extra.db"), "extra IN A 10.10.8.1\n");
        Files.writeString(forward, Files.readString(forward) + "$INCLUDE extra.db\n");
        dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", true, null, WriteMode.WRITE));
        assertThat(Files.readString(forward)).endsWith("valkyrie03         IN  A   10.10.3.3\n$INCLUDE extra.db\n");
        Files.writeString(dir.resolve("extra.db"), "extra IN A 10.10.8.300\n");
        String before = Files.readString(forward);
        assertThatThrownBy(() -> dns.add(new DnsRequest("valkyrie04", "A", "10.10.3.4", true, null, WriteMode.WRITE)))
                .isInstanceOf(FileEditException.class).hasMessageContaining("extra.db:1:");
        assertThat(Files.readString(forward)).isEqualTo(before);
    }

    @Test
    void zoneLevelRefusalsGetTheLineOfTheRecordTheyName() throws IOException {
        assumeThat(ProcessRunner.installed("named-checkzone")).as("named-checkzone (bind9-utils) is not installed").isTrue();
        String f0 = Files.readString(forward);
        assertThatThrownBy(() -> dns.remove(new DnsRequest("odin", "A", null, true, null, WriteMode.WRITE)))
                .isInstanceOf(FileEditException.class)
                .hasMessage(forward + ":9: NS 'odin.cluster.local' has no address records (A or AAAA)");
        assertUnchanged(forward, f0);
    }

    @Test
    void aMalformedZoneIsNeverWritten() throws IOException {
        Files.writeString(forward, Files.readString(forward).replace("86400       ;Minimum TTL\n)", "86400 ;Minimum TTL\n"));
        String broken = Files.readString(forward);
        Files.setLastModifiedTime(forward, FileTime.fromMillis(MTIME));
        assertThatThrownBy(() -> dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", true, null, WriteMode.WRITE)))
                .hasMessage(forward + ":2: parenthesis opened here is never closed");
        assertUnchanged(forward, broken);
    }

    private Path copy(String resource, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Text.encode(Resources.text(resource)));
        Files.setLastModifiedTime(p, FileTime.fromMillis(MTIME));
        return p;
    }

    private static void assertUnchanged(Path p, String text) throws IOException {
        assertThat(Files.readString(p)).isEqualTo(text);
        assertThat(Files.getLastModifiedTime(p).toMillis()).isEqualTo(MTIME);
    }
}
