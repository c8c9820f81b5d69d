package herd.dns;

import herd.files.EditReport;
import herd.services.ServiceFiles;
import herd.session.Complete;
import herd.session.Session;
import herd.session.Table;
import herd.session.UsageException;
import java.time.Clock;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code dns list|add|remove}: records of the cluster's zones (docs/dns.md). */
@Component
public class DnsCommands {
    private static final String GROUP = "DNS";

    private final Session session;

    public DnsCommands(Session session) {
        this.session = session;
    }

    @Command(name = "dns list", group = GROUP, description = "List the records of the zones (or of one zone)")
    public void list(@Argument(index = 0, description = "zone (default: every zone)") String zone) {
        Table t = Table.of("name", "ttl", "type", "value", "file");
        for (DnsRecord r : engine().list(zone == null || zone.isBlank() ? null : zone)) {
            t = t.row(r.name(), r.ttl(), r.type(), r.value(), r.file() + ":" + r.line());
        }
        session.out().result(t);
    }

    @Command(name = "dns add", group = GROUP, description = "Add a record; an A also gets its PTR",
            help = "dns add valkyrie03 A 10.10.3.3 (or dns add valkyrie03 10.10.3.3) | dns add www CNAME odin | "
                    + "dns add 10.10.3.3 PTR valkyrie03. A/AAAA without a value take the inventory's address. "
                    + "The record goes beside its siblings, in "
                    + "the $TTL/$ORIGIN stretch that gives it its TTL (--ttl, else the siblings'), or extends the "
                    + "$GENERATE line it continues; a PTR follows RFC 2317 CNAMEs into classless zones. The SOA serial "
                    + "is bumped; --apply reloads the zone and checks named serves the new serial; --dynamic sends an "
                    + "RFC 2136 update.")
    public void add(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "name or address") String name,
            @Complete(values = {"A", "AAAA", "CNAME", "PTR"}) @Argument(index = 1, description = "record type", defaultValue = "A") String type,
            @Argument(index = 2, description = "value") String value,
            @Option(longName = "ttl", description = "TTL in seconds or BIND units (5m, 1h, 1d); default: the neighbours'") String ttl,
            @Option(longName = "no-ptr", description = "do not add the PTR of an A/AAAA") boolean noPtr,
            @Option(longName = "dynamic", description = "RFC 2136 update instead of a file edit") boolean dynamic,
            @Option(longName = "static", description = "file edit even where dns.dynamic is set") boolean fileEdit,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "reload the zones and verify the served serial") boolean apply) {
        if (value == null && type != null && (DnsNames.isIpv4(type) || DnsNames.isIpv6(type))) {
            value = type;   // dns add NAME ADDRESS: the type is the address's own
            type = DnsNames.isIpv4(type) ? "A" : "AAAA";
        }
        String v = value != null && !value.isBlank() ? value
                : "A".equalsIgnoreCase(type) ? ServiceFiles.node(session, name).ip() : null;
        render(engine().add(new DnsRequest(name, type, v, noPtr, how(dynamic, fileEdit), ServiceFiles.mode(dryRun, apply),
                blank(ttl))));
    }

    @Command(name = "dns remove", group = GROUP, description = "Remove records of a name (and the PTRs of its addresses)",
            help = "Without TYPE every record of the name goes (A, AAAA, CNAME, TXT, MX, HINFO, SSHFP...), each one "
                    + "printed, with the PTRs of its addresses unless --no-ptr; a TYPE keeps the others. A record "
                    + "made by a $GENERATE line takes its value out of the range (the note says how the line changed).")
    public void remove(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "name or address") String name,
            @Complete(values = {"A", "AAAA", "CNAME", "PTR", "TXT", "MX", "HINFO", "SSHFP", "SRV"})
            @Argument(index = 1, description = "record type (default: every type)") String type,
            @Argument(index = 2, description = "value (default: any)") String value,
            @Option(longName = "no-ptr", description = "keep the PTRs") boolean noPtr,
            @Option(longName = "dynamic", description = "RFC 2136 update instead of a file edit") boolean dynamic,
            @Option(longName = "static", description = "file edit even where dns.dynamic is set") boolean fileEdit,
            @Option(longName = "dry-run", description = "show the diff, write nothing") boolean dryRun,
            @Option(longName = "apply", description = "reload the zones and verify the served serial") boolean apply) {
        render(engine().remove(new DnsRequest(name, blank(type), blank(value), noPtr, how(dynamic, fileEdit),
                ServiceFiles.mode(dryRun, apply))));
    }

    private static Boolean how(boolean dynamic, boolean fileEdit) {
        if (dynamic && fileEdit) {
            throw new UsageException("--dynamic and --static exclude each other");
        }
        return dynamic ? Boolean.TRUE : fileEdit ? Boolean.FALSE : null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private DnsEngine engine() {
        var s = ServiceFiles.settings(session);
        return new DnsEngine(ServiceFiles.editor(session, s), s.requireDns(), Clock.systemDefaultZone());
    }

    private void render(DnsResult r) {
        ServiceFiles.render(session.out(), EditReport.of(r.changes(), r.records(), r.written(), r.applied()));
    }
}
