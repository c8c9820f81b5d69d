package herd.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.ProcessRunner;
import herd.files.Text;
import herd.files.WriteMode;
import herd.services.DhcpSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-kept corpus (resources herd/dhcp/corpus, see its README.md): every edit goes through
 * the engine on a copy of its directory and must give the hand-written expected file byte for
 * byte, which the real {@code dhcpd -t} must accept; a refused edit must leave every byte and the
 * modification time alone. The tally (byte-identical, same meaning in another layout, wrong) is
 * printed at the end.
 */
class DhcpEditCorpusTest {
    private static final long OLD_MTIME = 1_000_000_000_000L;
    private static final Map<String, String> OUTCOMES = new TreeMap<>();

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyEditGivesTheExpectedFile() throws IOException, URISyntaxException {
        Path corpus = Path.of(DhcpEditCorpusTest.class.getResource("/herd/dhcp/corpus").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(corpus)) {
            for (Path c : cases.filter(Files::isDirectory).sorted().toList()) {
                List<String> lines = Files.readAllLines(c.resolve("edits"));
                String file = lines.stream().filter(l -> l.startsWith("file ")).map(l -> l.substring(5).strip())
                        .findFirst().orElse("dhcpd.conf");
                for (String line : lines) {
                    if (!line.isBlank() && !line.startsWith("file ")) {
                        String n = line.substring(0, line.indexOf(' '));
                        String edit = line.substring(line.indexOf(' ') + 1);
                        tests.add(DynamicTest.dynamicTest(c.getFileName() + " #" + n + ": " + edit,
                                () -> run(c, file, n, edit)));
                    }
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(30);
        return tests.stream();
    }

    @AfterAll
    static void tally() {
        long identical = OUTCOMES.values().stream().filter(o -> o.equals("identical")).count();
        long same = OUTCOMES.values().stream().filter(o -> o.equals("same meaning")).count();
        System.out.printf("dhcp corpus: %d edits, %d byte-identical, %d same meaning in another layout, %d wrong%n",
                OUTCOMES.size(), identical, same, OUTCOMES.size() - identical - same);
        OUTCOMES.forEach((k, v) -> {
            if (!v.equals("identical")) {
                System.out.println("  " + v + ": " + k);
            }
        });
    }

    private void run(Path source, String file, String n, String edit) throws IOException {
        Path dir = Files.createDirectories(work.resolve(source.getFileName() + "-" + n));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path conf = dir.resolve(file);
        byte[] original = Files.readAllBytes(conf);
        Files.setLastModifiedTime(conf, FileTime.fromMillis(OLD_MTIME));
        DhcpEngine engine = new DhcpEngine(new FileEditor(new LocalFileAccess()), new DhcpSettings(conf.toString(), ""));
        String key = source.getFileName() + " #" + n + " " + edit;
        Path refused = source.resolve(n + ".refused");
        String error = null;
        try {
            edit(edit).applyTo(engine);
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        if (Files.exists(refused)) {
            String expected = Files.readString(refused).strip();
            boolean untouched = Arrays.equals(Files.readAllBytes(conf), original)
                    && Files.getLastModifiedTime(conf).toMillis() == OLD_MTIME;
            OUTCOMES.put(key, error != null && untouched ? (error.contains(expected) ? "identical" : "same meaning")
                    : "wrong");
            assertThat(error).as("%s must be refused", key).isNotNull().contains(expected);
            assertThat(untouched).as("%s: refused edit left the file alone", key).isTrue();
            return;
        }
        String expected = Files.readString(source.resolve(n + ".expected"));
        String actual = Text.decode(Files.readAllBytes(conf));
        if (error != null) {
            OUTCOMES.put(key, "wrong");
            fail("%s was refused: %s", key, error);
        }
        OUTCOMES.put(key, actual.equals(expected) ? "identical" : sameMeaning(actual, expected) ? "same meaning" : "wrong");
        assertThat(actual).as(key).isEqualTo(expected);
        dhcpdAccepts(dir, file);
    }

    private static boolean sameMeaning(String actual, String expected) {
        try {
            return entries(actual).equals(entries(expected));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Host entries without their line numbers, MACs canonical: what dhcpd makes of the file. */
    private static List<String> entries(String text) {
        DhcpConf conf = DhcpConf.parse("c", text);
        return conf.hosts().stream().map(h -> String.join("|", h.name(), DhcpChecks.canonicalMac(h.mac()),
                h.ip(), h.field("option host-name"), h.field("filename"), h.field("next-server"),
                String.valueOf(h.statements().size()), String.join("/", h.scope()))).sorted().toList();
    }

    private static void dhcpdAccepts(Path dir, String file) throws IOException {
        if (!ProcessRunner.installed("dhcpd")) {
            System.out.println("dhcpd -t skipped: dhcpd (isc-dhcp-server) is not installed");
            return;
        }
        String main = Files.exists(dir.resolve("dhcpd.conf")) ? "dhcpd.conf" : file;
        ProcessRunner.Result r = new ProcessRunner().run(List.of("dhcpd", "-t", "-4", "-cf", main), dir,
                Duration.ofSeconds(60));
        assertThat(r.ok()).as("dhcpd -t on %s: %s", dir, r.output()).isTrue();
    }

    private record Edit(String verb, DhcpRequest request) {
        void applyTo(DhcpEngine engine) {
            switch (verb) {
                case "add" -> engine.add(request);
                case "set" -> engine.set(request);
                case "remove" -> engine.remove(request);
                default -> throw new IllegalArgumentException("unknown edit dhcp " + verb);
            }
        }
    }

    /** {@code dhcp VERB NAME --opt value ...} as typed at the prompt (single quotes group words). */
    private static Edit edit(String edit) {
        List<String> words = words(edit);
        DhcpRequest r = DhcpRequest.of(words.get(2), WriteMode.WRITE);
        for (int i = 3; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--no-hostname")) {
                r = r.withoutHostName(true);
                continue;
            }
            String v = words.get(++i);
            r = switch (w) {
                case "--mac" -> r.withMac(v);
                case "--ip" -> r.withIp(v);
                case "--hostname" -> r.withHostName(v);
                case "--filename" -> r.withFilename(v);
                case "--next-server" -> r.withNextServer(v);
                case "--option" -> r.withOptions(v);
                case "--unset" -> r.withUnsetNames(v);
                default -> throw new IllegalArgumentException("unknown option " + w + " in " + edit);
            };
        }
        return new Edit(words.get(1), r);
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                w = w == null ? new StringBuilder() : w;
            } else if (c == ' ' && !quoted) {
                if (w != null) {
                    out.add(w.toString());
                }
                w = null;
            } else {
                w = (w == null ? new StringBuilder() : w).append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }
}
