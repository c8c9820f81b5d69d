package herd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STYLE rule 1: engines, records and sessions know nothing of Spring or the terminal. Only the
 * adapters (classes named *Commands) may import org.springframework; nothing here imports org.jline.
 * sshj, dnsjava and ipmi-java stay in the package that wraps each. And no package depends, however
 * indirectly, on one that depends on it: the compiled classes' package graph, as the JDK's jdeps
 * reads it, has no cycle.
 */
class LayeringTest {
    private static final Pattern EDGE = Pattern.compile("^\\s*(herd\\.\\S+)\\s+->\\s+(herd\\.\\S+)\\s");

    @Test
    void onlyAdaptersImportSpringAndNothingImportsJline() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(src)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(LayeringTest::breaksLayering)
                    .map(p -> src.relativize(p).toString()).toList();
        }
        assertThat(offenders).as("files importing Spring outside *Commands, or JLine").isEmpty();
    }

    /** STYLE rule 7: each library's types stay inside the one package that wraps it. */
    @Test
    void librariesStayInTheirPackage() throws IOException {
        Map<String, String> owner = Map.of("import net.schmizz.", "herd/ssh/", "import com.hierynomus.", "herd/ssh/",
                "import org.xbill.", "herd/dns/", "import org.metricshub.", "herd/bmc/");
        Path src = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(p);
                String rel = src.relativize(p).toString();
                owner.forEach((prefix, home) -> {
                    if (text.contains(prefix) && !rel.startsWith(home)) {
                        offenders.add(rel + " (" + prefix.substring(7) + ".. belongs in " + home + ")");
                    }
                });
            }
        }
        assertThat(offenders).as("library types outside their package").isEmpty();
    }

    @Test
    void noPackageCycle() {
        Map<String, Set<String>> graph = packageGraph(Path.of("target/classes"));
        assertThat(graph).as("package graph of target/classes").containsKeys("herd.session", "herd.inventory");
        assertThat(cycles(graph)).as("package cycles (each a set of packages that reach each other)").isEmpty();
    }

    /** The check itself fails on a cycle: two classes that use each other across packages. */
    @Test
    void aCycleIsFound(@TempDir Path tmp) throws IOException {
        Path a = Files.createDirectories(tmp.resolve("src/herd/a")).resolve("A.java");
        Path b = Files.createDirectories(tmp.resolve("src/herd/b")).resolve("B.java");
        Files.writeString(a, "package herd.a; public class A { herd.b.B b; }");
        Files.writeString(b, "package herd.b; public class B { herd.a.A a; }");
        Path out = Files.createDirectories(tmp.resolve("classes"));
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
                a.toString(), b.toString());
        assertThat(rc).isZero();
        assertThat(cycles(packageGraph(out))).containsExactly(Set.of("herd.a", "herd.b"));
    }

    /** Package to the herd packages it uses (itself left out), from {@code jdeps -verbose:package}. */
    static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int rc = jdeps.run(print, print, "-verbose:package", "-e", "herd\\..*", classes.toString());
            assertThat(rc).as("jdeps: " + out.toString(StandardCharsets.UTF_8)).isZero();
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /** The strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).components.stream().filter(c -> c.size() > 1).toList();
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
            graph.keySet().forEach(p -> {
                if (!index.containsKey(p)) {
                    visit(p);
                }
            });
        }

        private void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            for (String q : graph.getOrDefault(p, Set.of())) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (stack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> component = new TreeSet<>();
                String q;
                do {
                    q = stack.pop();
                    component.add(q);
                } while (!q.equals(p));
                components.add(component);
            }
        }
    }

    private static boolean breaksLayering(Path file) {
        try {
            String text = Files.readString(file);
            boolean adapter = file.getFileName().toString().endsWith("Commands.java");
            return text.contains("import org.jline") || !adapter && text.contains("import org.springframework");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
