package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The SSH side of a lab on disk: the lab's client key (also root's authorized key on every
 * node), one host key per node, the nodes' sshd_config, and the client files herd, ssh, clush
 * and pdsh need: known_hosts, an ssh_config with one Host block per node, and a hosts file for
 * {@code -Djdk.net.hosts.file}.
 */
final class SshFiles {
    private SshFiles() {
    }

    static void write(LabDir dir, LabLayout layout) {
        Keys.Pair client = Keys.generate("root@herd-lab");
        try {
            Files.createDirectories(dir.ssh());
            client.write(dir.sshKey());
            Files.createDirectories(dir.home().resolve(".ssh"));
            Files.setPosixFilePermissions(dir.home(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new LabException("lab: cannot write keys under " + dir.root() + ": " + e.getMessage(), e);
        }
        LabDir.write(dir.home().resolve(".ssh/authorized_keys"), client.publicLine() + "\n", true);
        LabDir.write(dir.home().resolve(".profile"), "PS1='[\\u@\\h \\W]# '\n", false);
        LabDir.write(dir.sshdConfig(), sshdConfig(), false);
        StringBuilder known = new StringBuilder();
        StringBuilder config = new StringBuilder();
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        // Key generation dominates for big labs: spread it over the cores.
        List<Keys.Pair> hostKeys = layout.nodes().parallelStream().map(n -> Keys.generate("root@" + n.name())).toList();
        for (int i = 0; i < layout.nodes().size(); i++) {
            LabNode node = layout.nodes().get(i);
            Keys.Pair hostKey = hostKeys.get(i);
            try {
                Files.createDirectories(dir.node(node.name()));
                hostKey.write(dir.node(node.name()).resolve("host_key"));
            } catch (IOException e) {
                throw new LabException("lab: cannot write host key of " + node.name() + ": " + e.getMessage(), e);
            }
            LabDir.write(dir.node(node.name()).resolve("addr"), node.sshHost() + "\n", false);
            LabDir.write(dir.node(node.name()).resolve("node.conf"), nodeConf(dir, layout, node), false);
            known.append('[').append(node.name()).append("]:").append(node.sshPort()).append(",[")
                    .append(node.sshHost()).append("]:").append(node.sshPort());
            if (layout.spec().dhcp()) {
                // Node to node (a ProxyJump through another node) goes to port 22 of the cluster address.
                known.append(',').append(node.ip());
            }
            known.append(' ').append(hostKey.publicKey()).append('\n');
            config.append("Host ").append(node.name()).append("\n  HostName ").append(node.sshHost())
                    .append("\n  Port ").append(node.sshPort()).append('\n');
            hosts.append(node.sshHost()).append(' ').append(node.name()).append('\n');
        }
        config.append("Host *\n  User root\n  IdentityFile ").append(dir.sshKey())
                .append("\n  IdentitiesOnly yes\n  UserKnownHostsFile ").append(dir.knownHosts())
                .append("\n  StrictHostKeyChecking yes\n  BatchMode yes\n  LogLevel ERROR\n");
        LabDir.write(dir.knownHosts(), known.toString(), false);
        LabDir.write(dir.sshConfig(), config.toString(), false);
        LabDir.write(dir.resolverHosts(), hosts.toString(), false);
    }

    /**
     * What bin/node-boot and bin/node read: the node's SSH address, its cluster address and MAC,
     * and its network: with a cluster bridge (a lab with DHCP) a card plugged into it, except
     * for the node whose address is the bridge's own (the management node), which shares the
     * bridge's network; without one, a network with only loopback.
     */
    static String nodeConf(LabDir dir, LabLayout layout, LabNode node) {
        String conf = "addr=" + node.sshHost() + "\nip=" + node.ip() + "\nmac=" + node.mac().toLowerCase() + "\n";
        if (!layout.spec().dhcp()) {
            return conf + "net=own\n";
        }
        String bridge = DhcpService.networkPath(dir);
        return conf + (node.ip().equals(DhcpService.BRIDGE_ADDRESS) ? "net=join:" + bridge + "\n"
                : "net=bridge\nbridge=" + bridge + "\n");
    }

    private static String sshdConfig() {
        return String.join("\n",
                "# herd lab node sshd, run as 'sshd -i' by the node's init for every connection.",
                "HostKey /etc/ssh/ssh_host_ed25519_key",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "UseDNS no",
                "PrintMotd no",
                "X11Forwarding no",
                "LogLevel ERROR",
                "MaxStartups 1024:30:2048",
                "MaxSessions 256",
                "Subsystem sftp /usr/lib/openssh/sftp-server",
                "");
    }
}
