package herd.dhcp;

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
import herd.services.DhcpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcpEngineTest {
    @TempDir
    Path dir;
    Path conf;
    DhcpEngine dhcp;
    byte[] original;

    @BeforeEach
    void setUp() throws IOException {
        conf = dir.resolve("dhcpd.conf");
        original = Text.encode(Resources.text("tutorial/dhcpd.conf"));
        Files.write(conf, original);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(conf, FileTime.fromMillis(1_000_000_000_000L));
        dhcp = new DhcpEngine(new FileEditor(new LocalFileAccess()),
                new DhcpSettings(conf.toString(), "touch " + dir.resolve("restarted")));
    }

    @Test
    void listsTheTutorialHosts() {
        assertThat(dhcp.list()).extracting(DhcpEntry::name).containsExactly("thor", "heimdall", "valkyrie01", "valkyrie02");
        DhcpEntry v1 = dhcp.show("valkyrie01");
        assertThat(v1.hostName()).isEqualTo("valkyrie01");
        assertThat(v1.line()).isEqualTo(40);
        assertThat(v1.scope()).containsExactly("subnet 10.10.0.0 netmask 255.255.0.0");
    }

    @Test
    void dryRunShowsTheDiffAndWritesNothing() throws IOException {
        DhcpResult r = dhcp.add(request("valkyrie03", WriteMode.DRY_RUN));
        assertThat(r.diff()).contains("+++ " + conf + " (proposed)", "+host valkyrie03 {",
                "+ hardware ethernet 08:00:27:18:69:BC;", "+ filename \"ipxe.efi\";");
        assertThat(r.written()).isFalse();
        assertUnchanged();
    }

    @Test
    void applyWritesAtomicallyKeepsModeAndBackupAndRestarts() throws IOException {
        DhcpResult r = dhcp.add(request("valkyrie03", WriteMode.APPLY));
        assertThat(r.written()).isTrue();
        assertThat(r.applied()).isTrue();
        assertThat(dir.resolve("restarted")).exists();
        assertThat(Files.readAllBytes(Path.of(conf + ".herd-bak"))).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
        assertThat(dhcp.show("valkyrie03").filename()).isEqualTo("ipxe.efi");
        dhcp.set(DhcpRequest.of("valkyrie03", WriteMode.WRITE).withIp("10.10.3.4"));
        assertThat(dhcp.show("valkyrie03").ip()).isEqualTo("10.10.3.4");
        dhcp.remove(DhcpRequest.of("valkyrie03", WriteMode.WRITE));
        assertThat(Files.readAllBytes(conf)).isEqualTo(original);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "valkyrie03|08:00:27:18:69|10.10.3.3|host valkyrie03: bad MAC address '08:00:27:18:69' (expected 6 octets like 08:00:27:18:68:bc)",
        "valkyrie03|08:00:27:18:69:zz|10.10.3.3|host valkyrie03: bad MAC address '08:00:27:18:69:zz' (expected 6 octets like 08:00:27:18:68:bc)",
        "valkyrie03|08:00:27:18:69:bc|10.10.3.300|host valkyrie03: bad IPv4 address '10.10.3.300'",
        "valkyrie01|08:00:27:18:69:bc|10.10.3.3|host valkyrie01 already in CONF:40 (use dhcp set)",
    })
    void badRequestsAreOneLineAndLeaveTheFile(String name, String mac, String ip, String message) throws IOException {
        DhcpRequest r = DhcpRequest.of(name, WriteMode.APPLY).withMac(mac).withIp(ip);
        assertThatThrownBy(() -> dhcp.add(r)).isInstanceOf(DhcpException.class)
                .hasMessage(message.replace("CONF", conf.toString()));
        assertUnchanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "08:00:27:18:67:bc|10.10.3.3|52|MAC 08:00:27:18:67:bc used by several hosts: valkyrie01, valkyrie03",
        "08:00:27:18:69:bc|10.10.3.1|46|fixed-address 10.10.3.1 used by several hosts: valkyrie03, valkyrie01",
        "08:00:27:18:69:bc|10.11.3.3|54|host valkyrie03: fixed-address 10.11.3.3 is outside its subnet 10.10.0.0/16",
    })
    void introducedProblemsAreRefusedWithFileAndLine(String mac, String ip, int line, String message) throws IOException {
        DhcpRequest r = DhcpRequest.of("valkyrie03", WriteMode.WRITE).withMac(mac).withIp(ip);
        assertThatThrownBy(() -> dhcp.add(r)).isInstanceOf(FileEditException.class)
                .hasMessage(conf + ":" + line + ": " + message);
        assertUnchanged();
    }

    @Test
    void existingProblemsOfTheHandKeptFileDoNotBlockOtherEdits() {
        // The tutorial gives thor and valkyrie02 the same MAC; editing heimdall is still allowed.
        assertThat(DhcpChecks.problems(DhcpConf.parse("d", Text.decode(original)))).extracting(p -> p.message())
                .containsExactly("MAC 08:00:27:18:68:bc used by several hosts: thor, valkyrie02");
        dhcp.set(DhcpRequest.of("heimdall", WriteMode.WRITE).withFilename("undionly.kpxe"));
        assertThat(dhcp.show("heimdall").filename()).isEqualTo("undionly.kpxe");
    }

    @Test
    void dhcpdRejectsWhatHerdCannotSeeAndItsLineIsMapped() throws IOException {
        assumeThat(ProcessRunner.installed("dhcpd")).as("dhcpd (isc-dhcp-server) is not installed").isTrue();
        DhcpRequest r = DhcpRequest.of("heimdall", WriteMode.WRITE).withOption("option no-such-option", "1");
        assertThatThrownBy(() -> dhcp.set(r)).isInstanceOf(FileEditException.class)
                .hasMessageStartingWith(conf + ":38: ").hasMessageContaining("no-such-option");
        assertUnchanged();
    }

    @Test
    void unknownHostsAndMalformedFilesAreOneLine() throws IOException {
        assertThatThrownBy(() -> dhcp.remove(DhcpRequest.of("nosuch", WriteMode.WRITE)))
                .hasMessage("host nosuch: no entry in " + conf);
        Files.writeString(conf, "host a {\n hardware ethernet 08:00:27:00:00:01\n}\n");
        byte[] broken = Files.readAllBytes(conf);
        assertThatThrownBy(() -> dhcp.add(request("valkyrie03", WriteMode.WRITE)))
                .hasMessage(conf + ":2: semicolon expected after '08:00:27:00:00:01'");
        assertThat(Files.readAllBytes(conf)).isEqualTo(broken);
    }

    private static DhcpRequest request(String name, WriteMode mode) {
        return DhcpRequest.of(name, mode).withMac("08:00:27:18:69:BC").withIp("10.10.3.3").withFilename("ipxe.efi");
    }

    private void assertUnchanged() throws IOException {
        assertThat(Files.readAllBytes(conf)).isEqualTo(original);
        assertThat(Files.getLastModifiedTime(conf).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(Path.of(conf + ".herd-bak")).doesNotExist();
    }
}
