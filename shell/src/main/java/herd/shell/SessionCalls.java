package herd.shell;

import herd.error.HerdException;
import herd.session.UsageException;
import herd.shell.console.TerminalHandOver;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs one client's herd command line inside the shared session, as {@link Main} runs it alone:
 * {@code -c LINE} (with the client's terminal lent to a {@code console} in it, as the shell's is), a batch file (read from the client's working directory, named as the client
 * gave it, so errors read {@code FILE:LINE} as standalone), or a batch on the client's stdin.
 *
 * <pre>{@code
 * int status = new SessionCalls(executor, handOver, connection).run();
 * }</pre>
 */
final class SessionCalls {
    private final Executor executor;
    private final TerminalHandOver handOver;
    private final SessionConnection client;

    SessionCalls(Executor executor, TerminalHandOver handOver, SessionConnection client) {
        this.executor = executor;
        this.handOver = handOver;
        this.client = client;
    }

    int run() {
        ErrorReporter reporter = new ErrorReporter(client.err(), false);
        try {
            return dispatch(LaunchOptions.parse(client.call().args().toArray(String[]::new)));
        } catch (ExitRequest e) {
            return e.status();
        } catch (RuntimeException e) {
            return reporter.report(e, null, null);
        } finally {
            executor.batch().checkOnly(false);
        }
    }

    private int dispatch(LaunchOptions options) {
        if (options.help() || options.version()) {
            client.out().println(options.help() ? LaunchOptions.USAGE : Version.text());
            return 0;
        }
        if (options.serve() != null || options.train()) {
            throw new UsageException("--serve and --cds-train are not calls of a session");
        }
        Path cwd = Path.of(client.call().cwd());
        if (options.inventory() != null) {
            Path asked = cwd.resolve(options.inventory()).normalize();
            String mine = executor.session().inventory().source();
            if (!asked.equals(Path.of(mine).toAbsolutePath().normalize())) {
                throw new UsageException("this session (HERD_SESSION) runs on " + mine + ", not " + asked
                        + ": unset HERD_SESSION to run herd on that inventory on its own");
            }
        }
        if (options.command() != null) {
            try (Console.Guard lent = handOver.lentBy(client.callersTerminal())) {
                return executor.run(options.command(), null, client);
            }
        }
        executor.batch().checkOnly(options.check());
        boolean stdinPiped = "0".equals(client.call().env().get("HERD_STDIN_TTY"));
        if ("-".equals(options.file()) || options.file() == null && stdinPiped) {
            try {
                return executor.batch().run("-", new InputStreamReader(client.stdin(), StandardCharsets.UTF_8), client,
                        options.keepGoing());
            } catch (IOException e) {
                throw new HerdException("-: cannot read the client's stdin: " + e.getMessage());
            }
        }
        if (options.file() != null) {
            return executor.batch().run(cwd.resolve(options.file()), options.file(), client, options.keepGoing());
        }
        throw new UsageException("the interactive shell does not run through a session: give -c LINE or a batch"
                + " file, or unset HERD_SESSION");
    }
}
