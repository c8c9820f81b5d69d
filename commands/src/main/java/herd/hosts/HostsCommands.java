package herd.hosts;

import herd.files.EditReport;
import herd.services.ServiceFiles;
import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import java.util.Arrays;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code hosts list|add|remove}: the cluster's hosts file (docs/hosts.md). */
@Component
public class HostsCommands {
    private static final String GROUP = "Hosts";

    private final Session session;

    public HostsCommands(Session session) {
        this.session = session;
    }

    @Command(name = "hosts list", group = GROUP, description = "List the entries of the hosts file")
    public void list() {
        Table t = Table.of("ip", "names", "line");
        for (HostsFile.Entry e : engine().list()) {
            t = t.row(e.ip(), String.join(" ", e.names()), e.line());
        }
        session.out().result(t);
    }

    @Command(name = "hosts add", group = GROUP, description = "Add a name (IP from the inventory by default)",
            help = "The line goes after the last entry, in the same columns. --dry-run shows the diff.")
    public void add(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Argument(index = 1, description = "IP address (default: the inventory's)") String ip,
            @Option(longName = "alias", description = "more names, comma-separated") String alias,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun) {
        String address = ip != null && !ip.isBlank() ? ip : ServiceFiles.node(session, name).ip();
        List<String> aliases = alias == null ? List.of() : Arrays.stream(alias.split(",")).map(String::strip).toList();
        HostsResult r = engine().add(new HostsRequest(name, address, aliases, ServiceFiles.mode(dryRun, false)));
        ServiceFiles.render(session.out(), EditReport.of(List.of(r.change()), List.of(), r.written(), false));
    }

    @Command(name = "hosts remove", group = GROUP, description = "Remove a name from the hosts file")
    public void remove(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun) {
        HostsResult r = engine().remove(new HostsRequest(name, null, null, ServiceFiles.mode(dryRun, false)));
        ServiceFiles.render(session.out(), EditReport.of(List.of(r.change()), List.of(), r.written(), false));
    }

    private HostsEngine engine() {
        var s = ServiceFiles.fileSettings(session);
        return new HostsEngine(ServiceFiles.editor(session, s), s.requireHosts());
    }
}
