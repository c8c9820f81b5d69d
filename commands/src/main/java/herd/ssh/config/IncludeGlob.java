package herd.ssh.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files an {@code Include} pattern names, as glob(3) finds them for OpenSSH: wildcards
 * ({@code *}, {@code ?}, {@code [...]}) in any path component, names starting with a dot only when
 * the pattern's component does too, results in sorted order; nothing found is no error.
 *
 * <pre>{@code
 * IncludeGlob.files("/etc/ssh/ssh_config.d/*.conf");   // [/etc/ssh/ssh_config.d/10-site.conf, ...]
 * }</pre>
 */
final class IncludeGlob {

    private IncludeGlob() {
    }

    /** The regular files matching the absolute {@code pattern}, sorted by path. */
    static List<Path> files(String pattern) {
        List<Path> current = List.of(Path.of("/"));
        for (String part : pattern.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (wild(part)) {
                    list(dir, part, next);
                } else {
                    next.add(dir.resolve(part));
                }
            }
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }

    private static void list(Path dir, String part, List<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        // glob(3) syntax has no {a,b} alternatives: make Java's glob take braces literally
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:" + part.replace("{", "\\{").replace("}", "\\}"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Path name = p.getFileName();
                if ((part.startsWith(".") || !name.toString().startsWith(".")) && matcher.matches(name)) {
                    into.add(p);
                }
            }
        } catch (IOException e) {
            // an unreadable directory matches nothing, as for glob(3) without GLOB_ERR
        }
    }

    private static boolean wild(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0 || part.indexOf('\\') >= 0;
    }
}
