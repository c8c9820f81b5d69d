package herd.dhcp;

import herd.files.ExternalChecker;
import herd.files.FileChange;
import herd.files.FileChecker;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.FileProblem;
import herd.files.ProcessRunner;
import herd.files.Text;
import herd.files.WriteMode;
import herd.services.DhcpSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Host entries of dhcpd.conf: list, show, add, remove, set. Every write is validated (herd's
 * {@link DhcpChecks}, then {@code dhcpd -t}) and touches only the host's own lines.
 *
 * <pre>{@code
 * DhcpEngine dhcp = new DhcpEngine(new FileEditor(new LocalFileAccess()),
 *         new DhcpSettings("/etc/dhcp/dhcpd.conf", "systemctl restart dhcpd"));
 * dhcp.add(DhcpRequest.of("valkyrie03", WriteMode.APPLY).withMac("08:00:27:18:69:bc").withIp("10.10.3.3"));
 * }</pre>
 */
public final class DhcpEngine {
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);

    private final FileEditor editor;
    private final DhcpSettings settings;
    private final ExternalChecker dhcpd;
    private DhcpConf last;

    public DhcpEngine(FileEditor editor, DhcpSettings settings) {
        this.editor = editor;
        this.settings = settings;
        this.dhcpd = new ExternalChecker(editor.files(), "dhcpd", tmp -> List.of("dhcpd", "-t", "-4", "-cf", tmp),
                "(\\S+) line (\\d+): (.*)", line -> line.startsWith("Configuration file errors"));
    }

    public DhcpSettings settings() {
        return settings;
    }

    /** Every host entry of the file, in file order. */
    public List<DhcpEntry> list() {
        DhcpConf conf = parse(editor.open(settings.conf()));
        return conf.hosts().stream().map(h -> entry(conf, h)).toList();
    }

    /** The entry of host {@code name} in the (proposed) text of {@code c}. */
    public Optional<DhcpEntry> find(FileChange c, String name) {
        DhcpConf conf = parse(c);
        return conf.host(name).map(h -> entry(conf, h));
    }

    /** herd's own problems of the file (bad or duplicate MAC, duplicate IP or name, IP outside subnets). */
    public List<FileProblem> problems() {
        return DhcpChecks.problems(parse(editor.open(settings.conf())));
    }

    public DhcpEntry show(String name) {
        return list().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new DhcpException("host " + name + ": no entry in " + settings.conf()));
    }

    public DhcpResult add(DhcpRequest r) {
        return run(planAdd(editor.open(settings.conf()), r), r.mode());
    }

    public DhcpResult remove(DhcpRequest r) {
        return run(planRemove(editor.open(settings.conf()), r.name()), r.mode());
    }

    public DhcpResult set(DhcpRequest r) {
        return run(planSet(editor.open(settings.conf()), r), r.mode());
    }

    /** The change with a new host block; MAC and IP are required. */
    public FileChange planAdd(FileChange c, DhcpRequest r) {
        DhcpConf conf = parse(c);
        check(c, conf, r);
        return c.withAfter(DhcpEdits.add(conf, newHost(r)));
    }

    /** The change with several new host blocks, as consecutive {@link #planAdd} calls would make it. */
    public FileChange planAddAll(FileChange c, List<DhcpRequest> requests) {
        if (requests.isEmpty()) {
            return c;
        }
        DhcpConf conf = parse(c);
        List<DhcpEdits.NewHost> hosts = new ArrayList<>();
        for (DhcpRequest r : requests) {
            check(c, conf, r);
            hosts.add(newHost(r));
        }
        return c.withAfter(DhcpEdits.addAll(conf, hosts));
    }

    public FileChange planRemove(FileChange c, String name) {
        DhcpConf conf = parse(c);
        return c.withAfter(DhcpEdits.remove(conf, existing(conf, name)));
    }

    public FileChange planSet(FileChange c, DhcpRequest r) {
        DhcpConf conf = parse(c);
        Map<String, String> fields = r.statements();
        if (r.hostName() != null) {
            fields.put("option host-name", DhcpEdits.quoted(r.hostName()));
        }
        Set<String> unset = new HashSet<>(r.unset());
        if (r.noHostName()) {
            unset.add("option host-name");
        }
        return c.withAfter(DhcpEdits.set(conf, existing(conf, r.name()), fields, unset));
    }

    /** herd's checks (problems the edit introduces) then {@code dhcpd -t}. */
    public List<FileChecker> checkers(FileChange c) {
        List<DhcpSubnet> outer = including(c.path());
        return List.of(DhcpChecks.checker(DhcpConf.parse(c.path(), c.before()).within(outer), outer), dhcpd);
    }

    /**
     * The subnets of the file including {@code path} when it is a fragment: the {@code dhcpd.conf}
     * of its directory, if that one names it in an {@code include}; else none.
     */
    private List<DhcpSubnet> including(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash >= 0 ? path.substring(0, slash + 1) : "";
        String main = dir + "dhcpd.conf";
        if (main.equals(path) || !editor.files().exists(main)) {
            return List.of();
        }
        try {
            DhcpConf parent = DhcpConf.parse(main, Text.decode(editor.files().read(main)));
            boolean includesIt = parent.includes().stream()
                    .anyMatch(i -> i.equals(path) || (dir + i).equals(path) || i.equals(path.substring(slash + 1)));
            return includesIt ? parent.subnets() : List.of();
        } catch (IOException | FileEditException e) {
            // An unreadable or broken including file only means its subnets are not known.
            return List.of();
        }
    }

    /** Restarts dhcpd with the inventory's command. */
    public void restart() {
        if (settings.restart().isBlank()) {
            throw new DhcpException("cannot apply: no services.dhcp.restart command in the inventory");
        }
        ProcessRunner.Result r;
        try {
            r = editor.files().shell(settings.restart(), RESTART_TIMEOUT);
        } catch (IOException e) {
            throw new DhcpException("dhcpd restart failed: " + e.getMessage());
        }
        if (!r.ok()) {
            throw new DhcpException("dhcpd restart" + editor.files().where() + " failed (exit " + r.exitCode() + "): "
                    + r.lastLine());
        }
    }

    private DhcpResult run(FileChange c, WriteMode mode) {
        Map<String, List<FileChecker>> checks = Map.of(c.path(), checkers(c));
        if (mode == WriteMode.DRY_RUN) {
            List<FileProblem> problems = editor.validate(List.of(c), checks);
            if (!problems.isEmpty()) {
                throw new FileEditException(problems);
            }
            return new DhcpResult(c, c.diff(), false, false);
        }
        editor.commit(List.of(c), checks);
        boolean apply = mode == WriteMode.APPLY && c.changed();
        if (apply) {
            restart();
        }
        return new DhcpResult(c, c.diff(), c.changed(), apply);
    }

    private DhcpConf parse(FileChange c) {
        // One parse per text, not per lookup: net sync asks about each node of a large file.
        if (last == null || last.text() != c.after() || !last.path().equals(c.path())) {
            last = DhcpConf.parse(c.path(), c.after()).within(including(c.path()));
        }
        return last;
    }

    private void check(FileChange c, DhcpConf conf, DhcpRequest r) {
        if (r.mac() == null || r.ip() == null) {
            throw new DhcpException("host " + r.name() + ": --mac and --ip are required");
        }
        conf.host(r.name()).ifPresent(h -> {
            throw new DhcpException("host " + r.name() + " already in " + c.path() + ":" + conf.lineOf(h.start())
                    + " (use dhcp set)");
        });
        included(conf, r.name()).ifPresent(at -> {
            throw new DhcpException("host " + r.name() + " already in " + at + ", which " + c.path() + " includes");
        });
    }

    private DhcpHost existing(DhcpConf conf, String name) {
        return conf.host(name).orElseThrow(() -> new DhcpException("host " + name + ": no entry in " + conf.path()
                + included(conf, name).map(at -> " (it is in " + at + ", which it includes: services.dhcp.conf names "
                        + "the file herd edits)").orElse("")));
    }

    /** {@code FILE:LINE} of host {@code name} in a file {@code conf} includes, where that file can be read. */
    private Optional<String> included(DhcpConf conf, String name) {
        int slash = conf.path().lastIndexOf('/');
        for (String include : conf.includes()) {
            String path = include.startsWith("/") || slash < 0 ? include : conf.path().substring(0, slash + 1) + include;
            try {
                if (editor.files().exists(path)) {
                    DhcpConf fragment = DhcpConf.parse(path, Text.decode(editor.files().read(path)));
                    Optional<DhcpHost> h = fragment.host(name);
                    if (h.isPresent()) {
                        return Optional.of(path + ":" + fragment.lineOf(h.get().start()));
                    }
                }
            } catch (IOException | FileEditException e) {
                // An included file herd cannot read or parse is dhcpd -t's to judge.
            }
        }
        return Optional.empty();
    }

    private static DhcpEdits.NewHost newHost(DhcpRequest r) {
        return new DhcpEdits.NewHost(r.name(), r.ip(), r.statements(), r.hostName(), r.noHostName());
    }

    private static DhcpEntry entry(DhcpConf conf, DhcpHost h) {
        Map<String, String> others = new LinkedHashMap<>();
        List<String> known = List.of("hardware ethernet", "fixed-address", "option host-name", "filename", "next-server");
        for (DhcpStatement s : h.statements()) {
            if (!known.contains(s.key())) {
                others.put(s.key(), conf.text().substring(s.valueStart(), s.valueEnd()).strip());
            }
        }
        return new DhcpEntry(h.name(), h.mac(), h.ip(), h.field("option host-name"), h.field("filename"),
                h.field("next-server"), others, conf.lineOf(h.start()), h.scope(), h.addresses());
    }
}
