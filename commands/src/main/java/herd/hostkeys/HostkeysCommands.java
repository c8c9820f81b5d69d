package herd.hostkeys;

import herd.files.EditReport;
import herd.nodeset.NodeSet;
import herd.services.ServiceFiles;
import herd.session.Session;
import herd.session.UsageException;
import herd.session.Table;
import herd.ssh.HostKeyScan;
import herd.ssh.SessionSsh;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code hostkeys show|forget|scan|ca init}: the host keys herd trusts, node by node (docs/hostkeys.md). */
@Component
public class HostkeysCommands {

    private static final String GROUP = "Host keys";

    private final Session session;

    public HostkeysCommands(Session session) {
        this.session = session;
    }

    @Command(name = "hostkeys show", group = GROUP, description = "The host keys known_hosts pins for nodes",
            help = "Fingerprints (SHA256, as ssh-keygen -l) of each node's pinned keys, nodes with the same ones folded,"
                    + " and whether each node is pinned, certified (an @cert-authority line covers it) or unknown.")
    public void show(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes) {
        Table t = Table.of("nodes", "status", "keys", "known_hosts");
        for (HostkeysResult.Shown r : new HostkeysEngine().show(places(nodes))) {
            t = t.row(r.nodes(), r.status(), String.join(", ", r.fingerprints()), r.knownHosts());
        }
        session.out().result(t);
    }

    @Command(name = "hostkeys forget", group = GROUP, description = "Unpin nodes' host keys (ssh-keygen -R, many nodes)",
            help = "Removes every plain known_hosts entry of the nodes: names, addresses, [host]:port forms, hashed"
                    + " ones too (a line naming other hosts keeps them). The file is kept as known_hosts.herd-bak."
                    + " --dry-run shows the diff. Then --accept-new-host-keys, or a deploy, pins the new key.")
    public void forget(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes,
                       @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun) {
        EditReport r = new HostkeysEngine().forget(places(nodes), ServiceFiles.mode(dryRun, false));
        ServiceFiles.render(session.out(), r);
    }

    @Command(name = "hostkeys scan", group = GROUP, description = "What nodes present now against what is pinned",
            help = "Connects to each node's sshd as ssh-keyscan does (no login) and compares the key it presents with"
                    + " known_hosts: matches, DIFFERS, or not pinned. Changes nothing.")
    public void scan(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes,
                     @Option(shortName = 't', longName = "connect-timeout", description = "seconds to connect",
                             defaultValue = "5") int timeout) {
        NodeSet target = session.nodes(nodes);
        Map<String, HostkeysEngine.ScanAnswer> answers = new ConcurrentHashMap<>();
        List<SshTarget> targets = SessionSsh.targets(session, target);
        targets.parallelStream().forEach(t -> answers.put(t.node(), scanOne(t, Duration.ofSeconds(timeout))));
        Table table = Table.of("nodes", "presents", "against known_hosts");
        for (HostkeysResult.Scanned r : new HostkeysEngine().scan(
                HostkeysInventory.places(session.inventory(), target), answers::get)) {
            table = table.row(r.nodes(), r.presented(), r.verdict());
        }
        session.out().result(table);
    }

    @Command(name = "hostkeys ca init", group = GROUP, description = "Make the cluster's host CA (inventory ssh.host-ca)",
            help = "An Ed25519 key made by ssh-keygen at the inventory's ssh.host-ca (mode 0600, .pub beside it); an"
                    + " existing one is never replaced. From then on a deploy signs each node's new host keys with it,"
                    + " the node presents the certificate, and known_hosts trusts the CA for the node's names.")
    public void caInit() {
        var inv = session.inventory();
        String ca = inv.all().size() == 0 ? null : inv.ssh(inv.all().get(0)).hostCa();
        if (ca == null) {
            throw new UsageException("hostkeys ca init: the inventory sets no ssh.host-ca (the CA private key's path)");
        }
        java.nio.file.Path key = SessionSsh.expand(ca);
        HostKey pub = HostCertifier.init(key, "herd host CA (" + inv.name() + ")");
        session.effects().wrote(key.toString(), null, "");
        session.out().line("host CA made: " + key + " (mode 0600), " + key + ".pub: " + pub.describe());
    }

    private static HostkeysEngine.ScanAnswer scanOne(SshTarget t, Duration timeout) {
        try {
            return new HostkeysEngine.ScanAnswer(HostKey.parse(HostKeyScan.presented(t, timeout)), "");
        } catch (SshException | HostkeysException e) {
            return new HostkeysEngine.ScanAnswer(null, e.getMessage().replaceFirst("^" + t.node() + ": ", ""));
        }
    }

    private List<HostKeyPlace> places(String nodes) {
        return HostkeysInventory.places(session.inventory(), session.nodes(nodes));
    }
}
