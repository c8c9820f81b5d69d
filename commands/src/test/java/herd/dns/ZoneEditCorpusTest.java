package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.ProcessRunner;
import herd.files.Text;
import herd.files.WriteMode;
import herd.services.DnsSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-kept zone files (test resources {@code herd/dns/corpus/CASE/}), each with edits and the file
 * a careful admin would have written, by hand, before the code: {@code case} lists the zones
 * ({@code zone NAME FILE}), the domain and the edits ({@code edit ID: dns ...}, or
 * {@code ... => refused: MESSAGE PART}); {@code ID.FILE} is the expected file after edit ID (a zone
 * without one must stay as it is), {@code ID.out} the records the edit reports. Each edit runs on
 * fresh copies through {@link DnsEngine} (which runs named-checkzone before writing); each result
 * is compared byte for byte, then by named-checkzone's canonical dump, and checked again by
 * named-checkzone. The tally (identical, same meaning in another layout, wrong) is printed.
 */
class ZoneEditCorpusTest {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration CHECK = Duration.ofSeconds(60);

    @TempDir
    Path work;

    enum Verdict { IDENTICAL, SAME_MEANING, WRONG }

    record Outcome(String edit, Verdict verdict, String why) {
    }

    @Test
    void everyEditGivesTheFileACarefulAdminWouldWrite() throws Exception {
        assumeThat(ProcessRunner.installed("named-checkzone")).as("named-checkzone (bind9-utils) is not installed").isTrue();
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> cases = Files.list(corpus())) {
            for (Path dir : cases.sorted().toList()) {
                outcomes.addAll(runCase(dir));
            }
        }
        long identical = outcomes.stream().filter(o -> o.verdict() == Verdict.IDENTICAL).count();
        long same = outcomes.stream().filter(o -> o.verdict() == Verdict.SAME_MEANING).count();
        List<Outcome> off = outcomes.stream().filter(o -> o.verdict() != Verdict.IDENTICAL).toList();
        System.out.printf("zone corpus: %d edits: %d byte-identical, %d same meaning in another layout, %d wrong%n",
                outcomes.size(), identical, same, outcomes.size() - identical - same);
        off.forEach(o -> System.out.println("  " + o.verdict() + " " + o.edit() + ": " + o.why()));
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(60);
        assertThat(off).isEmpty();
    }

    private List<Outcome> runCase(Path dir) throws IOException, InterruptedException {
        Map<String, String> zones = new LinkedHashMap<>();
        String domain = "cluster.local";
        List<String> edits = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("case"))) {
            String[] w = line.split(" ", 3);
            switch (w[0]) {
                case "zone" -> zones.put(w[1], w[2]);
                case "domain" -> domain = w[1];
                case "edit" -> edits.add(line.substring(5));
                default -> {
                }
            }
        }
        assertThat(zones).as("zones of %s", dir).isNotEmpty();
        List<Outcome> out = new ArrayList<>();
        for (String edit : edits) {
            String id = edit.substring(0, edit.indexOf(':'));
            String command = edit.substring(id.length() + 1).strip();
            String refusal = command.contains(" => refused: ") ? command.substring(command.indexOf(" => refused: ") + 13) : null;
            command = refusal == null ? command : command.substring(0, command.indexOf(" => refused: "));
            out.add(runEdit(dir, dir.getFileName() + "/" + id, id, command, refusal, zones, domain));
        }
        return out;
    }

    private Outcome runEdit(Path dir, String name, String id, String command, String refusal, Map<String, String> zones,
            String domain) throws IOException, InterruptedException {
        Path copy = Files.createDirectories(work.resolve(name));
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path f = copy.resolve(z.getValue());
            String text = read(dir.resolve(z.getValue()));
            Files.write(f, Text.encode(text));
            files.put(z.getKey(), f.toString());
            originals.put(z.getKey(), text);
        }
        DnsEngine dns = new DnsEngine(new FileEditor(new LocalFileAccess()),
                new DnsSettings(files, domain, "127.0.0.1", 53, "", null, false), TODAY);
        DnsResult result;
        try {
            result = run(dns, command);
        } catch (RuntimeException e) {
            if (!unchanged(files, originals)) {
                return new Outcome(name, Verdict.WRONG, "refused (" + e.getMessage() + ") but a file changed");
            }
            if (refusal != null && String.valueOf(e.getMessage()).contains(refusal)) {
                return new Outcome(name, Verdict.IDENTICAL, "refused");
            }
            return new Outcome(name, Verdict.WRONG, "refused: " + e.getMessage());
        }
        if (refusal != null) {
            return new Outcome(name, Verdict.WRONG, "done, but should be refused with '" + refusal + "'");
        }
        Verdict verdict = Verdict.IDENTICAL;
        List<String> why = new ArrayList<>();
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path expectedFile = dir.resolve(id + "." + z.getValue());
            String expected = Files.exists(expectedFile) ? read(expectedFile) : originals.get(z.getKey());
            Path resultFile = Path.of(files.get(z.getKey()));
            String actual = read(resultFile);
            ProcessRunner.Result check = checkzone(z.getKey(), resultFile);
            if (!check.ok()) {
                return new Outcome(name, Verdict.WRONG, z.getValue() + " refused by named-checkzone: " + check.lastLine());
            }
            if (actual.equals(expected)) {
                continue;
            }
            Path expectedCopy = copy.resolve(z.getValue() + ".expected");
            Files.write(expectedCopy, Text.encode(expected));
            if (dump(z.getKey(), resultFile).equals(dump(z.getKey(), expectedCopy))) {
                verdict = verdict == Verdict.WRONG ? verdict : Verdict.SAME_MEANING;
                why.add(z.getValue() + " laid out differently:\n" + result.diff());
            } else {
                verdict = Verdict.WRONG;
                why.add(z.getValue() + " means something else:\n" + result.diff());
            }
        }
        Path printed = dir.resolve(id + ".out");
        if (Files.exists(printed)) {
            String said = String.join("", result.records().stream().map(r -> r + "\n").toList());
            if (!said.equals(read(printed))) {
                verdict = Verdict.WRONG;
                why.add("reported:\n" + said + "instead of:\n" + read(printed));
            }
        }
        return new Outcome(name, verdict, String.join("; ", why));
    }

    /** Runs one {@code dns add|remove} line as the adapter would, words split on spaces. */
    static DnsResult run(DnsEngine dns, String command) {
        List<String> args = new ArrayList<>();
        String ttl = null;
        boolean noPtr = false;
        String[] words = command.split("\\s+");
        for (int i = 2; i < words.length; i++) {
            switch (words[i]) {
                case "--ttl" -> ttl = words[++i];
                case "--no-ptr" -> noPtr = true;
                default -> args.add(words[i]);
            }
        }
        String type = args.size() > 1 ? args.get(1) : null;
        String value = args.size() > 2 ? args.get(2) : null;
        DnsRequest r = new DnsRequest(args.get(0), type, value, noPtr, false, WriteMode.WRITE, ttl);
        return switch (words[0] + " " + words[1]) {
            case "dns add" -> dns.add(r);
            case "dns remove" -> dns.remove(r);
            default -> throw new IllegalArgumentException("not a dns edit: " + command);
        };
    }

    private static ProcessRunner.Result checkzone(String zone, Path file) {
        return new ProcessRunner().run(List.of("named-checkzone", "-k", "fail", "-n", "fail", zone, file.toString()),
                file.getParent(), CHECK);
    }

    /** named-checkzone's canonical dump of the zone, its warnings (which name the file) left out. */
    private static List<String> dump(String zone, Path file) {
        String out = new ProcessRunner().run(List.of("named-checkzone", "-D", "-o", "-", zone, file.toString()),
                file.getParent(), CHECK).output();
        return out.lines().filter(l -> !l.contains(file.toString())).toList();
    }

    private static boolean unchanged(Map<String, String> files, Map<String, String> originals) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!read(Path.of(f.getValue())).equals(originals.get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String read(Path p) throws IOException {
        return Text.decode(Files.readAllBytes(p));
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(ZoneEditCorpusTest.class.getResource("/herd/dns/corpus").toURI());
    }
}
