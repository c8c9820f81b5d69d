package herd.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** follow against servers that really write their logs: nginx's access log, and journald read by journalctl. */
class LiveSourcesTest {

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void nginxAccessLogLinesArriveTaggedByClientAddress() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx not installed (nginx-light)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path www = Files.createDirectories(dir.resolve("www/nodes"));
        Files.writeString(www.resolve("valkyrie01.ipxe"), "#!ipxe\n");
        Files.createDirectories(dir.resolve("logs"));
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "pid " + dir + "/nginx.pid; error_log " + dir + "/logs/error.log;\nevents {}\n"
                + "http { access_log " + dir + "/logs/access.log combined;\n"
                + "  server { listen 127.0.0.1:" + port + "; root " + dir + "/www; } }\n");
        Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NodeTagger tagger = new NodeTagger(List.of(new NodeTagger.Address("valkyrie01", "127.0.0.1", "08:00:27:0d:f8:a5")));
        Collector c = new Collector();
        FollowJob job = new FollowEngine(tagger).start(FollowRequest.of(
                List.of(new LogSource.File(dir.resolve("logs/access.log")))), c);
        try {
            awaitListening(port, nginx);
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/nodes/valkyrie01.ipxe", "/herd/install-finished")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("User-Agent", "iPXE/1.21.1+ (g4bd0)").build(), HttpResponse.BodyHandlers.discarding());
            }
            FollowEvent last = c.await(e -> e instanceof FollowEvent.Line l && l.line().event() instanceof LogEvent.Http h
                    && h.path().equals("/herd/install-finished"), Duration.ofSeconds(10));
            TaggedLine t = ((FollowEvent.Line) last).line();
            assertThat(t.event()).isEqualTo(new LogEvent.Http("127.0.0.1", "GET", "/herd/install-finished", 404, 153,
                    "iPXE/1.21.1+ (g4bd0)"));
            assertThat(t.node()).contains("valkyrie01");
            assertThat(c.raws()).hasSize(2).first().asString().contains("\"GET /nodes/valkyrie01.ipxe HTTP/1.1\" 200 7 ");
        } finally {
            job.stop();
            nginx.destroy();
            nginx.waitFor();
        }
    }

    @Test
    void journaldLinesThroughJournalctlFollow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/lib/systemd/systemd-journald")), "systemd-journald absent");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a private mount namespace");
        // journald in a private mount namespace (its own /run): nothing of the host's logging is touched.
        Process journald = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal /run/log/journal"
                        + " && exec /lib/systemd/systemd-journald").redirectErrorStream(true)
                .redirectOutput(dir.resolve("journald.out").toFile()).start();
        List<String> via = List.of("nsenter", "--mount=/proc/" + journald.pid() + "/ns/mnt");
        Collector c = new Collector();
        FollowJob job = null;
        try {
            Path socket = Path.of("/proc/" + journald.pid() + "/root/run/systemd/journal/stdout");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(socket) && journald.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Assumptions.assumeTrue(Files.exists(socket), "journald did not start: " + Files.readString(dir.resolve("journald.out")));
            List<String> messages = LogLineParserTest.lines("syslog-short.log").stream()
                    .map(l -> l.substring(l.indexOf("]: ") + 3)).filter(m -> m.startsWith("DHCP")).toList();
            Process cat = new ProcessBuilder(concat(via, List.of("systemd-cat", "-t", "dhcpd"))).start();
            cat.getOutputStream().write((String.join("\n", messages) + "\n").getBytes(StandardCharsets.UTF_8));
            cat.getOutputStream().close();
            assertThat(cat.waitFor()).isZero();
            job = new FollowEngine(LogLineParserTest.TAGGER).start(new FollowRequest(
                    List.of(new LogSource.Journal(List.of("@dhcpd"), via)), Set.of("valkyrie01"), Optional.empty(), true,
                    Duration.ofMillis(50)), c);
            FollowEvent e = c.await(x -> x instanceof FollowEvent.Line l && l.line().line().message().startsWith("DHCPACK"),
                    Duration.ofSeconds(15));
            TaggedLine ack = ((FollowEvent.Line) e).line();
            assertThat(ack.line().program()).isEqualTo("dhcpd");
            assertThat(ack.event()).isEqualTo(new LogEvent.Dhcp(LogEvent.DhcpKind.ACK, "08:00:27:0d:f8:a5", "10.10.3.1", "", ""));
            assertThat(ack.line().raw()).startsWith("{");
            assertThat(c.raws()).hasSize(4);
        } finally {
            if (job != null) {
                job.stop();
            }
            journald.destroy();
            journald.waitFor();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void awaitListening(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }
}
