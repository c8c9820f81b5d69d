package herd.hosts;

import herd.files.FileChange;
import herd.files.FileChecker;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.FileProblem;
import herd.files.WriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Entries of /etc/hosts: list, add, remove; every write validated, atomic, with a backup.
 *
 * <pre>{@code
 * HostsEngine hosts = new HostsEngine(new FileEditor(new LocalFileAccess()), "/etc/hosts");
 * hosts.add(new HostsRequest("valkyrie03", "10.10.3.3", List.of(), WriteMode.WRITE));
 * }</pre>
 */
public final class HostsEngine {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?");

    private final FileEditor editor;
    private final String path;
    private final String domain;

    public HostsEngine(FileEditor editor, String path) {
        this(editor, path, "");
    }

    /** {@code domain}: the cluster's domain, so that {@code NAME} also finds {@code NAME.domain}. */
    public HostsEngine(FileEditor editor, String path, String domain) {
        this.editor = editor;
        this.path = path;
        this.domain = domain == null ? "" : domain.replaceAll("\\.$", "");
    }

    public String path() {
        return path;
    }

    public List<HostsFile.Entry> list() {
        FileChange c = editor.open(path);
        return HostsFile.parse(path, c.after()).entries();
    }

    /** herd's own problems of the file (bad addresses, a name on several lines). */
    public List<FileProblem> problems() {
        return problems(HostsFile.parse(path, editor.open(path).after()));
    }

    public HostsResult add(HostsRequest r) {
        return run(planAdd(editor.open(path), r), r.mode());
    }

    /** Removes {@code r.name()} (or, with a null name, the lines of {@code r.ip()}). */
    public HostsResult remove(HostsRequest r) {
        FileChange c = editor.open(path);
        return run(r.name() == null ? planRemoveIp(c, r.ip()) : planRemove(c, r.name(), r.line()), r.mode());
    }

    public FileChange planAdd(FileChange c, HostsRequest r) {
        if (r.ip() == null || !validIp(r.ip())) {
            throw new HostsException(r.name() + ": bad IP address '" + r.ip() + "'");
        }
        HostsFile h = HostsFile.parse(c.path(), c.after());
        List<HostsFile.Entry> found = h.find(r.name(), domain);
        if (!found.isEmpty()) {
            throw new HostsException(r.name() + " already in " + c.path() + ":" + found.get(0).line() + " ("
                    + found.get(0).ip() + ")");
        }
        return c.withAfter(h.add(r.name(), r.ip(), r.aliases(), domain));
    }

    public FileChange planRemove(FileChange c, String name) {
        return planRemove(c, name, false);
    }

    /** Without {@code name} (and {@code name.domain}); an alias-only match takes its whole line when {@code wholeLine}. */
    public FileChange planRemove(FileChange c, String name, boolean wholeLine) {
        HostsFile h = HostsFile.parse(c.path(), c.after());
        if (h.find(name, domain).isEmpty()) {
            throw new HostsException(name + ": no entry in " + c.path());
        }
        return c.withAfter(h.remove(name, domain, wholeLine));
    }

    /** Without the lines of address {@code ip}. */
    public FileChange planRemoveIp(FileChange c, String ip) {
        if (ip == null || !validIp(ip)) {
            throw new HostsException("bad IP address '" + ip + "'");
        }
        HostsFile h = HostsFile.parse(c.path(), c.after());
        if (h.findIp(ip).isEmpty()) {
            throw new HostsException(ip + ": no entry in " + c.path());
        }
        return c.withAfter(h.removeIp(ip));
    }

    /** Problems the edit introduces: a bad address, a name on two lines. */
    public static FileChecker checker(FileChange c) {
        List<String> old = problems(HostsFile.parse(c.path(), c.before())).stream().map(FileProblem::message).toList();
        return (p, proposed) -> problems(HostsFile.parse(p, proposed)).stream()
                .filter(x -> !old.contains(x.message())).toList();
    }

    static List<FileProblem> problems(HostsFile h) {
        List<FileProblem> out = new ArrayList<>();
        Map<String, List<HostsFile.Entry>> byName = new LinkedHashMap<>();
        for (HostsFile.Entry e : h.entries()) {
            if (!validIp(e.ip())) {
                out.add(new FileProblem(h.path(), e.line(), "bad IP address '" + e.ip() + "'"));
            }
            e.names().forEach(n -> byName.computeIfAbsent(n.toLowerCase(), k -> new ArrayList<>()).add(e));
        }
        byName.forEach((name, entries) -> {
            List<String> ips = entries.stream().map(HostsFile.Entry::ip).distinct().toList();
            if (ips.size() > 1 && !name.startsWith("localhost")) {
                out.add(new FileProblem(h.path(), entries.get(1).line(), "name " + name + " is on several lines: "
                        + String.join(", ", ips)));
            }
        });
        return out;
    }

    static boolean validIp(String ip) {
        return IPV4.matcher(ip).matches() || IPV6.matcher(ip).matches();
    }

    private HostsResult run(FileChange c, WriteMode mode) {
        Map<String, List<FileChecker>> checks = Map.of(c.path(), List.of(checker(c)));
        if (mode == WriteMode.DRY_RUN) {
            List<FileProblem> problems = editor.validate(List.of(c), checks);
            if (!problems.isEmpty()) {
                throw new FileEditException(problems);
            }
            return new HostsResult(c, c.diff(), false);
        }
        editor.commit(List.of(c), checks);
        return new HostsResult(c, c.diff(), c.changed());
    }
}
