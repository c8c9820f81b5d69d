package herd.dhcp;

import herd.files.EditReport;
import herd.files.WriteMode;
import herd.inventory.Node;
import herd.services.ServiceFiles;
import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import java.util.List;
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
        for (DhcpEntry e : entries) {
            t = t.row(e.name(), e.mac(), e.ip(), e.hostName(), e.filename(), e.nextServer(), e.line());
        }
        session.out().result(t, entries.isEmpty()
                ? "no host entries in " + ServiceFiles.fileSettings(session).requireDhcp().conf() : t);
    }

    @Command(name = "dhcp show", group = GROUP, description = "Show one host entry of dhcpd.conf")
    public void show(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name) {
        session.out().result(engine().show(name));
    }

    @Command(name = "dhcp add", group = GROUP, description = "Add a host entry (MAC, IP from the inventory by default)",
            help = "The block goes where its sibling hosts are (same scope, layout, order), written as they are written. "
                    + "--dry-run shows the diff; "
                    + "--apply restarts dhcpd with services.dhcp.restart.")
    public void add(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "host name") String name,
            @Option(longName = "mac", description = "hardware ethernet address") String mac,
            @Option(longName = "ip", description = "fixed-address: IPv4, DNS name, or several a,b") String ip,
            @Option(longName = "hostname", description = "option host-name (default: as the sibling hosts do)") String hostName,
            @Option(longName = "no-hostname", description = "no option host-name, whatever the siblings do") boolean noHostName,
            @Option(longName = "filename", description = "boot file name") String filename,
            @Option(longName = "next-server", description = "TFTP/PXE server") String nextServer,
            @Option(longName = "option", description = "more statements, ';'-separated: 'root-path \"/srv\"'") String more,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd after writing") boolean apply) {
        Node node = mac == null || ip == null ? ServiceFiles.node(session, name) : null;
        DhcpRequest r = request(name, dryRun, apply).withMac(mac != null ? mac : node.mac())
                .withIp(ip != null ? ip : node.ip()).withHostName(hostName).withoutHostName(noHostName)
                .withFilename(filename).withNextServer(nextServer).withOptions(more);
        render(engine().add(r));
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
            @Option(longName = "ip", description = "fixed-address: IPv4, DNS name, or several a,b") String ip,
            @Option(longName = "hostname", description = "option host-name") String hostName,
            @Option(longName = "no-hostname", description = "drop option host-name") boolean noHostName,
            @Option(longName = "filename", description = "boot file name") String filename,
            @Option(longName = "next-server", description = "TFTP/PXE server") String nextServer,
            @Option(longName = "option", description = "more statements, ';'-separated: 'root-path \"/srv\"'") String more,
            @Option(longName = "unset", description = "statements to drop, comma-separated") String unset,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "restart dhcpd after writing") boolean apply) {
        render(engine().set(request(name, dryRun, apply).withMac(mac).withIp(ip).withHostName(hostName)
                .withoutHostName(noHostName).withFilename(filename).withNextServer(nextServer).withOptions(more)
                .withUnsetNames(unset)));
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
