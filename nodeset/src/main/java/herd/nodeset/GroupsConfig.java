package herd.nodeset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a {@link GroupResolver} from ClusterShell's group configuration, in ClusterShell's
 * order: confdir *.conf upcall sources, autodir *.yaml file sources, then the upcall sections
 * of groups.conf itself; [Main] default names the default source (else the first one).
 */
final class GroupsConfig {
    private GroupsConfig() {
    }

    static GroupResolver loadDefault() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("user.home");
        candidates.add(Path.of("/etc/clustershell/groups.conf"));
        candidates.add(Path.of(home, ".local/etc/clustershell/groups.conf"));
        String xdg = System.getenv("XDG_CONFIG_HOME");
        candidates.add(Path.of(xdg != null ? xdg : home + "/.config", "clustershell", "groups.conf"));
        String cfgdir = System.getenv("CLUSTERSHELL_CFGDIR");
        if (cfgdir != null) {
            candidates.add(Path.of(cfgdir, "groups.conf"));
        }
        Path last = null;
        for (Path p : candidates) {
            if (Files.isReadable(p)) {
                last = p;
            }
        }
        return last == null ? GroupResolver.none() : load(last);
    }

    static GroupResolver load(Path conf) {
        if (!Files.isReadable(conf)) {
            return GroupResolver.none();
        }
        Path dir = conf.toAbsolutePath().getParent();
        Map<String, Map<String, String>> main = Ini.read(conf);
        Map<String, String> mainSection = main.getOrDefault("Main", Map.of());
        List<GroupSource> sources = new ArrayList<>();
        String confdirKey = mainSection.containsKey("groupsdir") ? "groupsdir" : "confdir";
        for (Path d : dirs(mainSection.get(confdirKey), dir)) {
            for (Path f : files(d, ".conf")) {
                addUpcalls(sources, Ini.read(f), d, f);
            }
        }
        for (Path d : dirs(mainSection.get("autodir"), dir)) {
            for (Path f : files(d, ".yaml")) {
                GroupsYaml.sources(f).values().forEach(source -> add(sources, source, f));
            }
        }
        addUpcalls(sources, main, dir, conf);
        String def = mainSection.get("default");
        if (def != null && !def.isEmpty() && sources.stream().noneMatch(s -> s.name().equals(def))) {
            throw new NodeSetException(conf + ": default group source \"" + def + "\" not found", def);
        }
        if (def == null || def.isEmpty()) {
            return new GroupResolver(sources, sources.isEmpty() ? null : sources.get(0).name());
        }
        return new GroupResolver(sources, def);
    }

    private static void add(List<GroupSource> sources, GroupSource s, Path from) {
        if (sources.stream().anyMatch(x -> x.name().equals(s.name()))) {
            throw new NodeSetException(from + ": group source \"" + s.name() + "\" defined twice", s.name());
        }
        sources.add(s);
    }

    private static void addUpcalls(List<GroupSource> sources, Map<String, Map<String, String>> ini, Path dir, Path file) {
        ini.forEach((section, keys) -> {
            for (String name : section.split(",")) {
                if (name.equals("Main")) {
                    continue;
                }
                if (!nonEmpty(keys, "map") && !nonEmpty(keys, "mapall")) {
                    throw new NodeSetException(file + ":" + Ini.line(file, section) + ": group source \"" + name
                            + "\": neither map nor mapall upcall", name);
                }
                Map<String, String> upcalls = new LinkedHashMap<>();
                for (String k : List.of("map", "mapall", "all", "list", "reverse")) {
                    if (keys.containsKey(k) && !keys.get(k).isEmpty()) {
                        upcalls.put(k, keys.get(k));
                    }
                }
                add(sources, new UpcallGroupSource(name, upcalls, dir), dir);
            }
        });
    }

    private static boolean nonEmpty(Map<String, String> keys, String key) {
        return keys.containsKey(key) && !keys.get(key).isEmpty();
    }

    /** Space-separated directories with $CFGDIR substituted; missing ones skipped. */
    private static List<Path> dirs(String value, Path cfgDir) {
        List<Path> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String d : value.trim().split("\\s+")) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(UpcallGroupSource.substitute(d, Map.of("CFGDIR", cfgDir.toString()))).normalize();
            if (!out.contains(p) && Files.isDirectory(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isReadable(p)).sorted().toList();
        } catch (IOException e) {
            throw new NodeSetException(dir + ": cannot list: " + e.getMessage(), dir.toString());
        }
    }

    /** The subset of Python's ConfigParser used by groups.conf: sections, key: value, continuations. */
    static final class Ini {
        private Ini() {
        }

        static Map<String, Map<String, String>> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new NodeSetException(file + ": cannot read: " + e.getMessage(), file.toString());
            }
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            Map<String, String> section = null;
            String lastKey = null;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                    section.merge(lastKey, "\n" + t, String::concat);
                    continue;
                }
                if (t.startsWith("[") && t.endsWith("]")) {
                    section = out.computeIfAbsent(t.substring(1, t.length() - 1), k -> new LinkedHashMap<>());
                    lastKey = null;
                    continue;
                }
                int sep = firstOf(t, ':', '=');
                if (section == null || sep < 0) {
                    throw new NodeSetException(file + ":" + (n + 1) + ": expected [section] or key: value", t);
                }
                lastKey = t.substring(0, sep).strip().toLowerCase(java.util.Locale.ROOT);
                section.put(lastKey, t.substring(sep + 1).strip());
            }
            return out;
        }

        /** 1-based line of {@code [section]} in {@code file}, for error messages (0 if not found). */
        static int line(Path file, String section) {
            try {
                List<String> lines = Files.readAllLines(file);
                for (int n = 0; n < lines.size(); n++) {
                    if (lines.get(n).strip().equals("[" + section + "]")) {
                        return n + 1;
                    }
                }
            } catch (IOException e) {
                // the file was read a moment ago; the message then gives no line
            }
            return 0;
        }

        private static int firstOf(String s, char a, char b) {
            int i = s.indexOf(a);
            int j = s.indexOf(b);
            return i < 0 ? j : j < 0 ? i : Math.min(i, j);
        }
    }
}
