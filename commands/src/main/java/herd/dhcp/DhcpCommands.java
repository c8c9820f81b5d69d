package herd.dhcp;

import herd.files.EditReport;
import herd.files.WriteMode;
import herd.inventory.Node;
import herd.services.ServiceFiles;
import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import herd.session.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code dhcp list|show|add|remove|set}: host entries of dhcpd.conf (docs/dhcp.md). */
@Component
public class DhcpCommands {
    private static final String GROUP = "DHCP";

    private final Session session;

    public DhcpCommands(Session session) {
        this.session = session;
    }

    @Command(name = "dhcp list", group = GROUP, description = "List the host entries of dhcpd.conf",
            help = "Host blocks wherever they are (global, subnet, shared-network, group), in file order.")
    public void list() {
        Table t = Table.of("host", "mac", "ip", "host-name", "filename", "next-server", "line");
        DhcpEngine engine = engine();
        List<DhcpEntry> entries = engine.list();
        if (entries.isEmpty() && !session.out().json()) {
            session.out().line("no host entries in " + ServiceFiles.fileSettings(session).requireDhcp().conf());
            return;
        }
        for (DhcpEntry e : entries) {
            t = t.row(e.name(), e.mac(), e.ip(), e.hostName(), e.filename(), e.nextServer(), e.line());
        }
        session.out().result(t);
    }

    @Command(name = "dhcp show", group = GROUP, description = "Show one host entry of dhcpd.conf")
    public void show(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name) {
        session.out().result(engine().show(name));
    }

    @Command(name = "dhcp add", group = GROUP, description = "Add a host entry (MAC, IP from the inventory by default)",
            help = "The block goes after the last host of the IP's subnet, laid out like it. --dry-run shows the diff; "
                    + "--apply restarts dhcpd with services.dhcp.restart.")
    public void add(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "mac", description = "hardware ethernet address") String mac,
            @Option(longName = "ip", description = "fixed-address") String ip,
            @Option(longName = "hostname", description = "option host-name (default: the name)") String hostName,
            @Option(longName = "filename", description = "boot file name") String filename,
            @Option(longName = "next-server", description = "TFTP/PXE server") String nextServer,
            @Option(longName = "option", description = "more statements, ';'-separated: 'root-path \"/srv\"'") String more,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd after writing") boolean apply) {
        Node node = mac == null || ip == null ? ServiceFiles.node(session, name) : null;
        DhcpRequest r = request(name, dryRun, apply).withMac(mac != null ? mac : node.mac())
                .withIp(ip != null ? ip : node.ip()).withHostName(hostName).withFilename(filename).withNextServer(nextServer);
        render(engine().add(options(r, more)));
    }

    @Command(name = "dhcp remove", group = GROUP, description = "Remove a host entry")
    public void remove(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd after writing") boolean apply) {
        render(engine().remove(request(name, dryRun, apply)));
    }

    @Command(name = "dhcp set", group = GROUP, description = "Change fields of a host entry",
            help = "Only the given fields change, in place; --unset drops statements, e.g. --unset filename,next-server.")
    public void set(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "mac", description = "hardware ethernet address") String mac,
            @Option(longName = "ip", description = "fixed-address") String ip,
            @Option(longName = "hostname", description = "option host-name") String hostName,
            @Option(longName = "filename", description = "boot file name") String filename,
            @Option(longName = "next-server", description = "TFTP/PXE server") String nextServer,
            @Option(longName = "option", description = "more statements, ';'-separated: 'root-path \"/srv\"'") String more,
            @Option(longName = "unset", description = "statements to drop, comma-separated") String unset,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd after writing") boolean apply) {
        Set<String> drop = unset == null ? Set.of() : Set.copyOf(Arrays.stream(unset.split(",")).map(String::strip)
                .map(s -> s.equals("host-name") ? "option host-name" : s.equals("mac") ? "hardware ethernet" : s).toList());
        render(engine().set(options(request(name, dryRun, apply).withMac(mac).withIp(ip).withHostName(hostName)
                .withFilename(filename).withNextServer(nextServer).withUnset(drop), more)));
    }

    /** {@code --option 'root-path "/srv"; domain-name-servers 10.10.0.1'}: each becomes an {@code option} statement. */
    private static DhcpRequest options(DhcpRequest r, String more) {
        DhcpRequest out = r;
        for (String statement : more == null ? new String[0] : more.split(";")) {
            String[] kv = statement.strip().split("\\s+", 2);
            if (kv.length == 2) {
                out = out.withOption("option " + kv[0], kv[1]);
            } else if (!kv[0].isEmpty()) {
                throw new UsageException("--option '" + statement.strip() + "': expected NAME VALUE");
            }
        }
        return out;
    }

    private DhcpRequest request(String name, boolean dryRun, boolean apply) {
        WriteMode mode = ServiceFiles.mode(dryRun, apply);
        return DhcpRequest.of(name, mode);
    }

    private DhcpEngine engine() {
        var s = ServiceFiles.fileSettings(session);
        return new DhcpEngine(ServiceFiles.editor(session, s), s.requireDhcp());
    }

    private void render(DhcpResult r) {
        ServiceFiles.render(session.out(), EditReport.of(List.of(r.change()), List.of(), r.written(), r.applied()));
    }
}
