package herd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Running helper programs and handling processes by pid (never by name). */
final class Procs {
    private Procs() {
    }

    /** Exit status and merged stdout/stderr of a finished command. */
    record Result(int rc, String output) {
        boolean ok() {
            return rc == 0;
        }
    }

    /** Runs {@code cmd} to completion (stdin empty), failing after {@code timeout}. */
    static Result run(List<String> cmd, Duration timeout) {
        return run(cmd, Path.of("/dev/null"), timeout);
    }

    /** Runs {@code cmd} to completion with {@code input} as its standard input, failing after {@code timeout}. */
    static Result run(List<String> cmd, Path input, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("herd-lab-", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LabException("lab: '" + String.join(" ", cmd) + "' did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("lab: cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab: interrupted while running " + cmd.get(0), e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    /** Runs {@code cmd}, throwing with its output when it fails. */
    static String check(List<String> cmd, Duration timeout) {
        return check(cmd, Path.of("/dev/null"), timeout);
    }

    /** Runs {@code cmd} reading {@code input}, throwing with its output when it fails. */
    static String check(List<String> cmd, Path input, Duration timeout) {
        Result r = run(cmd, input, timeout);
        if (!r.ok()) {
            String detail = r.output().strip().replace('\n', ' ');
            throw new LabException("lab: '" + String.join(" ", cmd) + "' failed (rc " + r.rc() + "): " + detail);
        }
        return r.output();
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The pid stored in {@code file}, if the file exists and holds one. */
    static Optional<Long> readPid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The namespace link of {@code pid} ("mnt:[4026532...]"), if the process exists. */
    static Optional<String> namespace(long pid, String type) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + type)).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Pids of every process whose {@code type} namespace is {@code link}. */
    static List<Long> inNamespace(String type, String link) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                try {
                    if (link.equals(Files.readSymbolicLink(p.resolve("ns").resolve(type)).toString())) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException vanished) {
                    // the process exited while we looked
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot list /proc: " + e.getMessage(), e);
        }
        return pids;
    }

    /** SIGKILLs {@code pids}; waits until they are gone (or {@code timeout} passes). */
    static void killAll(List<Long> pids, Duration timeout) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long pid : pids) {
            while (alive(pid) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(10));
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab: interrupted", e);
        }
    }
}
