package herd.nodeset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A groups.conf source answered by shell commands (map, mapall, all, list, reverse), run with
 * {@code /bin/sh -c} in the configuration directory after substituting $GROUP, $NODE, $SOURCE
 * and $CFGDIR. Answers are cached for the life of this object (cache_time is not needed by a
 * short-lived command).
 *
 * <p>mapall (ClusterShell 1.10) prints every group at once, one {@code group: nodes} line each;
 * when present it answers group lookups and the group list, and map (if any) answers only the
 * groups mapall does not name.
 *
 * <pre>{@code
 * new UpcallGroupSource("slurm", Map.of("map", "sinfo -h -o %N -p $GROUP"), Path.of("/etc"));
 * }</pre>
 */
public final class UpcallGroupSource implements TextGroupSource {
    private final String name;
    private final Map<String, String> upcalls;
    private final Path cfgDir;
    private final Map<String, String> cache = new HashMap<>();
    private Map<String, String> mapall;

    /** {@code upcalls} maps "map", "mapall", "all", "list", "reverse" to command templates. */
    public UpcallGroupSource(String name, Map<String, String> upcalls, Path cfgDir) {
        this.name = name;
        this.upcalls = Map.copyOf(upcalls);
        this.cfgDir = cfgDir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> groups() {
        return new LinkedHashSet<>(GroupResolver.words(groupsText()));
    }

    @Override
    public Optional<String> membersText(String group) {
        if (upcalls.containsKey("mapall")) {
            String fromAll = mapall().get(group);
            if (fromAll != null) {
                return Optional.of(fromAll);
            }
            if (!upcalls.containsKey("map")) {
                return Optional.empty();
            }
        }
        String out = call("map", Map.of("GROUP", group));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    @Override
    public Optional<String> allText() {
        return upcalls.containsKey("all") ? Optional.of(call("all", Map.of())) : Optional.empty();
    }

    @Override
    public List<String> groupsText() {
        if (upcalls.containsKey("mapall")) {
            // mapall's groups first, then those only the list upcall knows (ClusterShell's own
            // Ansible example leaves names with ':' to map and list).
            List<String> out = new ArrayList<>(mapall().keySet());
            if (upcalls.containsKey("list")) {
                out.add(call("list", Map.of()));
            }
            return out;
        }
        if (!upcalls.containsKey("list")) {
            throw new NodeSetException("group source \"" + name + "\": no list upcall defined", name);
        }
        return List.of(call("list", Map.of()));
    }

    /** The mapall answer as group -> member text; a group named on several lines gets them all. */
    private synchronized Map<String, String> mapall() {
        if (mapall != null) {
            return mapall;
        }
        String out = call("mapall", Map.of());
        Map<String, String> groups = new LinkedHashMap<>();
        String[] lines = out.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String group = colon < 0 ? "" : line.substring(0, colon).strip();
            if (group.isEmpty() || group.chars().anyMatch(Character::isWhitespace)) {
                // A bad line would silently drop or misname a group: refuse the whole answer.
                throw new BrokenGroupException("group source \"" + name + "\": mapall output line " + (n + 1)
                        + ": expected \"group: nodes\": " + line, line);
            }
            groups.merge(group, line.substring(colon + 1).strip(), (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b);
        }
        mapall = groups;
        return groups;
    }

    @Override
    public Optional<String> reverseText(String node) {
        return upcalls.containsKey("reverse") ? Optional.of(call("reverse", Map.of("NODE", node))) : Optional.empty();
    }

    private synchronized String call(String upcall, Map<String, String> vars) {
        Map<String, String> all = new HashMap<>(vars);
        all.put("SOURCE", name);
        all.put("CFGDIR", cfgDir == null ? "" : cfgDir.toString());
        String cmd = substitute(upcalls.get(upcall), all);
        return cache.computeIfAbsent(cmd, c -> run(upcall, c));
    }

    /** Python string.Template.safe_substitute for $NAME and ${NAME}. */
    static String substitute(String template, Map<String, String> vars) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char d = template.charAt(i + 1);
            if (d == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            boolean braced = d == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                end++;
            }
            String var = template.substring(start, end);
            boolean closed = !braced || (end < template.length() && template.charAt(end) == '}');
            if (!var.isEmpty() && closed && vars.containsKey(var)) {
                sb.append(vars.get(var));
                i = braced ? end + 1 : end;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private String run(String upcall, String cmd) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd);
        if (cfgDir != null) {
            pb.directory(cfgDir.toFile());
        }
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int rc = p.waitFor();
            if (rc != 0 && (upcall.equals("map") || upcall.equals("mapall"))) {
                // A group whose members cannot be read fails every command touching it, listings too.
                throw new BrokenGroupException("group source \"" + name + "\": " + upcall + " upcall failed (exit "
                        + rc + "): " + cmd, cmd);
            }
            if (rc != 0) {
                throw new NodeSetException("group source \"" + name + "\": " + upcall + " upcall failed (exit "
                        + rc + "): " + cmd, cmd);
            }
            return out.strip();
        } catch (IOException e) {
            throw new NodeSetException("group source \"" + name + "\": cannot run " + upcall + " upcall: "
                    + e.getMessage(), cmd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeSetException("group source \"" + name + "\": interrupted", cmd);
        }
    }
}
