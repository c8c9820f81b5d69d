package herd.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The launcher's training run for the class-data-sharing archive: it loads the classes of a
 * typical session (parsing, completion, rendering, the line reader) without waiting for a person.
 */
final class Training {

    private Training() {
    }

    static int run(Executor executor, HerdCompleter completer, HerdShell shell) {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        Console console = Console.plain(w, w, true);
        for (String line : List.of("nodes @compute", "nodes -l", "groups", "show odin", "help", "help nodes",
                "use @compute", "nodes --json", "set X 1", "echo $X", "nosuch")) {
            executor.run(line, null, console);
        }
        completer.complete(List.of("nodes"), "valkyrie[0");
        completer.complete(List.of(), "no");
        HerdShell.prompt(executor.session());
        return 0;
    }
}
