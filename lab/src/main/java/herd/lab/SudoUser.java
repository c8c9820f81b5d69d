package herd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away login user whose sudo asks for a password, for testing {@code --sudo} against a real
 * sudo. The nodes share the host's /etc (passwd, shadow, sudoers), so one user reaches every node
 * of every lab with the lab's key. Needs root, useradd and sudo; {@link #close} removes the user,
 * its home and its sudoers file.
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
    private static final String HOME_PREFIX = "herd-sudo-user-";
    /** A passwd line of a user made here: the maker's pid, then (group 2) the home. */
    private static final Pattern ORPHAN = Pattern.compile(
            "^" + PREFIX + "(\\d+)x[0-9a-z]+:[^:]*:[^:]*:[^:]*:[^:]*:([^:]*):", Pattern.MULTILINE);

    private final String name;
    private final Path home;
    private final Path sudoers;

    private SudoUser(String name, Path home) {
        this.name = name;
        this.home = home;
        this.sudoers = Path.of("/etc/sudoers.d", "herd-lab-" + name);
    }

    /** Whether this machine can make one (root, useradd, sudo, visudo). */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/useradd"))
                && Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isExecutable(Path.of("/usr/sbin/visudo"));
    }

    /**
     * A new user allowed ALL through sudo with {@code password}, which sudo asks on every command
     * (no time stamp kept), and whose authorized key is the lab's.
     */
    public static SudoUser create(Lab lab, String password) {
        removeOrphans();
        String name = PREFIX + ProcessHandle.current().pid() + "x" + Long.toString(System.nanoTime() % 100000, 36);
        Path home;
        try {
            home = Files.createTempDirectory(HOME_PREFIX);
        } catch (IOException e) {
            throw new LabException("lab: cannot make a home for a sudo user: " + e.getMessage(), e);
        }
        SudoUser user = new SudoUser(name, home);
        try {
            user.setUp(lab, password);
            return user;
        } catch (RuntimeException e) {
            user.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    private void setUp(Lab lab, String password) {
        Procs.check(List.of("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", name), STEP);
        try {
            Path ssh = Files.createDirectories(home.resolve(".ssh"));
            Files.copy(lab.sshKey().resolveSibling(lab.sshKey().getFileName() + ".pub"), ssh.resolve("authorized_keys"));
            Path input = home.resolve("chpasswd.in");
            Files.writeString(input, name + ":" + password + "\n", StandardCharsets.UTF_8);
            try {
                Procs.check(List.of("chpasswd"), input, STEP);
            } finally {
                Files.delete(input);
            }
            Procs.check(List.of("chown", "-R", name + ":" + name, home.toString()), STEP);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Path draft = home.resolve("sudoers");
            Files.writeString(draft, name + " ALL=(ALL:ALL) ALL\nDefaults:" + name + " timestamp_timeout=0\n");
            Procs.check(List.of("visudo", "-cf", draft.toString()), STEP);
            Procs.check(List.of("install", "-m", "0440", "-o", "root", "-g", "root", draft.toString(), sudoers.toString()), STEP);
            Files.delete(draft);
        } catch (IOException e) {
            throw new LabException("lab: cannot set up sudo user " + name + ": " + e.getMessage(), e);
        }
    }

    /** Users left by a test process that died before removing them (their name holds its pid). */
    private static void removeOrphans() {
        try {
            Matcher m = ORPHAN.matcher(Files.readString(Path.of("/etc/passwd")));
            while (m.find()) {
                if (ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    String user = m.group().substring(0, m.group().indexOf(':'));
                    new SudoUser(user, Path.of(m.group(2))).close();
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot read /etc/passwd: " + e.getMessage(), e);
        }
    }

    /** Removes the sudoers file, the user and its home; safe to call on a half-made user. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(sudoers);
        } catch (IOException e) {
            throw new LabException("lab: cannot remove " + sudoers + ": " + e.getMessage(), e);
        }
        // The user's last sshd sessions may still be ending: userdel refuses while they run.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Procs.run(List.of("id", name), STEP).ok() && !Procs.run(List.of("userdel", name), STEP).ok()) {
            if (System.nanoTime() > deadline) {
                Procs.run(List.of("userdel", "-f", name), STEP);
                break;
            }
            Procs.sleep(Duration.ofMillis(200));
        }
        if (home.getFileName().toString().startsWith(HOME_PREFIX)) {
            Procs.run(List.of("rm", "-rf", "--", home.toString()), STEP);
        }
        Procs.run(List.of("rm", "-f", "--", "/var/lib/sudo/lectured/" + name), STEP);
    }
}
