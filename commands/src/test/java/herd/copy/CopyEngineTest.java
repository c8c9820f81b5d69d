package herd.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.exec.ExecEngine;
import herd.exec.ExecRequest;
import herd.exec.ExecResult;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.ssh.ConnectionPool;
import herd.ssh.LabSsh;
import herd.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull of a file and a tree against the lab's nodes, checksums compared on both sides.
 * (The user's view, through {@code ./herd} on 24 nodes, is the shell module's CopyShellTest.)
 */
@LabConfig(nodes = 3)
class CopyEngineTest {

    static Lab lab;
    private static ConnectionPool pool;
    private static List<SshTarget> targets;
    private static final String REMOTE = "/tmp/herd-copy-test-" + ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() throws Exception {
        pool = LabSsh.pool(lab);
        targets = LabSsh.targets(lab);
    }

    @AfterAll
    static void close() {
        exec("rm -rf " + REMOTE);
        pool.close();
    }

    @Test
    void pushesAndPullsAFileAndATreeWithSameChecksums() throws Exception {
        Path file = write(tmp.resolve("blob.bin"), 1_500_000);
        Path tree = tmp.resolve("tree");
        write(tree.resolve("a.txt"), 10);
        write(tree.resolve("sub/b.bin"), 300_000);
        write(tree.resolve("sub/deeper/c.txt"), 0);
        long total = 1_500_000 + 10 + 300_000;

        List<CopyEvent> events = Collections.synchronizedList(new ArrayList<>());
        CopyResult pushed = new CopyEngine(pool).run(
                CopyRequest.push(targets, List.of(file.toString(), tree.toString()), REMOTE + "/in"), events::add);
        assertThat(pushed.outcomes().allOk()).as(pushed.outcomes().failures().toString()).isTrue();
        assertThat(pushed.bytes()).containsEntry("valkyrie02", total);
        assertThat(events).filteredOn(e -> e instanceof CopyEvent.Progress p && p.node().equals("valkyrie01"))
                .last().isEqualTo(new CopyEvent.Progress("valkyrie01", total, total));

        Map<String, String> local = sums(tmp, List.of(file, tree));
        ExecResult remote = exec("cd " + REMOTE + "/in && find . -type f | sort | xargs sha256sum");
        for (SshTarget t : targets) {
            assertThat(remote.output(t.node()).stdout()).containsExactlyElementsOf(
                    local.entrySet().stream().map(e -> e.getValue() + "  ./" + e.getKey()).toList());
        }

        Path back = tmp.resolve("back");
        CopyResult pulled = new CopyEngine(pool).run(
                CopyRequest.pull(targets, List.of(REMOTE + "/in/blob.bin", REMOTE + "/in/tree/"), back.toString()), e -> { });
        assertThat(pulled.outcomes().allOk()).as(pulled.outcomes().failures().toString()).isTrue();
        for (SshTarget t : targets) {
            Path f = back.resolve("blob.bin." + t.node());
            Path d = back.resolve("tree." + t.node());
            assertThat(sha256(f)).isEqualTo(sha256(file));
            assertThat(sums(d, List.of(d)).values()).containsExactlyElementsOf(sums(tree, List.of(tree)).values());
        }
    }

    @Test
    void preserveKeepsModificationTimes() throws Exception {
        Path file = write(tmp.resolve("old.txt"), 100);
        Files.setLastModifiedTime(file, FileTime.fromMillis(978_307_200_000L));
        CopyResult r = new CopyEngine(pool).run(
                CopyRequest.push(targets.subList(0, 1), List.of(file.toString()), REMOTE + "/p").withPreserve(true), e -> { });
        assertThat(r.outcomes().allOk()).isTrue();
        assertThat(exec("stat -c %Y " + REMOTE + "/p").output("valkyrie01").stdout()).containsExactly("978307200");
    }

    @Test
    void missingRemoteFileFailsEveryNodeAndMissingLocalSourceFailsAtOnce() {
        CopyResult r = new CopyEngine(pool).run(
                CopyRequest.pull(targets, List.of(REMOTE + "/absent"), tmp.resolve("x").toString()), e -> { });
        assertThat(r.outcomes().groups().get("failed")).hasSize(3);
        assertThat(r.outcomes().failures().keySet()).singleElement().asString().startsWith("sftp: No such file");
        assertThatThrownBy(() -> new CopyEngine(pool).run(
                CopyRequest.push(targets, List.of("/nonexistent/f"), "/tmp"), e -> { }))
                .isInstanceOf(CopyException.class).hasMessage("copy: /nonexistent/f: no such file or directory");
    }

    private static ExecResult exec(String command) {
        try (ExecEngine e = new ExecEngine(pool)) {
            return e.run(ExecRequest.of(targets, command), ev -> { });
        }
    }

    private static Path write(Path p, int size) throws Exception {
        Files.createDirectories(p.getParent());
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(p, data);
    }

    /** Relative path (as find prints it, under the roots' parent) to SHA-256, sorted by path. */
    private static Map<String, String> sums(Path base, List<Path> roots) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    sums.put(base.relativize(f).toString(), sha256(f));
                }
            }
        }
        return sums;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
