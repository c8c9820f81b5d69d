package herd.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.dhcp.DhcpCommands;
import herd.dns.DnsCommands;
import herd.exec.RecordingOutput;
import herd.files.FileChange;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.Resources;
import herd.files.SftpFileAccess;
import herd.files.Text;
import herd.files.UnifiedDiff;
import herd.hosts.HostsCommands;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.error.HerdException;
import herd.session.Session;
import herd.ssh.ConnectionInfo;
import herd.ssh.ConnectionPool;
import herd.ssh.LabSsh;
import herd.ssh.SessionSsh;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dhcp, dns and hosts edits on {@code services.host} (a lab node's sshd): SFTP reads and writes,
 * checkers run over SSH. The files live on the node (a machine of its own): each result is checked
 * through the node's root as this machine sees it ({@link Lab#nodeRoot}) and through a plain
 * {@code ssh} to the node.
 */
@LabConfig(nodes = 1)
class RemoteFilesLabTest {
    private static final List<String> FILES = List.of("dhcpd.conf", "forward", "reverse", "hosts");
    private static final int GROUP = 4;   // adm: not root's group, so a kept group shows

    static Lab lab;

    /** The test's directory as the node names it (in the inventory, in messages). */
    private Path dir;
    /** The same directory seen from this machine, through the node's root. */
    private Path local;
    @TempDir
    Path inventoryDir;
    private Session session;
    private RecordingOutput out;
    private Session.Scope scope;

    @BeforeEach
    void setUp() throws IOException {
        Path root = lab.nodeRoot("valkyrie01");
        local = Files.createTempDirectory(root.resolve("tmp"), "remote-files");
        dir = Path.of("/").resolve(root.relativize(local));
        for (String f : FILES) {
            Path p = local.resolve(f);
            Files.write(p, Text.encode(Resources.text("tutorial/" + f)));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
            Files.setAttribute(p, "unix:gid", GROUP);
        }
        open("valkyrie01", "");
    }

    @AfterEach
    void tearDown() {
        scope.close();
        session.close();
    }

    @Test
    void aDryRunShowsTheDiffAndWritesNothing() throws IOException {
        Map<String, byte[]> before = contents();
        new DhcpCommands(session).add("valkyrie09", "08:00:27:18:69:bc", "10.10.3.9", null, false, null, null, null, true, false);
        new DnsCommands(session).add("valkyrie09", "A", "10.10.3.9", null, false, false, false, true, false);
        new HostsCommands(session).add("valkyrie09", "10.10.3.9", null, true);
        String shown = out.results.stream().map(r -> r instanceof List<?> l ? l.stream().map(String::valueOf)
                .collect(Collectors.joining("\n")) : String.valueOf(r)).collect(Collectors.joining("\n"));
        assertThat(shown).contains("+host valkyrie09 {", "+valkyrie09", "+10.10.3.9   valkyrie09",
                "+++ " + dir.resolve("hosts"));
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(local).isDirectoryNotContaining("glob:**.herd-bak");
        assertThat(overSsh()).as("the files were read through the node").contains("valkyrie01");
    }

    @Test
    void realEditsChangeOnlyTheTouchedEntryKeepModeGroupAndABackup() throws IOException, InterruptedException {
        Map<String, byte[]> before = contents();
        new DhcpCommands(session).add("valkyrie09", "08:00:27:18:69:bc", "10.10.3.9", null, false, null, null, null, false, true);
        assertThat(Files.readString(local.resolve("restarted-on"))).as("--apply ran on services.host").isEqualTo("valkyrie01\n");
        new DnsCommands(session).add("valkyrie09", "A", "10.10.3.9", null, false, false, false, false, false);
        new HostsCommands(session).add("valkyrie09", "10.10.3.9", null, false);

        assertThat(changed("dhcpd.conf", before)).allMatch(l -> l.startsWith("+")).contains("+host valkyrie09 {",
                "+ hardware ethernet 08:00:27:18:69:BC;", "+ fixed-address 10.10.3.9;");
        assertThat(changed("hosts", before)).containsExactly("+10.10.3.9   valkyrie09");
        // Zones: the new record and the SOA serial, nothing else.
        assertThat(changed("forward", before)).hasSize(3).contains("+valkyrie09         IN  A   10.10.3.9")
                .filteredOn(l -> l.endsWith(";Serial")).hasSize(2);
        assertThat(changed("reverse", before)).hasSize(3).filteredOn(l -> !l.endsWith(";Serial"))
                .singleElement().asString().startsWith("+9.3").endsWith("valkyrie09.cluster.local.");
        for (String f : FILES) {
            assertThat(Files.readAllBytes(local.resolve(f + ".herd-bak"))).as(f + " backup").isEqualTo(before.get(f));
            assertThat(ssh("stat -c '%a %g' " + dir.resolve(f))).as(f + " mode and group").isEqualTo("640 " + GROUP);
        }
        assertThat(ssh("grep -c valkyrie09 " + dir.resolve("hosts"))).isEqualTo("1");
        assertThat(local).isDirectoryNotContaining("glob:**.herd-tmp");
        assertThat(overSsh()).contains("valkyrie01");
    }

    @Test
    void aFileTheCheckerRefusesIsNotWrittenAndTheErrorNamesItsLine() throws IOException {
        Map<String, byte[]> before = contents();
        assertThatThrownBy(() -> new DhcpCommands(session).add("valkyrie09", "08:00:27:18:69:bc", "10.10.3.9", null, false, null,
                null, "bogus-statement 7", false, false))
                .isInstanceOf(FileEditException.class)
                .hasMessageMatching("\\Q" + dir.resolve("dhcpd.conf") + "\\E:\\d+: .*bogus-statement.*");
        assertThatThrownBy(() -> new DnsCommands(session).add("bad_name", "A", "10.10.9.9", null, true, false, false, false, false))
                .isInstanceOf(FileEditException.class)
                .hasMessage(dir.resolve("forward") + ":18: bad_name.cluster.local: bad owner name (check-names)");
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(local).isDirectoryNotContaining("glob:**.herd-bak");
    }

    @Test
    void anUnreachableManagementNodeIsOneLineAndNothingIsWritten() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        tearDown();
        open("ghost", "  ghost:\n    ip: 10.10.3.99\n    ssh: {host: 127.0.0.1, port: " + closed + "}\n");
        Map<String, byte[]> before = contents();
        assertThatThrownBy(() -> new HostsCommands(session).add("valkyrie09", "10.10.3.9", null, false))
                .isInstanceOf(HerdException.class)
                .hasMessage(dir.resolve("hosts") + ": cannot read: ghost: unreachable: connection refused");
        assertThatThrownBy(() -> new DhcpCommands(session).list()).isInstanceOf(HerdException.class)
                .hasMessageEndingWith("ghost: unreachable: connection refused").message().doesNotContain("\n");
        assertThat(contents()).containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void anEditInTheSameSecondAsTheReadIsNoticed() throws Exception {
        try (ConnectionPool pool = LabSsh.pool(lab)) {
            FileEditor editor = new FileEditor(new SftpFileAccess(pool, LabSsh.target(lab, "valkyrie01"), Duration.ofSeconds(5)));
            Path hosts = dir.resolve("hosts");
            Path hostsHere = local.resolve("hosts");
            FileChange c = editor.open(hosts.toString());
            FileTime mtime = Files.getLastModifiedTime(hostsHere);
            // Same size, same whole-second mtime: only the content tells.
            Files.writeString(hostsHere, c.before().replace("odin", "loki"));
            Files.setLastModifiedTime(hostsHere, mtime);
            assertThatThrownBy(() -> editor.commit(List.of(c.withAfter(c.before() + "10.10.3.9   valkyrie09\n")), Map.of()))
                    .hasMessage(hosts + ": changed by someone else while herd edited it; run again");
            assertThat(Files.readString(hostsHere)).contains("loki").doesNotContain("valkyrie09");
        }
    }

    @Test
    void aSymlinkedFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path real = Files.createDirectory(local.resolve("etc")).resolve("hosts.real");
        Files.move(local.resolve("hosts"), real);
        // The link's target as the node names it.
        Files.createSymbolicLink(local.resolve("hosts"), dir.resolve("etc/hosts.real"));
        new HostsCommands(session).add("valkyrie09", "10.10.3.9", null, false);
        assertThat(Files.isSymbolicLink(local.resolve("hosts"))).isTrue();
        assertThat(Files.readString(real)).endsWith("10.10.3.9   valkyrie09\n");
        assertThat(Files.readString(local.resolve("etc/hosts.real.herd-bak"))).doesNotContain("valkyrie09");
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    private void open(String host, String extraNode) throws IOException {
        // The restart command tells where it ran: each lab node has its own hostname.
        String services = "services:\n  host: " + host + "\n  dhcp:\n    conf: " + dir.resolve("dhcpd.conf")
                + "\n    restart: \"hostname > " + dir.resolve("restarted-on") + "\""
                + "\n  dns:\n    server: 127.0.0.1\n    zones:\n      cluster.local: " + dir.resolve("forward")
                + "\n      10.10.in-addr.arpa: " + dir.resolve("reverse") + "\n  hosts: " + dir.resolve("hosts") + "\n\n";
        String yaml = Files.readString(lab.inventoryFile()).replaceFirst("(?s)services:\n.*?\n\n(?=defaults:)",
                java.util.regex.Matcher.quoteReplacement(services))
                .replaceFirst("(?m)^nodes:\n", java.util.regex.Matcher.quoteReplacement("nodes:\n" + extraNode));
        Path inventory = Files.writeString(inventoryDir.resolve("cluster.yaml"), yaml);
        session = new Session(InventoryLoader.load(inventory));
        out = new RecordingOutput();
        scope = session.enter(out, Cancellation.create());
    }

    private List<String> overSsh() {
        return SessionSsh.pool(session).connections().stream().map(ConnectionInfo::node).toList();
    }

    private Map<String, byte[]> contents() throws IOException {
        Map<String, byte[]> m = new java.util.HashMap<>();
        for (String f : FILES) {
            m.put(f, Files.readAllBytes(local.resolve(f)));
        }
        return m;
    }

    /** The +/- lines of the change to {@code f} since {@code before}. */
    private List<String> changed(String f, Map<String, byte[]> before) throws IOException {
        String diff = UnifiedDiff.of(f, new String(before.get(f), StandardCharsets.UTF_8), Files.readString(local.resolve(f)));
        List<String> lines = new ArrayList<>();
        for (String l : diff.split("\n")) {
            if ((l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++") && !l.startsWith("---")) {
                lines.add(l.stripTrailing());
            }
        }
        return lines;
    }

    /** A second, independent path to the node: OpenSSH's client. */
    private static String ssh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh", "-F", lab.sshConfig().toString(), "valkyrie01", command)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
