package herd.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stops everything a lab started and removes what it created, using only what is on disk, so it
 * also works after a crash: every process of the lab's mount namespace, every pid file's
 * process that names the lab directory, the lab's network namespaces, its slot and directory.
 */
final class Teardown {
    private Teardown() {
    }

    /** Tears down the lab in {@code dir}; a directory without a lab is left alone. */
    static void down(LabDir dir) {
        if (!LabState.exists(dir)) {
            return;
        }
        LabState state = LabState.load(dir);
        killNamespace(dir, state);
        killPidFiles(dir);
        for (String ns : state.netns()) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                Procs.run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(10));
            }
        }
        state.slot().release(dir.root());
        delete(dir.root());
    }

    /** Kills every process of the lab's mount namespace, if one of our processes proves it is ours. */
    private static void killNamespace(LabDir dir, LabState state) {
        String mnt = state.mountNamespace();
        if (mnt.isEmpty() || Procs.namespace(ProcessHandle.current().pid(), "mnt").map(mnt::equals).orElse(true)) {
            return;
        }
        List<Long> members = Procs.inNamespace("mnt", mnt);
        List<Long> ours = new ArrayList<>(pidFiles(dir).stream()
                .map(Procs::readPid).flatMap(java.util.Optional::stream).toList());
        ours.add(state.holderPid());
        if (members.stream().anyMatch(ours::contains)) {
            // The agent first: alive, it would restart the BMCs killed next. The holder last, and a
            // second sweep for anything started while the first one ran.
            List<Long> agent = Procs.readPid(dir.run("agent.pid")).stream().toList();
            Procs.killAll(agent, Duration.ofSeconds(5));
            Procs.killAll(members.stream().filter(p -> !agent.contains(p) && p != state.holderPid()).toList(),
                    Duration.ofSeconds(5));
            Procs.killAll(List.of(state.holderPid()), Duration.ofSeconds(5));
            Procs.killAll(Procs.inNamespace("mnt", mnt), Duration.ofSeconds(5));
        }
    }

    /** Processes outside the namespace (dhcpd, dhclient), killed if their command line names the lab. */
    private static void killPidFiles(LabDir dir) {
        List<Long> victims = new ArrayList<>();
        for (Path file : pidFiles(dir)) {
            Procs.readPid(file).filter(Procs::alive).filter(pid -> commandLine(pid).contains(dir.root().toString()))
                    .ifPresent(victims::add);
        }
        Procs.killAll(victims, Duration.ofSeconds(5));
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Path> pidFiles(LabDir dir) {
        try (Stream<Path> files = Files.find(dir.root(), 4, (p, a) -> a.isRegularFile() && p.toString().endsWith(".pid"))) {
            return files.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed meanwhile (a second down of the same lab)
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LabException("lab: cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
