package herd.logs;

import static org.assertj.core.api.Assertions.assertThat;

import herd.logs.LogEvent.DhcpKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing on genuine lines: journald (JSON, short, short-iso) holding real dhcpd and tftpd-hpa
 * syslog lines, and a real nginx combined access log, all captured by capture-real-logs.sh.
 */
class LogLineParserTest {

    static final NodeTagger TAGGER = new NodeTagger(List.of(
            new NodeTagger.Address("valkyrie01", "10.10.3.1", "08:00:27:0d:f8:a5"),
            new NodeTagger.Address("valkyrie02", "10.10.3.2", "08:00:27:0d:f8:a6")));
    static final Instant READ = Instant.parse("2026-11-25T18:00:00Z");
    final LogLineParser parser = new LogLineParser(TAGGER, ZoneOffset.UTC);

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = LogLineParserTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private List<TaggedLine> parse(String resource) throws IOException {
        return lines(resource).stream().map(l -> parser.parse(resource, l, READ)).toList();
    }

    @ParameterizedTest
    @CsvSource({"syslog-short.log", "syslog-short-iso.log", "journal.json"})
    void dhcpExchangeAndTftpReadsFromEveryJournalFormat(String resource) throws IOException {
        List<TaggedLine> tagged = parse(resource);
        List<LogEvent> dhcp = tagged.stream().map(TaggedLine::event).filter(e -> e instanceof LogEvent.Dhcp).toList();
        assertThat(dhcp).containsExactly(
                new LogEvent.Dhcp(DhcpKind.DISCOVER, "08:00:27:0d:f8:a5", "", "", ""),
                new LogEvent.Dhcp(DhcpKind.OFFER, "08:00:27:0d:f8:a5", "10.10.3.1", "", ""),
                new LogEvent.Dhcp(DhcpKind.REQUEST, "08:00:27:0d:f8:a5", "10.10.3.1", "", ""),
                new LogEvent.Dhcp(DhcpKind.ACK, "08:00:27:0d:f8:a5", "10.10.3.1", "", ""),
                new LogEvent.Dhcp(DhcpKind.DISCOVER, "08:00:27:99:99:99", "", "", "network 10.10.0.0/16: no free leases"));
        assertThat(tagged.stream().filter(t -> t.event() instanceof LogEvent.Dhcp).map(TaggedLine::node))
                .containsExactly(Optional.of("valkyrie01"), Optional.of("valkyrie01"), Optional.of("valkyrie01"),
                        Optional.of("valkyrie01"), Optional.empty());
        assertThat(tagged.stream().map(TaggedLine::event).filter(e -> e instanceof LogEvent.Tftp))
                .containsExactly(new LogEvent.Tftp("127.0.0.1", "undionly.kpxe"), new LogEvent.Tftp("127.0.0.1", "missing.efi"));
        TaggedLine ack = tagged.stream().filter(t -> t.line().message().startsWith("DHCPACK")).findFirst().orElseThrow();
        assertThat(ack.line().program()).isEqualTo("dhcpd");
        assertThat(ack.line().host()).isEqualTo("vm");
        assertThat(ack.line().time()).isBetween(Instant.parse("2026-11-25T17:00:00Z"), Instant.parse("2026-11-25T17:59:59Z"));
        assertThat(tagged).filteredOn(t -> t.line().message().startsWith("WARNING: Host declarations"))
                .singleElement().extracting(TaggedLine::event).isEqualTo(new LogEvent.Unparsed());
    }

    @Test
    void nginxCombinedAccessLog() throws IOException {
        List<TaggedLine> tagged = parse("nginx-access.log");
        assertThat(tagged).extracting(TaggedLine::event).containsExactly(
                new LogEvent.Http("127.0.0.1", "GET", "/boot.ipxe", 200, 7, "iPXE/1.21.1+"),
                new LogEvent.Http("127.0.0.1", "GET", "/nodes/valkyrie01.ipxe", 200, 7, "iPXE/1.21.1+"),
                new LogEvent.Http("127.0.0.1", "GET", "/herd/install-finished", 404, 153, "iPXE/1.21.1+"));
        // 127.0.0.1 is nobody's address here: the node file's name still names the node.
        assertThat(tagged).extracting(TaggedLine::node)
                .containsExactly(Optional.empty(), Optional.of("valkyrie01"), Optional.empty());
        assertThat(tagged.get(0).line().program()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // dhcpd with the client's host name, and without leading zeros (dhcpd before 4.x prints %x).
        "DHCPREQUEST for 10.10.3.2 (10.10.0.1) from 8:0:27:d:f8:a6 (valkyrie02) via eth0|REQUEST|08:00:27:0d:f8:a6|10.10.3.2|valkyrie02",
        "DHCPACK on 10.10.3.2 to 08:00:27:0d:f8:a6 (valkyrie02) via eth0|ACK|08:00:27:0d:f8:a6|10.10.3.2|valkyrie02",
        "DHCPNAK on 10.10.3.9 to 08:00:27:0d:f8:a6 via eth0|NAK|08:00:27:0d:f8:a6|10.10.3.9|",
        "DHCPRELEASE of 10.10.3.2 from 08:00:27:0d:f8:a6 (valkyrie02) via eth0 (found)|RELEASE|08:00:27:0d:f8:a6|10.10.3.2|valkyrie02",
    })
    void dhcpdVariants(String message, DhcpKind kind, String mac, String ip, String name) {
        LogEvent e = MessageParser.parse(message);
        assertThat(e).isInstanceOf(LogEvent.Dhcp.class);
        LogEvent.Dhcp d = (LogEvent.Dhcp) e;
        assertThat(List.of(d.kind(), d.mac(), d.ip(), d.hostname())).containsExactly(kind, mac, ip, name == null ? "" : name);
        assertThat(TAGGER.tag(e, message)).contains("valkyrie02");
    }

    @Test
    void fbtftpSessionStatsAsTheTutorialsServerLogsThem() {
        // print_session_stats: logging.info("Stats: for %r requesting %r" % (stats.peer, stats.file_path)),
        // peer being a 2-tuple on IPv4 and a 4-tuple with a mapped address when bound to "::".
        assertThat(MessageParser.parse("Stats: for ('10.10.3.1', 2070) requesting 'undionly.kpxe'"))
                .isEqualTo(new LogEvent.Tftp("10.10.3.1", "undionly.kpxe"));
        TaggedLine t = parser.parse("journal:fbtftp_server",
                "Nov 25 17:31:02 odin python3[811]: Stats: for ('::ffff:10.10.3.2', 37411, 0, 0) requesting 'ipxe.efi'", READ);
        assertThat(t.event()).isEqualTo(new LogEvent.Tftp("10.10.3.2", "ipxe.efi"));
        assertThat(t.node()).contains("valkyrie02");
    }

    @Test
    void plainTextIsTaggedByANodeNameItContains() {
        TaggedLine t = parser.parse("x", "valkyrie02 kernel: link up", READ);
        assertThat(t.event()).isEqualTo(new LogEvent.Unparsed());
        assertThat(t.node()).contains("valkyrie02");
        assertThat(parser.parse("x", "valkyrie021 is not a node", READ).node()).isEmpty();
        assertThat(parser.parse("x", "{not json", READ).line().message()).isEqualTo("{not json");
    }
}
