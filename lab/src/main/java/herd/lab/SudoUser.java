package herd.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away login user whose sudo asks for a password, for testing {@code --sudo} against a real
 * sudo. It is made on every running node of the lab (each node has its own /etc), never on the
 * host: useradd, chpasswd and a sudoers file inside each node, the lab's key authorized.
 * {@link #close} removes it from the nodes; a lab that goes down takes it along with the nodes' disks.
 *
 * <pre>{@code
 * try (SudoUser u = SudoUser.create(lab, "s3cret")) {
 *     // ssh -i lab.sshKey() u.name()@node 'sudo -S id -u' <<< s3cret
 * }
 * }</pre>
 */
public final class SudoUser implements AutoCloseable {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final String PREFIX = "herdsudo";

    private final Lab lab;
    private final String name;
    private final List<String> nodes = new ArrayList<>();

    private SudoUser(Lab lab, String name) {
        this.lab = lab;
        this.name = name;
    }

    /** Whether a lab node can hold one (root, useradd, sudo, visudo; the nodes' root is the host's /). */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/useradd"))
                && Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isExecutable(Path.of("/usr/sbin/visudo"));
    }

    /**
     * A new user on every running node, allowed ALL through sudo with {@code password}, which sudo
     * asks on every command (no time stamp kept), and whose authorized key is the lab's.
     */
    public static SudoUser create(Lab lab, String password) {
        String name = PREFIX + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        SudoUser user = new SudoUser(lab, name);
        Path input = lab.dir().resolve("run/sudo-user-" + name);
        LabDir.write(input, name + ":" + password + "\n", true);
        try {
            for (LabNode node : lab.nodes()) {
                if (lab.isNodeRunning(node.name())) {
                    user.nodes.add(node.name());
                    user.inNode(node.name(), setUp(name), input);
                }
            }
            return user;
        } catch (RuntimeException e) {
            user.close();
            throw e;
        } finally {
            input.toFile().delete();
        }
    }

    public String name() {
        return name;
    }

    /** Run inside a node, the password line on stdin. */
    private static String setUp(String name) {
        return String.join("\n",
                "set -e",
                "useradd -m -s /bin/sh " + name,
                "chpasswd",
                "mkdir -p -m 0700 /home/" + name + "/.ssh",
                "cp /root/.ssh/authorized_keys /home/" + name + "/.ssh/",
                "chown -R " + name + ": /home/" + name,
                "printf '%s ALL=(ALL:ALL) ALL\\nDefaults:%s timestamp_timeout=0\\n' " + name + " " + name
                        + " > /tmp/sudoers-" + name,
                "visudo -cqf /tmp/sudoers-" + name,
                "install -m 0440 -o root -g root /tmp/sudoers-" + name + " /etc/sudoers.d/herd-lab-" + name,
                "rm -f /tmp/sudoers-" + name);
    }

    private void inNode(String node, String script, Path input) {
        List<String> cmd = new ArrayList<>(lab.inNode(node));
        cmd.addAll(List.of("sh", "-c", script));
        Procs.check(cmd, input, STEP);
    }

    /** Removes the user, its home and its sudoers file from the nodes; safe on a half-made user. */
    @Override
    public void close() {
        // The user's last sessions may still be ending: userdel refuses while they run.
        String remove = "rm -f /etc/sudoers.d/herd-lab-" + name + " /var/lib/sudo/lectured/" + name + "\n"
                + "i=0; while id " + name + " >/dev/null 2>&1 && ! userdel -r " + name + " 2>/dev/null; do\n"
                + "  i=$((i + 1)); [ $i -gt 50 ] && { userdel -f -r " + name + "; break; }; sleep 0.2\ndone\n";
        for (String node : nodes) {
            if (lab.isNodeRunning(node)) {
                inNode(node, remove, Path.of("/dev/null"));
            }
        }
    }
}
