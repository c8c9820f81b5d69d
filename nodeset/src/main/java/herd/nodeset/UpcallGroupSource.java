package herd.nodeset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A groups.conf source answered by shell commands (map, all, list, reverse), run with
 * {@code /bin/sh -c} in the configuration directory after substituting $GROUP, $NODE, $SOURCE
 * and $CFGDIR. Answers are cached for the life of this object (cache_time is not needed by a
 * short-lived command).
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

    /** {@code upcalls} maps "map", "all", "list", "reverse" to command templates. */
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
        String out = call("map", Map.of("GROUP", group));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    @Override
    public Optional<String> allText() {
        return upcalls.containsKey("all") ? Optional.of(call("all", Map.of())) : Optional.empty();
    }

    @Override
    public List<String> groupsText() {
        if (!upcalls.containsKey("list")) {
            throw new NodeSetException("group source \"" + name + "\": no list upcall defined", name);
        }
        return List.of(call("list", Map.of()));
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
            if (rc != 0 && upcall.equals("map")) {
                // A group whose members cannot be read fails every command touching it, listings too.
                throw new BrokenGroupException("group source \"" + name + "\": map upcall failed (exit "
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
