package herd.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.inventory.Audit;
import herd.nodeset.NodeSet;
import herd.session.Effects;
import herd.session.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordTest {
    private static final Instant T = Instant.parse("2026-12-07T12:00:00.250Z");

    static AuditRecord record(String line, String user, String nodes, Instant time) {
        return new AuditRecord(time, user, 1000, "alice", 42, "5f3a9c1e", "lab", "/tmp/lab/cluster.yaml", "b.csh:3",
                line, "exec", nodes, 1, "exec: 1 of 2 nodes failed (see @last:failed)",
                Map.of("ok", 1, "failed", 1), Map.of("ok", "n1", "failed", "n2"),
                List.of(new Effects.WrittenFile("/etc/hosts", "/etc/hosts.herd-bak", "odin")), 812);
    }

    @Test
    void aRecordIsOneJsonLineAndReadsBackEqual() {
        AuditRecord r = record("exec -w 'n[1-2]' echo \"quoted\" \\\\ tab\there", "bob", "n[1-2]", T);
        String json = r.toJson();
        assertThat(json).doesNotContain("\n").startsWith("{\"time\":\"2026-12-07T12:00:00.250Z\",\"user\":\"bob\",\"uid\":1000,")
                .contains("\"files\":[{\"path\":\"/etc/hosts\",\"backup\":\"/etc/hosts.herd-bak\",\"host\":\"odin\"}]");
        assertThat(AuditRecord.parse(json)).isEqualTo(r);
    }

    @Test
    void appendsOfManyWritersNeverInterleave(@TempDir Path dir) throws Exception {
        AuditLog log = AuditLog.of(new Audit(dir.resolve("sub/audit.log").toString(), true, null, "authpriv"), Map.of(), 0);
        String big = "x".repeat(20_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.submit(() -> log.append(record("exec " + n + " " + big, "u" + n, "n" + n, T)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<AuditRecord> back = AuditLog.read(log.file());
        assertThat(back).hasSize(200).allSatisfy(r -> assertThat(r.line()).endsWith(big));
        assertThat(Files.getPosixFilePermissions(log.file())).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
    }

    @Test
    void aLineThatIsNotARecordIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("audit.log"), record("a", "u", "n1", T).toJson() + "\nnot json {\n");
        assertThatThrownBy(() -> AuditLog.read(f)).hasMessageStartingWith(f + ":2: not an audit record");
    }

    @Test
    void defaultFileIsTheSystemLogForRootElseTheUsersState() {
        assertThat(AuditLog.defaultFile(Map.of(), 0)).isEqualTo(Path.of("/var/log/herd/audit.log"));
        assertThat(AuditLog.defaultFile(Map.of("HOME", "/home/bob"), 1000)).isEqualTo(Path.of("/home/bob/.local/state/herd/audit.log"));
        assertThat(AuditLog.defaultFile(Map.of("XDG_STATE_HOME", "/s"), 1000)).isEqualTo(Path.of("/s/herd/audit.log"));
        assertThat(AuditLog.defaultFile(Map.of("HERD_AUDIT_LOG", "/x/a.log"), 0)).isEqualTo(Path.of("/x/a.log"));
    }

    @ParameterizedTest
    @CsvSource({
        "2h, 2026-12-07T10:00:00.250Z",
        "90s, 2026-12-07T11:58:30.250Z",
        "3d, 2026-12-04T12:00:00.250Z",
        "2026-12-07, 2026-12-07T00:00:00Z",
        "2026-12-07T08:00, 2026-12-07T08:00:00Z",
        "2026-12-07 08:00:30, 2026-12-07T08:00:30Z",
        "2026-12-07T08:00:00+02:00, 2026-12-07T06:00:00Z",
    })
    void sinceTakesTimesAndDurationsAgo(String text, String expected) {
        Clock clock = Clock.fixed(T, ZoneId.of("UTC"));
        assertThat(AuditQuery.since(text, clock)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aBadSinceIsAUsageErrorKeepingTheText() {
        assertThatThrownBy(() -> AuditQuery.since("yesterday", Clock.systemUTC())).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("got \"yesterday\"");
    }

    @Test
    void queriesSelectByTimeUserAndNodes() {
        List<AuditRecord> all = new ArrayList<>(List.of(record("a", "root", "n[1-2]", T), record("b", "bob", "n3", T.plusSeconds(60)),
                record("c", "bob", "", T.plusSeconds(120))));
        assertThat(new AuditQuery(T.plusSeconds(1), null, null).select(all)).extracting(AuditRecord::line).containsExactly("b", "c");
        assertThat(new AuditQuery(null, "alice", null).select(all)).hasSize(3);
        assertThat(new AuditQuery(null, "root", null).select(all)).extracting(AuditRecord::line).containsExactly("a");
        assertThat(new AuditQuery(null, null, NodeSet.parse("n[2-3]")).select(all)).extracting(AuditRecord::line)
                .containsExactly("a", "b");
    }
}
