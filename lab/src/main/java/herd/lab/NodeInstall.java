package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's reinstallation, as a deployment does it: its disk emptied (the next boot installs a
 * fresh system) with a new host key and the lab's sshd_config in the new system's /etc/ssh, where
 * the installer's last step finds the key to report it (and may add a HostCertificate), and the installer's first-boot script, which bin/node-boot runs inside the
 * node once. The lab's known_hosts keeps the old key, as a real cluster's would: only what the
 * install reports through herd's callback can make the new key trusted.
 */
final class NodeInstall {

    private NodeInstall() {
    }

    static void reinstall(LabDir dir, LabNode node, String firstBoot) {
        Path d = dir.node(node.name());
        Teardown.delete(d.resolve("disk"));
        Keys.Pair key = Keys.generate("root@" + node.name());
        Path ssh = d.resolve("disk/upper/etc/ssh");
        try {
            key.write(d.resolve("host_key"));
            Files.createDirectories(ssh);
            key.write(ssh.resolve("ssh_host_ed25519_key"));
            // The new system's sshd_config, which the installer's last step may extend (HostCertificate).
            Files.copy(dir.sshdConfig(), ssh.resolve("sshd_config"));
            if (Files.exists(Path.of("/etc/ssh/moduli"))) {
                Files.copy(Path.of("/etc/ssh/moduli"), ssh.resolve("moduli"));   // sshd's DH groups, as installed
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot write the new host key of " + node.name() + ": " + e.getMessage(), e);
        }
        // Opaque: the new system's /etc/ssh holds its own keys only, not this machine's (the node's root is an overlay of /).
        Procs.check(List.of("perl", "-e", "my ($f, $n, $v) = ($ARGV[0], 'trusted.overlay.opaque', 'y');"
                + " syscall(188, $f, $n, $v, 1, 0) == 0 or die \"setxattr $f: $!\\n\"", ssh.toString()),
                java.time.Duration.ofSeconds(10));
        LabDir.write(d.resolve("install/firstboot"), firstBoot, true);
    }
}
