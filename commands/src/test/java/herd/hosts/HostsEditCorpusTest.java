package herd.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.Text;
import herd.files.WriteMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-kept hosts files (test resources {@code herd/hosts/corpus/CASE/}): {@code hosts}, a
 * {@code case} file with the domain and the edits ({@code edit ID: hosts ...}, or
 * {@code ... => refused: MESSAGE PART}), and {@code ID.hosts}, the file a careful admin would
 * have written, by hand, before the code. Each edit runs on a fresh copy through
 * {@link HostsEngine}; the result is compared byte for byte, then entry by entry as parsed back.
 * The tally (identical, same entries in another layout, wrong) is printed.
 */
class HostsEditCorpusTest {
    @TempDir
    Path work;

    enum Verdict { IDENTICAL, SAME_MEANING, WRONG }

    record Outcome(String edit, Verdict verdict, String why) {
    }

    @Test
    void everyEditGivesTheFileACarefulAdminWouldWrite() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> cases = Files.list(Path.of(getClass().getResource("/herd/hosts/corpus").toURI()))) {
            for (Path dir : cases.sorted().toList()) {
                outcomes.addAll(runCase(dir));
            }
        }
        long identical = outcomes.stream().filter(o -> o.verdict() == Verdict.IDENTICAL).count();
        long same = outcomes.stream().filter(o -> o.verdict() == Verdict.SAME_MEANING).count();
        List<Outcome> off = outcomes.stream().filter(o -> o.verdict() != Verdict.IDENTICAL).toList();
        System.out.printf("hosts corpus: %d edits: %d byte-identical, %d same entries in another layout, %d wrong%n",
                outcomes.size(), identical, same, outcomes.size() - identical - same);
        off.forEach(o -> System.out.println("  " + o.verdict() + " " + o.edit() + ": " + o.why()));
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(30);
        assertThat(off).isEmpty();
    }

    private List<Outcome> runCase(Path dir) throws IOException, URISyntaxException {
        String domain = "";
        List<Outcome> out = new ArrayList<>();
        String original = read(dir.resolve("hosts"));
        for (String line : Files.readAllLines(dir.resolve("case"))) {
            if (line.startsWith("domain ")) {
                domain = line.substring(7).strip();
            } else if (line.startsWith("edit ")) {
                String id = line.substring(5, line.indexOf(':'));
                String command = line.substring(line.indexOf(':') + 1).strip();
                int cut = command.indexOf(" => refused: ");
                String refusal = cut < 0 ? null : command.substring(cut + 13);
                command = cut < 0 ? command : command.substring(0, cut);
                out.add(runEdit(dir, id, command, refusal, original, domain));
            }
        }
        return out;
    }

    private Outcome runEdit(Path dir, String id, String command, String refusal, String original, String domain)
            throws IOException {
        String name = dir.getFileName() + "/" + id;
        Path file = Files.createDirectories(work.resolve(name)).resolve("hosts");
        Files.write(file, Text.encode(original));
        HostsEngine hosts = new HostsEngine(new FileEditor(new LocalFileAccess()), file.toString(), domain);
        try {
            run(hosts, command);
        } catch (RuntimeException e) {
            if (!read(file).equals(original)) {
                return new Outcome(name, Verdict.WRONG, "refused (" + e.getMessage() + ") but the file changed");
            }
            if (refusal != null && String.valueOf(e.getMessage()).contains(refusal)) {
                return new Outcome(name, Verdict.IDENTICAL, "refused");
            }
            return new Outcome(name, Verdict.WRONG, "refused: " + e);
        }
        if (refusal != null) {
            return new Outcome(name, Verdict.WRONG, "done, but should be refused with '" + refusal + "'");
        }
        String actual = read(file);
        String expected = read(dir.resolve(id + ".hosts"));
        if (actual.equals(expected)) {
            return new Outcome(name, Verdict.IDENTICAL, "");
        }
        List<String> got = entries(actual);
        boolean same = got.equals(entries(expected));
        return new Outcome(name, same ? Verdict.SAME_MEANING : Verdict.WRONG, "wrote:\n" + actual);
    }

    /** One {@code hosts add|remove} line as the adapter runs it, words split on spaces. */
    static HostsResult run(HostsEngine hosts, String command) {
        List<String> args = new ArrayList<>();
        List<String> aliases = List.of();
        String ip = null;
        boolean line = false;
        String[] words = command.split("\\s+");
        for (int i = 2; i < words.length; i++) {
            switch (words[i]) {
                case "--alias" -> aliases = Arrays.asList(words[++i].split(","));
                case "--ip" -> ip = words[++i];
                case "--line" -> line = true;
                default -> args.add(words[i]);
            }
        }
        String host = args.isEmpty() ? null : args.get(0);
        return switch (words[1]) {
            case "add" -> hosts.add(new HostsRequest(host, args.get(1), aliases, WriteMode.WRITE));
            case "remove" -> hosts.remove(new HostsRequest(host, ip, List.of(), WriteMode.WRITE, line));
            default -> throw new IllegalArgumentException("not a hosts edit: " + command);
        };
    }

    private static List<String> entries(String text) {
        return HostsFile.parse("hosts", text).entries().stream().map(e -> e.ip() + " " + String.join(" ", e.names()))
                .sorted().toList();
    }

    private static String read(Path p) throws IOException {
        return Text.decode(Files.readAllBytes(p));
    }
}
