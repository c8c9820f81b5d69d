package herd.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server's own syntax checker ({@code dhcpd -t -cf}, {@code named-checkzone}) run on a
 * temporary copy of the proposed content, its messages mapped back to {@code FILE:LINE: message}.
 * Absent checker programs are skipped (herd's own checks still run).
 *
 * <pre>{@code
 * FileChecker c = new ExternalChecker("dhcpd", tmp -> List.of("dhcpd", "-t", "-cf", tmp.toString()),
 *         "(\\S+) line (\\d+): (.*)", line -> line.contains("error"));
 * }</pre>
 */
public final class ExternalChecker implements FileChecker {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String program;
    private final Function<Path, List<String>> command;
    private final String linePattern;
    private final Predicate<String> generalError;
    private final ProcessRunner runner = new ProcessRunner();

    /**
     * @param linePattern a regex whose group 1 is a file name (the temporary copy, or a file it
     *     includes), group 2 the line number and group 3 the message
     * @param generalError which other output lines are errors without a line number
     */
    public ExternalChecker(String program, Function<Path, List<String>> command, String linePattern,
            Predicate<String> generalError) {
        this.program = program;
        this.command = command;
        this.linePattern = linePattern;
        this.generalError = generalError;
    }

    public boolean available() {
        return ProcessRunner.installed(program);
    }

    @Override
    public List<FileProblem> check(String path, String proposed) {
        if (!available()) {
            return List.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("herd-check");
            Path copy = dir.resolve(Path.of(path).getFileName());
            Files.write(copy, Text.encode(proposed));
            Path parent = Path.of(path).toAbsolutePath().getParent();
            Path cwd = parent != null && Files.isDirectory(parent) ? parent : dir;
            ProcessRunner.Result r = runner.run(command.apply(copy), cwd, TIMEOUT);
            return r.ok() ? List.of() : problems(path, copy, cwd, r.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private List<FileProblem> problems(String path, Path copy, Path cwd, String output) {
        Pattern located = Pattern.compile(linePattern);
        List<FileProblem> found = new ArrayList<>();
        List<FileProblem> general = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = located.matcher(line.strip());
            if (m.matches()) {
                String file = m.group(1).equals(copy.toString()) ? path : cwd.resolve(m.group(1)).toString();
                found.add(new FileProblem(file, Integer.parseInt(m.group(2)), m.group(3).strip()));
            } else if (generalError.test(line)) {
                general.add(new FileProblem(path, 0, line.strip().replace(copy.toString(), path)));
            }
        }
        if (found.isEmpty()) {
            found.addAll(general);
        }
        if (found.isEmpty()) {
            found.add(new FileProblem(path, 0, program + " rejects the file: " + new ProcessRunner.Result(1, output)
                    .lastLine().replace(copy.toString(), path)));
        }
        return found;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp copy in the temp dir is harmless; the check result stands.
        }
    }
}
