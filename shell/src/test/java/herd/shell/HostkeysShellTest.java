package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hostkeys show|scan|forget through the real {@code ./herd} (docs/hostkeys.md), and a node whose
 * key changed without a deploy: refused by exec with what to check, seen by scan, unpinned by
 * forget (backup kept), pinned again by accept-new. ssh-keygen and OpenSSH's ssh judge the file.
 */
@LabConfig(nodes = 2)
class HostkeysShellTest {

    Lab lab;
    @TempDir
    Path home;

    @Test
    void aKeyChangedWithoutADeployIsRefusedSeenByScanAndForgotten() throws Exception {
        Path known = Files.copy(lab.knownHosts(), home.resolve("known_hosts"));
        Path inventory = LabInventories.withKnownHosts(lab, home, known);

        HerdProcess.Result show = herd(inventory, "-c", "hostkeys show @all");
        assertThat(show.status()).as(show.err()).isZero();
        for (String node : List.of("valkyrie01", "valkyrie02")) {
            String fingerprint = fingerprint(known, node);
            assertThat(show.out()).containsPattern("(?m)^" + node + " +pinned +ED25519 " + fingerprint.replace("+", "\\+")
                    + " +" + known + "$");
        }
        HerdProcess.Result scan = herd(inventory, "-c", "hostkeys scan @all");
        assertThat(scan.out()).as(scan.err()).containsPattern("(?m)^valkyrie01 +ED25519 SHA256:\\S+ +matches the pinned key$")
                .containsPattern("(?m)^valkyrie02 +ED25519 SHA256:\\S+ +matches the pinned key$");

        // valkyrie02 reinstalled behind herd's back: a new key, which no deploy saw it make.
        String pinned02 = fingerprint(known, "valkyrie02");
        String pinnedText = Files.readString(known);
        lab.stopNode("valkyrie02");
        lab.reinstall("valkyrie02", "#!/bin/bash\n");
        lab.startNode("valkyrie02");
        HerdProcess.Result refused = herd(inventory, "-c", "exec -w @all hostname");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out()).contains("valkyrie01: valkyrie01\n").contains("valkyrie02: host key mismatch: not the key"
                + " pinned in " + known + " (a herd deploy pins a reinstalled node's new key; this one was not learned so):"
                + " check the node's key on its console against 'hostkeys scan', then 'hostkeys forget' it");
        assertThat(Files.readString(known)).as("a refused key writes nothing").isEqualTo(pinnedText);
        HerdProcess.Result differs = herd(inventory, "-c", "hostkeys scan valkyrie02");
        assertThat(differs.status()).isZero();
        assertThat(differs.out()).containsPattern("(?m)^valkyrie02 +ED25519 SHA256:\\S+ +DIFFERS from the pinned ED25519 "
                + pinned02.replace("+", "\\+") + "$");

        String before = Files.readString(known);
        HerdProcess.Result dry = herd(inventory, "-c", "hostkeys forget valkyrie02 --dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("-[valkyrie02]:2222,");
        assertThat(Files.readString(known)).isEqualTo(before);
        HerdProcess.Result forget = herd(inventory, "-c", "hostkeys forget valkyrie02");
        assertThat(forget.out()).as(forget.err()).isEqualTo("forgot valkyrie02 in " + known + "\nwritten: " + known + "\n");
        assertThat(Files.readString(Path.of(known + ".herd-bak"))).isEqualTo(before);
        assertThat(run("ssh-keygen", "-F", "[valkyrie02]:2222", "-f", known.toString())).isEmpty();
        assertThat(run("ssh-keygen", "-F", "[valkyrie01]:2222", "-f", known.toString())).contains("found");
        assertThat(herd(inventory, "-c", "hostkeys show valkyrie02").out()).containsPattern("(?m)^valkyrie02 +unknown ");

        HerdProcess.Result again = herd(inventory, "-c", "exec --accept-new-host-keys -w valkyrie02 hostname");
        assertThat(again.out()).as(again.err()).isEqualTo("valkyrie02: valkyrie02\n");
        Process ssh = new ProcessBuilder("ssh", "-F", lab.sshConfig().toString(), "-o", "UserKnownHostsFile=" + known,
                "-o", "StrictHostKeyChecking=yes", "-o", "GlobalKnownHostsFile=/dev/null", "valkyrie02", "true")
                .redirectErrorStream(true).start();
        ssh.getInputStream().readAllBytes();
        assertThat(ssh.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).as("OpenSSH, strict, on the file herd edited").isZero();
    }

    @Test
    void aNodesetMatchingNothingIsOneLineAndStatusTwo() throws Exception {
        Path inventory = LabInventories.withKnownHosts(lab, home, lab.knownHosts());
        String before = Files.readString(lab.knownHosts());
        HerdProcess.Result bad = herd(inventory, "-c", "hostkeys forget nosuch[1-2],valkyrie01");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("herd: hostkeys forget: nosuch[1-2]: not in the inventory (" + inventory + ")\n");
        assertThat(Files.readString(lab.knownHosts())).isEqualTo(before);
    }

    @Test
    void caInitMakesThePrivateCaOnceWhereTheInventorySays() throws Exception {
        Path ca = home.resolve("etc/host_ca");
        String yaml = Files.readString(LabInventories.withKnownHosts(lab, home, lab.knownHosts()));
        String line = "    known-hosts: \"" + lab.knownHosts() + "\"\n";
        Path withCa = Files.writeString(home.resolve("with-ca.yaml"), yaml.replace(line, line + "    host-ca: \"" + ca + "\"\n"));
        HerdProcess.Result made = herd(withCa, "-c", "hostkeys ca init");
        assertThat(made.status()).as(made.err()).isZero();
        String fingerprint = run("ssh-keygen", "-l", "-f", ca + ".pub").split(" ")[1];
        assertThat(made.out()).isEqualTo("host CA made: " + ca + " (mode 0600), " + ca + ".pub: ED25519 " + fingerprint + "\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ca)))
                .isEqualTo("rw-------");
        String key = Files.readString(ca);
        HerdProcess.Result again = herd(withCa, "-c", "hostkeys ca init");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("herd: hostkeys ca init: " + ca + ": exists; a CA is never replaced (every"
                + " certificate it signed would stop verifying): remove it first if that is what you want\n");
        assertThat(Files.readString(ca)).isEqualTo(key);
        HerdProcess.Result none = herd(LabInventories.withKnownHosts(lab, home, lab.knownHosts()), "-c", "hostkeys ca init");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("herd: hostkeys ca init: the inventory sets no ssh.host-ca (the CA private key's"
                + " path)\n");
    }

    /** ssh-keygen's SHA256 fingerprint of the node's entry. */
    private static String fingerprint(Path known, String node) throws Exception {
        String out = run("ssh-keygen", "-l", "-F", "[" + node + "]:2222", "-f", known.toString());
        return out.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split(" ")[2];
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private HerdProcess.Result herd(Path inventory, String... args) throws IOException, InterruptedException {
        return HerdProcess.onInventory(home, inventory, args);
    }

}
