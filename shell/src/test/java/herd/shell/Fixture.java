package herd.shell;

import herd.inventory.InventoryLoader;
import herd.session.Complete;
import herd.session.PassThrough;
import herd.session.Session;
import herd.session.SessionCommands;
import herd.shell.command.CommandScanner;
import herd.shell.command.HerdCommand;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;

/** The session and command table of in-process tests (no Spring context: the parts, wired by hand). */
final class Fixture {

    enum Device { PXE, DISK, BIOS }

    /** An adapter shaped like the families' ones, for parser and completer tests. */
    static final class Probe {
        final List<Object> calls = new ArrayList<>();

        @PassThrough
        @Command(name = "run", description = "pass-through probe")
        public void run(@Option(shortName = 'w', longName = "nodes") String nodes,
                        @Option(shortName = 't', longName = "timeout", defaultValue = "10") int timeout,
                        @Option(shortName = 'b', longName = "gather") boolean gather,
                        @Arguments List<String> command) {
            calls.add(List.of(String.valueOf(nodes), timeout, gather, command));
        }

        @Command(name = "boot set", description = "two-word probe")
        public void bootSet(@Complete(Complete.Kind.NODES) @Argument(index = 0) String nodes,
                            @Option(shortName = 'd', longName = "device") Device device,
                            @Complete(Complete.Kind.FILES) @Option(longName = "file") String file) {
            calls.add(List.of(String.valueOf(nodes), String.valueOf(device)));
        }
    }

    final Session session = new Session(InventoryLoader.example());
    final Probe probe = new Probe();
    final Commands commands;

    Fixture() {
        List<HerdCommand> all = new ArrayList<>();
        all.addAll(CommandScanner.scan(new SessionCommands(session), SessionCommands.class));
        all.addAll(CommandScanner.scan(probe, Probe.class));
        all.addAll(CommandScanner.scan(new ShellCommands(session, null), ShellCommands.class));
        commands = new Commands(all);
    }
}
