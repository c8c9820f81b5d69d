package herd.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow engine on real files and real processes. */
class FollowEngineTest {

    @TempDir
    Path dir;
    final FollowEngine engine = new FollowEngine(LogLineParserTest.TAGGER);

    private FollowRequest request(List<LogSource> sources, Set<String> nodes, String grep, boolean fromStart) {
        return new FollowRequest(sources, nodes, Optional.ofNullable(grep).map(Pattern::compile), fromStart,
                Duration.ofMillis(20));
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void tailsAcrossPartialLinesRotationAndTruncation() throws Exception {
        Path log = dir.resolve("dhcpd.log");
        append(log, "old line before follow\n");
        Collector c = new Collector();
        FollowJob job = engine.start(request(List.of(new LogSource.File(log)), Set.of(), null, false), c);
        try {
            Thread.sleep(100);
            append(log, "DHCPDISCOVER from 08:00:27:0d:f8:");
            Thread.sleep(60);
            append(log, "a5 via eth0\n");
            assertThat(c.line("DHCPDISCOVER from 08:00:27:0d:f8:a5 via eth0").node()).contains("valkyrie01");
            // logrotate (create): last words to the old file, rename, new file at the path.
            append(log, "written just before rotation\n");
            Files.move(log, dir.resolve("dhcpd.log.1"), StandardCopyOption.ATOMIC_MOVE);
            append(log, "first line of the new file\n");
            c.line("first line of the new file");
            // copytruncate: the same file cut to zero, then written again.
            Files.writeString(log, "");
            Thread.sleep(100);
            append(log, "after truncation\n");
            c.line("after truncation");
            assertThat(c.raws()).containsExactly("DHCPDISCOVER from 08:00:27:0d:f8:a5 via eth0",
                    "written just before rotation", "first line of the new file", "after truncation");
        } finally {
            job.stop();
        }
        assertThat(job.running()).isFalse();
    }

    @Test
    void waitsForAMissingFileAndReadsItWhole() throws Exception {
        Path log = dir.resolve("later.log");
        Collector c = new Collector();
        FollowJob job = engine.start(request(List.of(new LogSource.File(log)), Set.of(), null, false), c);
        try {
            Thread.sleep(80);
            append(log, "born\n");
            c.line("born");
        } finally {
            job.stop();
        }
    }

    @Test
    void filtersByNodesetAndGrep() throws Exception {
        Path log = dir.resolve("all.log");
        append(log, String.join("\n",
                "DHCPACK on 10.10.3.1 to 08:00:27:0d:f8:a5 via eth0",
                "DHCPACK on 10.10.3.2 to 08:00:27:0d:f8:a6 via eth0",
                "DHCPOFFER on 10.10.3.2 to 08:00:27:0d:f8:a6 via eth0",
                "unrelated line", "end valkyrie02") + "\n");
        Collector c = new Collector();
        FollowJob job = engine.start(request(List.of(new LogSource.File(log)), Set.of("valkyrie02"), "ACK|end", true), c);
        try {
            c.line("end valkyrie02");
            assertThat(c.raws()).containsExactly("DHCPACK on 10.10.3.2 to 08:00:27:0d:f8:a6 via eth0", "end valkyrie02");
        } finally {
            job.stop();
        }
    }

    @Test
    void aFailingCommandIsReportedAndTheOtherSourcesGoOn() throws Exception {
        Path log = dir.resolve("ok.log");
        Collector c = new Collector();
        LogSource bad = new LogSource.Command("remote", List.of("ls", dir.resolve("no-such-file").toString()));
        FollowJob job = engine.start(request(List.of(bad, new LogSource.File(log)), Set.of(), null, true), c);
        try {
            FollowEvent e = c.await(x -> x instanceof FollowEvent.SourceFailed, Duration.ofSeconds(10));
            assertThat(((FollowEvent.SourceFailed) e).source()).isEqualTo("remote");
            assertThat(((FollowEvent.SourceFailed) e).message()).startsWith("ls: ").contains("No such file");
            append(log, "still here\n");
            c.line("still here");
            assertThat(job.running()).isTrue();
        } finally {
            job.stop();
        }
        assertThat(job.description()).isEqualTo("follow remote " + log);
    }
}
