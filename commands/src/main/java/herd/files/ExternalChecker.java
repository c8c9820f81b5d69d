package herd.files;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's own syntax checker ({@code dhcpd -t -cf}, {@code named-checkzone}) run on a
 * temporary copy of the proposed content, its messages mapped back to {@code FILE:LINE: message}.
 * It runs where the file is ({@link FileAccess#run}: this machine or the management node), from
 * the file's directory so that relative includes resolve. Absent checker programs are skipped
 * (herd's own checks still run).
 *
 * <pre>{@code
 * FileChecker c = new ExternalChecker(files, "dhcpd", tmp -> List.of("dhcpd", "-t", "-cf", tmp),
 *         "(\\S+) line (\\d+): (.*)", line -> line.contains("error"));
 * }</pre>
 */
public final class ExternalChecker implements FileChecker {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FileAccess files;
    private final String program;
    private final Function<String, List<String>> command;
    private final String linePattern;
    private final Predicate<String> generalError;

    /**
     * @param linePattern a regex whose group 1 is a file name (the temporary copy, or a file it
     *     includes), group 2 the line number and group 3 the message
     * @param generalError which other output lines are errors without a line number
     */
    public ExternalChecker(FileAccess files, String program, Function<String, List<String>> command,
            String linePattern, Predicate<String> generalError) {
        this.files = files;
        this.program = program;
        this.command = command;
        this.linePattern = linePattern;
        this.generalError = generalError;
    }

    public boolean available() {
        return files.installed(program);
    }

    @Override
    public List<FileProblem> check(String path, String proposed) {
        if (!available()) {
            return List.of();
        }
        String dir = null;
        try {
            dir = files.tempDir();
            String copy = dir + "/" + path.substring(path.lastIndexOf('/') + 1);
            files.create(copy, Text.encode(proposed));
            int slash = path.lastIndexOf('/');
            String parent = slash > 0 ? path.substring(0, slash) : slash == 0 ? "/" : null;
            String cwd = parent != null && files.isDirectory(parent) ? parent : dir;
            ProcessRunner.Result r = files.run(command.apply(copy), cwd, TIMEOUT);
            return r.ok() ? List.of() : problems(path, copy, cwd, r.output());
        } catch (IOException e) {
            throw new FileEditException(path, 0, "cannot check: " + e.getMessage());
        } finally {
            if (dir != null) {
                files.deleteTree(dir);
            }
        }
    }

    private List<FileProblem> problems(String path, String copy, String cwd, String output) {
        Pattern located = Pattern.compile(linePattern);
        List<FileProblem> found = new ArrayList<>();
        List<FileProblem> general = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = located.matcher(line.strip());
            if (m.matches()) {
                String file = m.group(1).equals(copy) ? path
                        : m.group(1).startsWith("/") ? m.group(1) : cwd + "/" + m.group(1);
                found.add(new FileProblem(file, Integer.parseInt(m.group(2)), m.group(3).strip()));
            } else if (generalError.test(line)) {
                general.add(new FileProblem(path, 0, line.strip().replace(copy, path)));
            }
        }
        if (found.isEmpty()) {
            found.addAll(general);
        }
        if (found.isEmpty()) {
            found.add(new FileProblem(path, 0, program + " rejects the file: " + new ProcessRunner.Result(1, output)
                    .lastLine().replace(copy, path)));
        }
        return found;
    }
}
