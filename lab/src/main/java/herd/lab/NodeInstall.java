package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

/**
 * A node's reinstallation, as a deployment does it: its disk emptied (the next boot installs a
 * fresh system), a new host key, recorded in the lab's known_hosts for that node, and the
 * installer's first-boot script, which bin/node-boot runs inside the node once.
 */
final class NodeInstall {
    /** known_hosts is one file for every node; installs run side by side in the lab agent. */
    private static final Object KNOWN_HOSTS = new Object();

    private NodeInstall() {
    }

    static void reinstall(LabDir dir, LabNode node, String firstBoot) {
        Path d = dir.node(node.name());
        Teardown.delete(d.resolve("disk"));
        Keys.Pair key = Keys.generate("root@" + node.name());
        try {
            key.write(d.resolve("host_key"));
        } catch (IOException e) {
            throw new LabException("lab: cannot write the new host key of " + node.name() + ": " + e.getMessage(), e);
        }
        LabDir.write(d.resolve("install/firstboot"), firstBoot, true);
        synchronized (KNOWN_HOSTS) {
            String prefix = "[" + node.name() + "]:";
            String lines = LabDir.read(dir.knownHosts()).lines()
                    .map(l -> l.startsWith(prefix) ? l.substring(0, l.indexOf(' ') + 1) + key.publicKey() : l)
                    .collect(Collectors.joining("\n", "", "\n"));
            Path next = dir.knownHosts().resolveSibling("known_hosts.new");
            LabDir.write(next, lines, false);
            try {
                // Renamed into place: ssh and herd reading it meanwhile see the old file or the new one.
                Files.move(next, dir.knownHosts(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new LabException("lab: cannot update " + dir.knownHosts() + ": " + e.getMessage(), e);
            }
        }
    }
}
