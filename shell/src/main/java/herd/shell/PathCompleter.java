package herd.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Completes local file paths; {@code ~/} is the home directory, directories end with {@code /}. */
public final class PathCompleter {

    private PathCompleter() {
    }

    public static List<NodesCompleter.Proposal> complete(String partial) {
        String home = System.getProperty("user.home");
        String expanded = partial.startsWith("~/") ? home + partial.substring(1) : partial;
        int slash = expanded.lastIndexOf('/');
        String dirText = slash < 0 ? "" : expanded.substring(0, slash + 1);
        String namePrefix = expanded.substring(slash + 1);
        String typedDir = slash < 0 ? "" : partial.substring(0, partial.lastIndexOf('/') + 1);
        Path dir = Path.of(dirText.isEmpty() ? "." : dirText);
        List<NodesCompleter.Proposal> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith(namePrefix) && (!name.startsWith(".") || namePrefix.startsWith("."))) {
                    String shown = Files.isDirectory(e) ? name + "/" : name;
                    out.add(new NodesCompleter.Proposal(typedDir + shown, shown));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(java.util.Comparator.comparing(NodesCompleter.Proposal::value));
        return out;
    }
}
