package herd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent witnesses (ssh, clush, ipmitool, dig, ...) the lab tests trust. */
final class Tools {
    private Tools() {
    }

    record Out(int rc, String text) {
    }

    static Out run(List<String> cmd, int timeoutSeconds) {
        return run(cmd, timeoutSeconds, true);
    }

    /** Runs {@code cmd}; with {@code withStderr} false, stderr (e.g. clush's progress) is dropped. */
    static Out run(List<String> cmd, int timeoutSeconds, boolean withStderr) {
        try {
            Path out = Files.createTempFile("herd-lab-test-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(withStderr);
                if (!withStderr) {
                    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                }
                Process p = pb
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    return new Out(-1, "timed out: " + String.join(" ", cmd) + "\n" + Files.readString(out));
                }
                return new Out(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Out run(int timeoutSeconds, String... cmd) {
        return run(List.of(cmd), timeoutSeconds);
    }

    /**
     * {@link #ssh} once the node answers: a BMC's power on returns before the node has booted,
     * as a real one does. Gives up after 30 s (the last answer).
     */
    static Out sshOnceUp(Lab lab, LabNode node, String command) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Out out = ssh(lab, node, command);
        while (out.rc() == 255 && System.nanoTime() < deadline) {
            Procs.sleep(java.time.Duration.ofMillis(100));
            out = ssh(lab, node, command);
        }
        return out;
    }

    /** OpenSSH client with only the lab's key and known_hosts (strict), no config file. */
    static Out ssh(Lab lab, LabNode node, String command) {
        return run(10, "ssh", "-F", "/dev/null", "-i", lab.sshKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", Integer.toString(node.sshPort()),
                "root@" + node.sshHost(), command);
    }
}
