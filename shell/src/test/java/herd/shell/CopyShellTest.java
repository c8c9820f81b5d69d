package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.junit.LabConfig;
import herd.shell.HerdProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} and {@code rcopy} as users run them (the real {@code ./herd}, the lab's inventory),
 * on 24 nodes that each have a disk of their own. What landed is read back without herd: from each
 * node's root as this machine sees it ({@link Lab#nodeRoot}) and with the OpenSSH client.
 */
@LabConfig(nodes = 24)
class CopyShellTest {
    private static final String ALL = "valkyrie[01-24]";

    Lab lab;
    @TempDir
    Path home;

    @Test
    void copyReachesEveryNodeAtFullFanoutAndEachNodeHoldsTheSameBytes() throws Exception {
        Path blob = random(home.resolve("blob.bin"), 2_000_000, 1);
        random(home.resolve("tree/a.conf"), 300, 2);
        random(home.resolve("tree/sub/b.bin"), 100_000, 3);

        Result r = herd("copy blob.bin tree --dest /srv/data -w @compute -f 64");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(ALL + ": ok\n");

        String sum = sha256(blob);
        for (LabNode n : lab.nodes()) {
            Path root = lab.nodeRoot(n.name());
            assertThat(sha256(root.resolve("srv/data/blob.bin"))).as(n.name()).isEqualTo(sum);
            assertThat(sha256(root.resolve("srv/data/tree/sub/b.bin"))).isEqualTo(sha256(home.resolve("tree/sub/b.bin")));
            assertThat(sha256(root.resolve("srv/data/tree/a.conf"))).isEqualTo(sha256(home.resolve("tree/a.conf")));
            assertThat(names(root.resolve("srv/data"))).as("no temporary file left").containsExactlyInAnyOrder("blob.bin", "tree");
            assertThat(ssh(n.name(), "sha256sum /srv/data/blob.bin")).isEqualTo(sum + "  /srv/data/blob.bin\n");
        }
        assertThat(Path.of("/srv/data/blob.bin")).as("the host is no node").doesNotExist();
    }

    @Test
    void rcopyBringsBackEachNodesOwnFileAsNameDotNode() throws Exception {
        for (LabNode n : lab.nodes()) {
            Path root = lab.nodeRoot(n.name());
            Files.writeString(root.resolve("etc/herd-id"), "I am " + n.name() + "\n");
            random(root.resolve("srv/per/" + n.name() + ".bin"), 5_000 + n.name().hashCode() % 1000, n.name().hashCode());
        }
        Result r = herd("rcopy /etc/herd-id /srv/per --dest back -w @compute");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(ALL + ": ok\n");

        Path back = home.resolve("back");
        List<String> expected = new ArrayList<>();
        for (LabNode n : lab.nodes()) {
            assertThat(back.resolve("herd-id." + n.name())).hasContent("I am " + n.name());
            Path mine = back.resolve("per." + n.name());
            assertThat(names(mine)).containsExactly(n.name() + ".bin");
            assertThat(sha256(mine.resolve(n.name() + ".bin")))
                    .isEqualTo(sha256(lab.nodeRoot(n.name()).resolve("srv/per/" + n.name() + ".bin")));
            expected.add("herd-id." + n.name());
            expected.add("per." + n.name());
        }
        assertThat(names(back)).as("one copy per node, nothing else").containsExactlyInAnyOrderElementsOf(expected);

        Files.createDirectories(home.resolve("taken/herd-id.valkyrie01/inside"));
        Result taken = herd("rcopy /etc/herd-id --dest taken -w valkyrie[01-02]");
        assertThat(taken.out()).startsWith("valkyrie01: local: Is a directory: taken/herd-id.valkyrie01\nvalkyrie02: ok\n");
        assertThat(home.resolve("taken/herd-id.valkyrie01/inside")).as("left alone").isDirectory();
        assertThat(names(home.resolve("taken"))).containsExactlyInAnyOrder("herd-id.valkyrie01", "herd-id.valkyrie02");

        Result bad = herd("rcopy /etc/herd-id --dest /proc/x -w @compute");
        assertThat(bad.err()).as("said once, not per node").isEqualTo(
                "herd: -:1: rcopy: --dest /proc/x: cannot create the directory: No such file or directory\n");
        assertThat(bad.out()).isEmpty();
        assertThat(bad.status()).isEqualTo(1);
    }

    @Test
    void nodesPoweredOffMidCopyAreNamedWithOneReasonAndTheOthersComplete() throws Exception {
        Path big = random(home.resolve("big.bin"), 160_000_000, 4);
        String sum = sha256(big);
        List<String> lost = List.of("valkyrie03", "valkyrie05");
        List<Path> disks = new ArrayList<>();
        for (String n : lost) {
            disks.add(lab.nodeRoot(n).resolve("srv"));
        }
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return herd("copy big.bin --dest /srv/big.bin -w valkyrie[01-06]");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            for (int i = 0; i < lost.size(); i++) {
                awaitTemporaryFile(disks.get(i), "big.bin");
                lab.stopNode(lost.get(i));
            }
            Result r = run.get(120, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).startsWith("valkyrie[01-02,04,06]: ok\n"
                    + "valkyrie[03,05]: unreachable: connection lost during the copy\n");
            assertThat(r.err()).isEqualTo("herd: -:1: copy: 2 of 6 nodes failed (see @last:failed)\n");
            for (String n : List.of("valkyrie01", "valkyrie02", "valkyrie04", "valkyrie06")) {
                assertThat(sha256(lab.nodeRoot(n).resolve("srv/big.bin"))).as(n).isEqualTo(sum);
            }
        } finally {
            run.join();
            for (String n : lost) {
                lab.startNode(n);
            }
        }
        for (String n : lost) {
            assertThat(lab.nodeRoot(n).resolve("srv/big.bin")).as("never a partial file under the real name").doesNotExist();
        }
    }

    @Test
    void aNodePoweredOffMidRcopyLeavesNoPartialCopyHere() throws Exception {
        for (String n : List.of("valkyrie10", "valkyrie11")) {
            random(lab.nodeRoot(n).resolve("srv/pull.bin"), 120_000_000, 7);
        }
        String sum = sha256(lab.nodeRoot("valkyrie11").resolve("srv/pull.bin"));
        Path pulled = Files.createDirectories(home.resolve("pulled"));
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return herd("rcopy /srv/pull.bin --dest pulled -w valkyrie[10-11]");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            awaitTemporaryFile(pulled, "pull.bin.valkyrie10");
            lab.stopNode("valkyrie10");
            Result r = run.get(120, TimeUnit.SECONDS);
            assertThat(r.out()).startsWith("valkyrie10: unreachable: connection lost during the copy\nvalkyrie11: ok\n");
            assertThat(r.status()).isEqualTo(1);
        } finally {
            run.join();
            lab.startNode("valkyrie10");
        }
        assertThat(names(pulled)).as("the lost node's partial copy is removed").containsExactly("pull.bin.valkyrie11");
        assertThat(sha256(pulled.resolve("pull.bin.valkyrie11"))).isEqualTo(sum);
    }

    @Test
    void aNodeThatStopsAnsweringMidCopyTimesOutOnceAndTheOthersComplete() throws Exception {
        Path big = random(home.resolve("frozen.bin"), 100_000_000, 6);
        Path disk = lab.nodeRoot("valkyrie08").resolve("srv");
        long start = System.nanoTime();
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return herd("copy frozen.bin --dest /srv/frozen.bin -w valkyrie[07-09]");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> frozen = List.of();
        try {
            awaitTemporaryFile(disk, "frozen.bin");
            // Every process of the node stops (as on a hung kernel or a stuck disk): its TCP stays open.
            frozen = processesOf("valkyrie08");
            signal("STOP", frozen);
            Result r = run.get(120, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(r.out()).startsWith("valkyrie[07,09]: ok\n"
                    + "valkyrie08: timed out: no SFTP answer within 30 s during the copy\n");
            assertThat(r.status()).isEqualTo(1);
            assertThat(seconds).as("one request timeout, not one per outstanding write").isLessThan(60);
            for (String n : List.of("valkyrie07", "valkyrie09")) {
                assertThat(sha256(lab.nodeRoot(n).resolve("srv/frozen.bin"))).as(n).isEqualTo(sha256(big));
            }
        } finally {
            signal("CONT", frozen);
            run.join();
        }
        assertThat(lab.nodeRoot("valkyrie08").resolve("srv/frozen.bin")).doesNotExist();
    }

    @Test
    void fullOrReadOnlyDisksFailThoseNodesOnlyAndKeepTheirOldFileWhole() throws Exception {
        List<String> full = List.of("valkyrie05", "valkyrie17");
        for (LabNode n : lab.nodes()) {
            Files.createDirectories(lab.nodeRoot(n.name()).resolve("srv/full"));
        }
        // The node's own mount namespace: the host and the other nodes never see this tmpfs.
        for (String n : full) {
            inNode(n, "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", "/srv/full");
        }
        inNode("valkyrie20", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", "/srv/full");
        try {
            for (String n : full) {
                Files.writeString(lab.nodeRoot(n).resolve("srv/full/data.bin"), "old\n");
            }
            Files.writeString(lab.nodeRoot("valkyrie20").resolve("srv/full/data.bin"), "old\n");
            inNode("valkyrie20", "mount", "-o", "remount,ro", "/srv/full");
            Path data = random(home.resolve("data.bin"), 3_000_000, 5);

            Result r = herd("copy data.bin --dest /srv/full -w @compute");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).startsWith("valkyrie[01-04,06-16,18-19,21-24]: ok\n"
                    + "valkyrie[05,17]: sftp: No space left on device: /srv/full/data.bin\n"
                    + "valkyrie20: sftp: Read-only file system: /srv/full/data.bin\n");
            assertThat(r.err()).isEqualTo("herd: -:1: copy: 3 of 24 nodes failed (see @last:failed)\n");
            assertThat(lab.nodeRoot("valkyrie20").resolve("srv/full/data.bin")).hasContent("old");
            for (String n : full) {
                Path old = lab.nodeRoot(n).resolve("srv/full/data.bin");
                assertThat(old).as("the old file is whole").hasContent("old");
                assertThat(names(old.getParent())).as("no temporary file left").containsExactly("data.bin");
                assertThat(ssh(n, "df --output=used -B1 /srv/full | tail -1").strip()).as("nothing else kept").isEqualTo("4096");
            }
            for (LabNode n : lab.nodes()) {
                if (!full.contains(n.name()) && !n.name().equals("valkyrie20")) {
                    assertThat(sha256(lab.nodeRoot(n.name()).resolve("srv/full/data.bin"))).as(n.name()).isEqualTo(sha256(data));
                }
            }
        } finally {
            for (String n : List.of("valkyrie05", "valkyrie17", "valkyrie20")) {
                inNode(n, "umount", "/srv/full");
            }
        }
    }

    @Test
    void preserveKeepsModesOwnersAndTimesAndAPlainCopyDoesNot() throws Exception {
        Path script = Files.writeString(home.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("secret"), "s3cret\n");
        own(script, "750", 1234, 2345, 978_307_200L);
        own(conf.resolve("secret"), "640", 1234, 2345, 978_307_200L);
        own(conf, "710", 1234, 2345, 978_307_200L);
        // An existing file replaced by a plain copy keeps its own mode and owner, as cp and scp do.
        Path existing = lab.nodeRoot("valkyrie01").resolve("srv/plain/run.sh");
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "old\n");
        own(existing, "600", 7, 7, 1_000_000_000L);

        // A link replaced by a copy: its file gets the bytes, as with scp; the link stays.
        Path linked = Files.createDirectories(lab.nodeRoot("valkyrie02").resolve("srv/linked"));
        Files.writeString(linked.resolve("real.sh"), "old\n");
        Files.createSymbolicLink(linked.resolve("run.sh"), Path.of("real.sh"));

        Result r = herd("copy -p run.sh conf --dest /srv/kept -w valkyrie[01-02]\n"
                + "copy run.sh conf --dest /srv/plain -w valkyrie[01-02]\n"
                + "copy run.sh --dest /srv/linked -w valkyrie02");
        assertThat(r.status()).as(r.err()).isZero();
        for (String n : List.of("valkyrie01", "valkyrie02")) {
            assertThat(ssh(n, "stat -c '%n %a %u %g %Y' /srv/kept/run.sh /srv/kept/conf /srv/kept/conf/secret")).isEqualTo("""
                    /srv/kept/run.sh 750 1234 2345 978307200
                    /srv/kept/conf 710 1234 2345 978307200
                    /srv/kept/conf/secret 640 1234 2345 978307200
                    """);
            String plain = ssh(n, "stat -c '%n %a %u %g' /srv/plain/conf /srv/plain/conf/secret");
            assertThat(plain).isEqualTo("/srv/plain/conf 755 0 0\n/srv/plain/conf/secret 644 0 0\n");
            assertThat(ssh(n, "find /srv/plain/conf/secret -newermt 2020-01-01")).as("a new time").isNotEmpty();
        }
        assertThat(ssh("valkyrie01", "stat -c '%a %u %g' /srv/plain/run.sh; cat /srv/plain/run.sh"))
                .isEqualTo("600 7 7\n#!/bin/sh\necho hi\n");
        assertThat(ssh("valkyrie02", "stat -c '%a %u %g' /srv/plain/run.sh")).as("a new file: the defaults").isEqualTo("644 0 0\n");
        assertThat(ssh("valkyrie02", "readlink /srv/linked/run.sh; cat /srv/linked/real.sh; ls -A /srv/linked"))
                .isEqualTo("real.sh\n#!/bin/sh\necho hi\nreal.sh\nrun.sh\n");

        Result back = herd("rcopy -p /srv/kept/run.sh --dest kept -w valkyrie01\nrcopy /srv/kept/run.sh --dest plain -w valkyrie01");
        assertThat(back.status()).as(back.err()).isZero();
        assertThat(stat(home.resolve("kept/run.sh.valkyrie01"))).isEqualTo("750 1234 2345 978307200");
        assertThat(stat(home.resolve("plain/run.sh.valkyrie01"))).startsWith("644 0 0 ");
    }

    private Result herd(String batch) throws IOException, InterruptedException {
        Path file = Files.writeString(Files.createTempFile(home, "batch", ".csh"), batch + "\n");
        return HerdProcess.exec(home, file, List.of(HerdProcess.LAUNCHER.toString(), "-q", "--inventory",
                lab.inventoryFile().toString()), Duration.ofSeconds(120));
    }

    /** The OpenSSH client's view of the node, independent of herd. */
    private String ssh(String node, String command) throws IOException, InterruptedException {
        return run(List.of("ssh", "-F", lab.sshConfig().toString(), "-o", "BatchMode=yes", node, command));
    }

    private void inNode(String node, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(lab.inNode(node));
        argv.addAll(List.of(command));
        run(argv);
    }

    /** Every process in the node's PID namespace, its init's included. */
    private List<String> processesOf(String node) throws IOException {
        Path ns = Files.readSymbolicLink(lab.nodeRoot(node).getParent().resolve("ns/pid"));
        List<String> pids = new ArrayList<>();
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns/pid")).equals(ns)) {
                    pids.add(Long.toString(p.pid()));
                }
            } catch (IOException exited) {
                // gone meanwhile
            }
        }
        return pids;
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        if (!pids.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("kill", "-" + signal));
            argv.addAll(pids);
            run(argv);
        }
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(argv + ": " + out).isZero();
        return out;
    }

    /** Waits until the copy's temporary file for {@code name} holds bytes in {@code dir}: the copy runs. */
    private static void awaitTemporaryFile(Path dir, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(f -> f.getFileName().toString().startsWith("." + name + ".herd-") && size(f) > 0)) {
                        return;
                    }
                } catch (IOException renamedMeanwhile) {
                    // listed while the copy renamed or removed it: look again
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the copy to " + dir + " never started");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static void own(Path p, String mode, int uid, int gid, long mtime) throws IOException {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", gid);
        Files.setAttribute(p, "unix:mode", Integer.parseInt(mode, 8));
        Files.setLastModifiedTime(p, FileTime.from(mtime, TimeUnit.SECONDS));
    }

    private static String stat(Path p) throws IOException {
        return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777) + " "
                + Files.getAttribute(p, "unix:uid") + " " + Files.getAttribute(p, "unix:gid") + " "
                + Files.getLastModifiedTime(p).to(TimeUnit.SECONDS);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static Path random(Path p, int size, long seed) throws IOException {
        Files.createDirectories(p.getParent());
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return Files.write(p, data);
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
