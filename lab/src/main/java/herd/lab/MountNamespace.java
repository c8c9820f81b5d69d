package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The one mount namespace every lab process runs in: a tmpfs over /run (sshd's privilege
 * separation directory lives there, and nothing leaks to the host's /run) and the lab's clean
 * home over /root (this machine's root .bashrc costs ~200 ms per command), and an /etc/hosts that
 * also names the nodes (sudo looks up its hostname: else a DNS query leaves the machine on every
 * sudo, and sometimes waits 5 s for it). In a lab with a cluster network, {@code DIR/run/cluster-net}
 * is bound to that network's namespace (the host's /run/netns is hidden in here), for the nodes. A holder process
 * ({@code herd-lab-holder:DIR}, a sleeping bash) keeps it alive; others join it with nsenter.
 */
final class MountNamespace {
    private static final String SETUP = String.join("\n",
            "set -e",
            "if [ -n \"$2\" ]; then : > \"$1/run/cluster-net\"; mount --bind \"/run/netns/$2\" \"$1/run/cluster-net\"; fi",
            "mount -t tmpfs -o mode=0755,size=64m herd-lab-run /run",
            "mkdir -p /run/sshd",
            "mount --bind \"$1/home\" /root",
            "cat /etc/hosts \"$1/ssh/hosts\" > \"$1/run/etc-hosts\"",
            "mount --bind \"$1/run/etc-hosts\" /etc/hosts",
            "echo $$ > \"$1/run/holder.pid\"",
            "exec -a \"herd-lab-holder:$1\" sleep infinity");

    private MountNamespace() {
    }

    /** Starts the holder and returns its pid once the mounts are in place. */
    static long start(LabDir dir, String network) {
        try {
            Files.createDirectories(dir.run("x").getParent());
            Files.createDirectories(dir.log("x").getParent());
            Files.deleteIfExists(dir.run("holder.pid"));
            new ProcessBuilder("setsid", "unshare", "--mount", "--propagation", "private",
                    "bash", "-c", SETUP, "herd-lab-holder", dir.root().toString(), network)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.log("holder.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new LabException("lab: cannot start the lab's mount namespace: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var pid = Procs.readPid(dir.run("holder.pid"));
            if (pid.isPresent() && Procs.alive(pid.get())) {
                return pid.get();
            }
            Procs.sleep(Duration.ofMillis(10));
        }
        String log = LabDir.read(dir.log("holder.log")).strip().replace('\n', ' ');
        throw new LabException("lab: the mount namespace did not come up (unshare/mount failed): " + log);
    }

    /** Command prefix that runs a program inside the namespace held by {@code holder}. */
    static List<String> enter(long holder) {
        return List.of("nsenter", "-t", Long.toString(holder), "-m", "--");
    }
}
