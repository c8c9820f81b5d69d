package herd.dns;

import herd.files.ExternalChecker;
import herd.files.FileAccess;
import herd.files.FileChange;
import herd.files.FileChecker;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.FileProblem;
import herd.files.WriteMode;
import herd.services.DnsSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DNS records of the cluster's zones: list, add, remove. File edits are validated (herd's
 * {@link ZoneChecks}, then {@code named-checkzone}), bump the SOA serial, and with
 * {@link WriteMode#APPLY} reload the zone and verify named serves the new serial. Dynamic mode
 * sends RFC 2136 updates signed with TSIG instead; zones that are dynamic are frozen and thawed
 * around file edits so that no update is lost.
 *
 * <pre>{@code
 * DnsEngine dns = new DnsEngine(new FileEditor(new LocalFileAccess()), settings, Clock.systemUTC());
 * dns.add(new DnsRequest("valkyrie03", "A", "10.10.3.3", false, null, WriteMode.APPLY));   // A + PTR
 * }</pre>
 */
public final class DnsEngine {
    private static final Duration SERIAL_WAIT = Duration.ofSeconds(10);
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "PTR");

    private final FileEditor editor;
    private final DnsSettings settings;
    private final Clock clock;
    private final NamedControl named;
    private final DnsUpdates updates;

    public DnsEngine(FileEditor editor, DnsSettings settings, Clock clock) {
        this.editor = editor;
        this.settings = settings;
        this.clock = clock;
        this.named = new NamedControl(settings, editor.files());
        this.updates = new DnsUpdates(editor, settings, named);
    }

    public DnsSettings settings() {
        return settings;
    }

    /** Records of one zone, or of every zone when {@code zone} is null, in file order. */
    public List<DnsRecord> list(String zone) {
        ZoneSet zones = new ZoneSet(editor, settings);
        List<DnsRecord> out = new ArrayList<>();
        for (String z : settings.zones().keySet()) {
            if (zone == null || ZoneFile.absolute(z).equals(ZoneFile.absolute(zone))) {
                ZoneFile f = zones.zone(z);
                f.records().forEach(e -> out.add(new DnsRecord(z, e.owner(), e.ttl(), e.type(),
                        e.type().equals("CNAME") || e.type().equals("PTR") ? ZoneFile.absolute(e.data(), e.origin()) : e.data(),
                        f.path(), e.line())));
            }
        }
        if (zone != null && out.isEmpty() && settings.zones().keySet().stream()
                .noneMatch(z -> ZoneFile.absolute(z).equals(ZoneFile.absolute(zone)))) {
            throw new DnsException("zone " + zone + " is not in the inventory's services.dns.zones");
        }
        return out;
    }

    /** herd's own problems of every zone file (bad addresses, CNAME beside data, several PTRs). */
    public List<FileProblem> problems() {
        ZoneSet zones = new ZoneSet(editor, settings);
        List<FileProblem> out = new ArrayList<>();
        zones.all().values().forEach(z -> out.addAll(ZoneChecks.problems(z)));
        return out;
    }

    public DnsResult add(DnsRequest r) {
        Target t = target(r, true);
        if (t.value() == null || t.type() == null) {
            throw new DnsException("dns add " + r.name() + ": a record type and a value are required");
        }
        if (dynamic(r)) {
            return updates.add(t, !r.noPtr(), r.mode());
        }
        return edit(r.mode(), zones -> zones.addAll(List.of(new ZoneSet.Add(t.fqdn(), t.type(), t.value(), !r.noPtr(), t.ttl()))));
    }

    public DnsResult remove(DnsRequest r) {
        Target t = target(r, false);
        if (dynamic(r)) {
            return updates.remove(t, !r.noPtr(), r.mode());
        }
        return edit(r.mode(), zones -> zones.remove(t.fqdn(), t.type(), t.value(), !r.noPtr()));
    }

    /** Plans, validates and (unless a dry run) writes and applies the edits made by {@code work}. */
    public DnsResult edit(WriteMode mode, Function<ZoneSet, List<String>> work) {
        boolean freeze = settings.dynamic() && mode != WriteMode.DRY_RUN;
        List<String> frozen = new ArrayList<>();
        try {
            if (freeze) {
                for (String z : settings.zones().keySet()) {
                    named.rndc("freeze", z);
                    frozen.add(z);
                }
            }
            ZoneSet zones = new ZoneSet(editor, settings);
            List<String> done = work.apply(zones);
            List<FileChange> changes = zones.changes(LocalDate.now(clock)).stream().filter(FileChange::changed).toList();
            Map<String, List<FileChecker>> checks = checkers(changes);
            if (mode == WriteMode.DRY_RUN) {
                List<FileProblem> problems = editor.validate(changes, checks);
                if (!problems.isEmpty()) {
                    throw new FileEditException(problems);
                }
                return new DnsResult(changes, done, zones.serials(), false, false, false);
            }
            editor.commit(changes, checks);
            if (freeze) {
                thaw(frozen);
            }
            boolean apply = mode == WriteMode.APPLY && !changes.isEmpty();
            if (apply) {
                reloadAndVerify(zones.serials(), freeze);
            }
            return new DnsResult(changes, done, zones.serials(), true, apply, false);
        } finally {
            thaw(frozen);
        }
    }

    /**
     * Writes (and applies) what a dry run of {@link #edit} planned, without planning again.
     * Static zones only: an edit of dynamic zones must be planned while they are frozen.
     */
    public DnsResult write(DnsResult planned, WriteMode mode) {
        if (settings.dynamic()) {
            throw new DnsException("dynamic zones are edited with edit(), frozen while planned");
        }
        editor.commit(planned.changes(), checkers(planned.changes()));
        boolean apply = mode == WriteMode.APPLY && !planned.changes().isEmpty();
        if (apply) {
            reloadAndVerify(planned.serials(), false);
        }
        return new DnsResult(planned.changes(), planned.records(), planned.serials(), true, apply, false);
    }

    private void reloadAndVerify(Map<String, Long> serials, boolean thawed) {
        for (Map.Entry<String, Long> e : serials.entrySet()) {
            if (!thawed) {
                named.rndc("reload", e.getKey());
            }
            named.awaitSerial(e.getKey(), e.getValue(), SERIAL_WAIT);
        }
    }

    private void thaw(List<String> frozen) {
        for (String z : List.copyOf(frozen)) {
            frozen.remove(z);
            named.rndc("thaw", z);
        }
    }

    private Map<String, List<FileChecker>> checkers(List<FileChange> changes) {
        Map<String, List<FileChecker>> checks = new HashMap<>();
        for (FileChange c : changes) {
            String zone = settings.zones().entrySet().stream().filter(e -> e.getValue().equals(c.path()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            ZoneFile before = ZoneFile.parse(c.path(), zone, c.before());
            checks.put(c.path(), List.of(ZoneChecks.checker(before), namedCheckzone(zone, editor.files())));
        }
        return checks;
    }

    /**
     * {@code named-checkzone ZONE FILE}, its {@code FILE:LINE: message} lines mapped to the real
     * file; zone-level messages get the line of the record they quote (else the SOA's).
     */
    static FileChecker namedCheckzone(String zone, FileAccess files) {
        ExternalChecker named = new ExternalChecker(files, "named-checkzone", tmp -> List.of("named-checkzone", "-k",
                "fail", "-n", "fail", zone, tmp), "(?:[a-z_]+: )?(\\S+):(\\d+): (.*)",
                line -> line.startsWith("zone ") && !line.contains("loading from master file")
                        && !line.contains("not loaded due to errors") && !line.contains("loaded serial"));
        return (path, proposed) -> named.check(path, proposed).stream()
                .map(p -> p.line() > 0 ? p : locate(p, zone, proposed)).toList();
    }

    private static FileProblem locate(FileProblem p, String zone, String text) {
        String message = p.message().replaceFirst("^zone [^ ]+/IN: ", "");
        Matcher quoted = QUOTED.matcher(message);
        String name = quoted.find() ? ZoneFile.absolute(quoted.group(1)) : null;
        ZoneFile z = ZoneFile.parse(p.file(), zone, text);
        int line = z.soa().map(ZoneEntry::line).orElse(1);
        for (ZoneEntry e : z.records()) {
            if (name != null && (e.owner().equals(name) || (!e.rdata().isEmpty()
                    && ZoneFile.absolute(e.rdata().get(e.rdata().size() - 1).text(), e.origin()).equals(name)))) {
                line = e.line();
                break;
            }
        }
        return new FileProblem(p.file(), line, message);
    }

    private boolean dynamic(DnsRequest r) {
        return r.dynamic() != null ? r.dynamic() : settings.dynamic();
    }

    /** The request's name made absolute, its type upper case, its value and TTL checked. */
    record Target(String fqdn, String type, String value, String ttl) {
    }

    /** Types {@code dns add} writes; {@code dns remove} takes any type. */
    private Target target(DnsRequest r, boolean adding) {
        String type = r.type() == null ? null : r.type().toUpperCase(Locale.ROOT);
        if (type != null && adding && !TYPES.contains(type)) {
            throw new DnsException("record type " + r.type() + " is not one of " + String.join(", ", TYPES));
        }
        if (type != null && !type.matches("[A-Z][A-Z0-9]*")) {
            throw new DnsException("bad record type '" + r.type() + "'");
        }
        if (r.ttl() != null && (ZoneTtl.seconds(r.ttl()) == null || ZoneTtl.seconds(r.ttl()) > 2_147_483_647L)) {
            throw new DnsException("bad TTL '" + r.ttl() + "' (seconds, or BIND units such as 5m, 1h, 1d)");
        }
        boolean ip = DnsNames.isIpv4(r.name()) || DnsNames.isIpv6(r.name());
        String fqdn = ip ? DnsNames.reverse(r.name()) : DnsNames.qualify(r.name(), settings);
        String value = r.value();
        if (ip && type == null) {
            type = "PTR";
        }
        if (value != null && type != null && TYPES.contains(type)) {
            value = switch (type) {
                case "A" -> check(DnsNames.isIpv4(value), value, "IPv4 address");
                case "AAAA" -> check(DnsNames.isIpv6(value), value, "IPv6 address").toLowerCase(Locale.ROOT);
                default -> DnsNames.qualify(value, settings);
            };
        }
        return new Target(fqdn, type, value, r.ttl());
    }

    private static String check(boolean ok, String value, String what) {
        if (!ok) {
            throw new DnsException("bad " + what + " '" + value + "'");
        }
        return value;
    }
}
