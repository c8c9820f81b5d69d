package herd.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages `mvn -Pdist package` left in dist/target, used as an admin would: the tarball
 * unpacked anywhere and run with only Java on the PATH; the .deb installed on this machine with
 * dpkg, run, completed, read with man, then purged leaving nothing; the .rpm's files and scripts
 * read with rpm.
 */
class PackagesIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String VERSION = System.getProperty("herd.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path home;

    @Test
    void theTarballRunsFromAnyDirectoryWithOnlyAJavaRuntime() throws Exception {
        Path unpacked = Files.createDirectories(home.resolve("opt"));
        run(Map.of(), "tar", "-xzf", TARGET.resolve("herd-" + VERSION + ".tar.gz").toString(), "-C", unpacked.toString());
        Path herd = unpacked.resolve("herd-" + VERSION);
        assertThat(herd.resolve("bin/herd")).isExecutable();
        assertThat(herd.resolve("lib/herd.jar")).exists();
        assertThat(herd.resolve("man/man1/herd.1")).exists();
        assertThat(herd.resolve("man/man5/herd-inventory.5")).exists();
        assertThat(herd.resolve("completions/herd.bash")).exists();
        Map<String, String> env = onlyJava();
        String out = run(env, herd.resolve("bin/herd").toString(), "-q", "--inventory",
                herd.resolve("examples/cluster.yaml").toString(), "-c", "nodes @compute");
        assertThat(out).isEqualTo("valkyrie[01-02]\n");
        assertThat(run(env, herd.resolve("bin/herd").toString(), "nodeset", "-f", "n1,n2")).isEqualTo("n[1-2]\n");
        try (Stream<Path> archives = Files.walk(home.resolve("cache/herd"))) {
            assertThat(archives.map(Path::toString)).as("the class-data archive, in the user's cache")
                    .anyMatch(p -> p.endsWith("herd.jsa") || p.endsWith("herd.aot"));
        }
        try (Stream<Path> files = Files.walk(herd)) {
            assertThat(files.filter(p -> p.toString().matches(".*\\.(jsa|aot)$"))).as("nothing written beside the jars").isEmpty();
        }
    }

    @Test
    void theDebInstallsRunsCompletesAndPurgesLeavingNothing() throws Exception {
        Path deb = TARGET.resolve("herd_" + VERSION.replace('-', '~') + "_all.deb");
        purgeIfInstalled();
        List<String> installedBefore = everyPathOf(List.of("/usr/share/herd", "/etc/herd"));
        assertThat(installedBefore).as("no herd on this machine before the test").isEmpty();
        dpkg("-i", deb.toString());
        try {
            List<String> files = List.of(run(Map.of(), "dpkg", "-L", "herd").split("\n"));
            assertThat(files).contains("/usr/bin/herd", "/usr/share/herd/bin/herd", "/usr/share/herd/lib/herd.jar",
                    "/etc/herd/cluster.yaml", "/usr/share/bash-completion/completions/herd",
                    "/usr/share/zsh/vendor-completions/_herd", "/usr/share/man/man1/herd.1.gz",
                    "/usr/share/man/man5/herd-inventory.5.gz");
            assertThat(run(Map.of(), "dpkg-query", "-W", "-f", "${Conffiles}", "herd")).contains("/etc/herd/cluster.yaml");
            Map<String, String> env = onlyJava();
            env.put("PATH", env.get("PATH") + ":/usr/bin");
            assertThat(run(env, "/usr/bin/herd", "--version")).startsWith("herd " + VERSION + " (Java 17");
            assertThat(run(env, "/usr/bin/herd", "-q", "-c", "nodes @compute")).as("the inventory in /etc/herd").isEqualTo("valkyrie[01-02]\n");
            assertThat(run(Map.of(), "bash", "--norc", "-c", "source /usr/share/bash-completion/completions/herd;"
                    + " COMP_WORDS=(herd --keep); COMP_CWORD=1; _herd; echo \"${COMPREPLY[*]}\"")).isEqualTo("--keep-going\n");
            assertThat(run(Map.of(), "man", "-w", "herd")).isEqualTo("/usr/share/man/man1/herd.1.gz\n");
            assertThat(run(Map.of("MANWIDTH", "100"), "man", "herd-inventory")).contains("HERD-INVENTORY(5)", "AUDIT");
            assertThat(everyPathOf(List.of("/usr/share/herd"))).as("herd wrote nothing under /usr/share/herd")
                    .allMatch(files::contains);
        } finally {
            dpkg("--purge", "herd");
        }
        assertThat(everyPathOf(List.of("/usr/share/herd", "/etc/herd", "/usr/bin/herd",
                "/usr/share/bash-completion/completions/herd", "/usr/share/man/man1/herd.1.gz", "/usr/share/doc/herd")))
                .as("left after purge").isEmpty();
    }

    @Test
    void theRpmHoldsTheElNinePathsAndRunsNoScript() throws Exception {
        String rpm = TARGET.resolve("herd-" + VERSION.replaceFirst("-(.*)", "-0.1.$1") + ".noarch.rpm").toString();
        List<String> files = List.of(run(Map.of(), "rpm", "-qlp", rpm).split("\n"));
        assertThat(files).contains("/usr/bin/herd", "/usr/share/herd/bin/herd", "/usr/share/herd/lib/herd.jar",
                "/etc/herd/cluster.yaml", "/usr/share/bash-completion/completions/herd", "/usr/share/zsh/site-functions/_herd",
                "/usr/share/man/man1/herd.1.gz", "/usr/share/man/man5/herd-inventory.5.gz");
        assertThat(files).allMatch(f -> f.matches("/(etc/herd|usr/bin/herd|usr/share/(herd|bash-completion|zsh|man|doc/herd)).*"));
        assertThat(run(Map.of(), "rpm", "-qp", "--configfiles", rpm)).isEqualTo("/etc/herd/cluster.yaml\n");
        assertThat(run(Map.of(), "rpm", "-qp", "--scripts", rpm)).as("nothing runs at install").isEmpty();
        assertThat(run(Map.of(), "rpm", "-qp", "--requires", rpm)).contains("java-headless >= 1:17");
        assertThat(run(Map.of(), "rpm", "-qp", "--queryformat", "%{NAME} %{ARCH}\n", rpm)).isEqualTo("herd noarch\n");
        assertThat(run(Map.of(), "rpm", "-qp", "--queryformat", "%{LICENSE}", rpm)).as("the parent pom's herd.license")
                .isEqualTo(System.getProperty("herd.license")).isNotBlank().isNotEqualTo("Unknown");
    }

    /** An environment whose PATH holds java and the few tools the launcher uses, and no Maven. */
    private Map<String, String> onlyJava() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "bash", "readlink", "dirname", "basename", "grep", "cksum", "cut", "stat",
                "cat", "mkdir", "rm", "flock", "env")) {
            Path real = Path.of(run0("which", tool).strip()).toRealPath();
            Path link = bin.resolve(tool);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, real);
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        return env;
    }

    private static void purgeIfInstalled() throws Exception {
        if (run0("dpkg-query", "-W", "-f", "${Status}", "herd").contains("installed")) {
            dpkg("--purge", "herd");
        }
    }

    /** dpkg, waiting for its lock when another install runs on the machine. */
    private static void dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                return;
            }
            assertThat(out.contains("lock") && System.nanoTime() < deadline).as(String.join(" ", command) + ": " + out).isTrue();
            Thread.sleep(500);
        }
    }

    private static List<String> everyPathOf(List<String> roots) throws IOException {
        List<String> out = new ArrayList<>();
        for (String root : roots) {
            if (Files.exists(Path.of(root), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(Path.of(root))) {
                    walk.forEach(p -> out.add(p.toString()));
                }
            }
        }
        return out;
    }

    private static String run(Map<String, String> env, String... command) throws Exception {
        return ManPagesTest.run(env, command);
    }

    /** Runs a program; its stdout whatever its status. */
    private static String run0(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
