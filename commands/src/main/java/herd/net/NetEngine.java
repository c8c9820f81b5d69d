package herd.net;

import herd.dhcp.DhcpChecks;
import herd.dhcp.DhcpEngine;
import herd.dhcp.DhcpEntry;
import herd.dhcp.DhcpRequest;
import herd.dns.DnsEngine;
import herd.dns.DnsResult;
import herd.dns.ZoneSet;
import herd.files.FileChange;
import herd.files.FileChecker;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.FileProblem;
import herd.files.WriteMode;
import herd.hosts.HostsEngine;
import herd.hosts.HostsFile;
import herd.hosts.HostsRequest;
import herd.services.ServiceSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps DHCP, DNS and /etc/hosts in agreement with the inventory: {@code net sync} edits the
 * entries that differ (all files validated before any is written), {@link NetChecks} reports
 * every inconsistency, {@link NetImporter} reads nodes back from the files.
 *
 * <pre>{@code
 * NetEngine net = new NetEngine(settings.editor(), settings, Clock.systemUTC());
 * NetResult r = net.sync(nodes, WriteMode.DRY_RUN);   // r.diff(): what would change
 * }</pre>
 */
public final class NetEngine {
    private final FileEditor editor;
    private final ServiceSettings settings;
    private final DhcpEngine dhcp;
    private final DnsEngine dns;
    private final HostsEngine hosts;

    public NetEngine(FileEditor editor, ServiceSettings settings, Clock clock) {
        this.editor = editor;
        this.settings = settings;
        this.dhcp = settings.dhcp() == null ? null : new DhcpEngine(editor, settings.dhcp());
        this.dns = settings.dns() == null ? null : new DnsEngine(editor, settings.dns(), clock);
        this.hosts = settings.hosts() == null ? null : new HostsEngine(editor, settings.hosts());
        if (dhcp == null && dns == null && hosts == null) {
            throw new NetException("the inventory names no dhcp, dns or hosts file under services");
        }
    }

    /** Every inconsistency between the files and with {@code inventory}, one line each; nothing is changed. */
    public List<FileProblem> check(List<NetNode> inventory) {
        return new NetChecks(settings, dhcp, dns, hosts).check(inventory);
    }

    /** Nodes as the files describe them, with warnings where files or the inventory disagree. */
    public NetImport importNodes(List<NetNode> inventory) {
        return new NetImporter(settings, dhcp, dns, hosts).read(inventory);
    }

    /** Makes every file agree with {@code nodes}; validates all files before writing any. */
    public NetResult sync(List<NetNode> nodes, WriteMode mode) {
        List<String> actions = new ArrayList<>();
        List<FileChange> changes = new ArrayList<>();
        Map<String, List<FileChecker>> checks = new HashMap<>();
        if (dhcp != null) {
            FileChange c = editor.open(settings.dhcp().conf());
            List<DhcpRequest> adds = new ArrayList<>();
            for (NetNode n : nodes) {
                c = syncDhcp(c, n, actions, adds);
            }
            c = dhcp.planAddAll(c, adds);
            changes.add(c);
            checks.put(c.path(), dhcp.checkers(c));
        }
        if (hosts != null) {
            FileChange c = editor.open(settings.hosts());
            for (NetNode n : nodes) {
                c = syncHosts(c, n, actions);
            }
            changes.add(c);
            checks.put(c.path(), List.of(HostsEngine.checker(c)));
        }
        List<FileProblem> problems = editor.validate(changes, checks);
        if (!problems.isEmpty()) {
            throw new FileEditException(problems);
        }
        List<String> dnsActions = new ArrayList<>();
        Function<ZoneSet, List<String>> work = zones -> syncDns(zones, nodes);
        DnsResult planned = dns == null ? null : dns.edit(WriteMode.DRY_RUN, work);
        if (planned != null) {
            planned.records().forEach(r -> dnsActions.add("dns: " + r));
            changes.addAll(planned.changes());
        }
        actions.addAll(dnsActions);
        if (mode == WriteMode.DRY_RUN) {
            return new NetResult(changes, actions, false, false);
        }
        List<FileChange> local = changes.stream().filter(c -> checks.containsKey(c.path())).toList();
        editor.commit(local, checks);
        DnsResult done = dns == null || planned.changes().isEmpty() ? null
                : settings.dns().dynamic() ? dns.edit(mode, work) : dns.write(planned, mode);
        boolean restart = mode == WriteMode.APPLY && dhcp != null && local.get(0).changed();
        if (restart) {
            dhcp.restart();
        }
        return new NetResult(changes, actions, true, mode == WriteMode.APPLY && (restart || done != null));
    }

    private FileChange syncDhcp(FileChange c, NetNode n, List<String> actions, List<DhcpRequest> adds) {
        if (n.mac() == null || n.ip() == null) {
            return c;
        }
        Optional<DhcpEntry> e = dhcp.find(c, n.name());
        if (e.isEmpty()) {
            actions.add("dhcp: add " + n.name() + " " + n.mac() + " " + n.ip());
            adds.add(DhcpRequest.of(n.name(), WriteMode.WRITE).withMac(n.mac()).withIp(n.ip()));
            return c;
        }
        DhcpRequest set = DhcpRequest.of(n.name(), WriteMode.WRITE);
        boolean differs = false;
        if (!DhcpChecks.validMac(e.get().mac()) || !DhcpChecks.canonicalMac(e.get().mac()).equals(DhcpChecks.canonicalMac(n.mac()))) {
            set = set.withMac(n.mac());
            differs = true;
        }
        if (!e.get().ip().equals(n.ip())) {
            set = set.withIp(n.ip());
            differs = true;
        }
        if (!e.get().hostName().isEmpty() && !e.get().hostName().equals(n.name())) {
            set = set.withHostName(n.name());
            differs = true;
        }
        if (!differs) {
            return c;
        }
        actions.add("dhcp: set " + n.name() + " " + n.mac() + " " + n.ip());
        return dhcp.planSet(c, set);
    }

    private FileChange syncHosts(FileChange c, NetNode n, List<String> actions) {
        if (n.ip() == null) {
            return c;
        }
        List<HostsFile.Entry> found = HostsFile.parse(c.path(), c.after()).find(n.name());
        if (found.size() == 1 && found.get(0).ip().equals(n.ip())) {
            return c;
        }
        if (!found.isEmpty()) {
            c = hosts.planRemove(c, n.name());
        }
        actions.add("hosts: " + n.name() + " " + n.ip());
        return hosts.planAdd(c, new HostsRequest(n.name(), n.ip(), List.of(), WriteMode.WRITE));
    }

    /** New names go in one batch (A and PTR); names whose records differ are fixed one by one. */
    private List<String> syncDns(ZoneSet zones, List<NetNode> nodes) {
        List<String> done = new ArrayList<>();
        List<ZoneSet.Add> fresh = new ArrayList<>();
        for (NetNode n : nodes) {
            if (n.ip() == null) {
                continue;
            }
            String fqdn = zones.qualify(n.name());
            String ptr = ZoneSet.reverseName(n.ip());
            boolean reverse = zones.holds(ptr);
            List<String> a = zones.values(fqdn, "A");
            List<String> p = reverse ? zones.values(ptr, "PTR") : List.of();
            if (a.isEmpty() && p.isEmpty()) {
                fresh.add(new ZoneSet.Add(fqdn, "A", n.ip(), reverse));
                continue;
            }
            if (!a.equals(List.of(n.ip()))) {
                if (!a.isEmpty()) {
                    done.addAll(zones.remove(fqdn, "A", null, true));
                }
                done.addAll(zones.add(fqdn, "A", n.ip(), false));
            }
            if (reverse && !zones.values(ptr, "PTR").equals(List.of(fqdn))) {
                if (!zones.values(ptr, "PTR").isEmpty()) {
                    done.addAll(zones.remove(ptr, "PTR", null, false));
                }
                done.addAll(zones.add(ptr, "PTR", fqdn, false));
            }
        }
        done.addAll(zones.addAll(fresh));
        return done;
    }
}
