package herd.hosts;

import herd.files.EditReport;
import herd.services.ServiceFiles;
import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import herd.session.UsageException;
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
            help = "The line goes beside its siblings (names like it, else its address family), in address order "
                    + "where they are sorted, in their columns and with NAME.domain where they carry it. "
                    + "--dry-run shows the diff.")
    public void add(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Argument(index = 1, description = "IP address (default: the inventory's)") String ip,
            @Option(longName = "alias", description = "more names, comma-separated") String alias,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun) {
        String address = ip != null && !ip.isBlank() ? ip : ServiceFiles.node(session, name).ip();
        List<String> aliases = alias == null ? List.of() : Arrays.stream(alias.split(",")).map(String::strip).toList();
        HostsResult r = engine().add(new HostsRequest(name, address, aliases, ServiceFiles.mode(dryRun, false)));
        ServiceFiles.render(session.out(), EditReport.of(List.of(r.change()), List.of(), r.written(), false));
    }

    @Command(name = "hosts remove", group = GROUP, description = "Remove a name (or an address) from the hosts file",
            help = "Every line where NAME or NAME.domain is the canonical name goes; where it is only an alias, "
                    + "the alias goes (the whole line with --line). --ip ADDR removes the lines of that address.")
    public void remove(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "ip", description = "remove the lines of this address instead") String ip,
            @Option(longName = "line", description = "an alias match removes its whole line") boolean line,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun) {
        boolean byName = name != null && !name.isBlank();
        if (byName == (ip != null && !ip.isBlank())) {
            throw new UsageException("give a NAME or --ip ADDR");
        }
        HostsResult r = engine().remove(new HostsRequest(byName ? name : null, byName ? null : ip, List.of(),
                ServiceFiles.mode(dryRun, false), line));
        ServiceFiles.render(session.out(), EditReport.of(List.of(r.change()), List.of(), r.written(), false));
    }

    private HostsEngine engine() {
        var s = ServiceFiles.fileSettings(session);
        return new HostsEngine(ServiceFiles.editor(session, s), s.requireHosts(), s.domain());
    }
}
