package herd.net;

import herd.files.EditReport;
import herd.files.FileProblem;
import herd.services.ServiceFiles;
import herd.services.ServiceSettings;
import herd.session.Complete;
import herd.session.Count;
import herd.session.Session;
import java.time.Clock;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code net sync|check|import}: DHCP, DNS and hosts against the inventory (docs/net.md). */
@Component
public class NetCommands {
    private static final String GROUP = "Network files";

    private final Session session;

    public NetCommands(Session session) {
        this.session = session;
    }

    @Command(name = "net sync", group = GROUP, description = "Make dhcpd.conf, the zones and hosts agree with the inventory",
            help = "Only the entries of NODESET (default: the target) that differ are edited. Every file is validated "
                    + "before any is written. --apply restarts dhcpd and reloads the zones.")
    public void sync(@Complete(Complete.Kind.NODES) @Argument(index = 0, description = "nodes (default: the target)") String nodes,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd, reload and verify the zones") boolean apply) {
        List<NetNode> targets = NetNode.of(session, nodes, false);
        NetResult r = engine().sync(targets, ServiceFiles.mode(dryRun, apply));
        ServiceFiles.render(session.out(), EditReport.of(r.changes(), r.actions(), r.written(), r.applied()));
    }

    @Command(name = "net check", group = GROUP, description = "Report every inconsistency between the files and the inventory",
            help = "Node without PTR, PTR without A, MAC or IP used twice, IP outside every subnet, names differing "
                    + "between files. Changes nothing; exit status 1 when anything is found.")
    public void check(@Complete(Complete.Kind.NODES) @Argument(index = 0, description = "nodes (default: all)") String nodes) {
        List<FileProblem> found = engine().check(NetNode.of(session, nodes, true));
        List<String> problems = found.stream().map(FileProblem::toString).toList();
        session.out().result(problems, found.isEmpty() ? "no inconsistency between the files and the inventory" : problems);
        if (!found.isEmpty()) {
            throw new NetException(Count.of(found.size(), "inconsistency", "inconsistencies"));
        }
    }

    @Command(name = "net import", group = GROUP, description = "Read nodes back from dhcpd.conf, the zones and hosts",
            help = "Prints the nodes: section of cluster.yaml; disagreements are warnings.")
    public void importNodes() {
        List<NetNode> known = NetNode.of(session, "", true);
        NetImport imported = engine().importNodes(known);
        imported.warnings().forEach(session.out()::warn);
        session.out().result(imported.nodes(), imported.yaml().stripTrailing());
    }

    private NetEngine engine() {
        ServiceSettings s = ServiceFiles.settings(session);
        return new NetEngine(ServiceFiles.editor(session, s), s, Clock.systemDefaultZone());
    }
}
