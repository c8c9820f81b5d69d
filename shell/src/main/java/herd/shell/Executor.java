package herd.shell;

import herd.audit.Caller;
import herd.session.CancelledException;
import herd.session.Cancellation;
import herd.session.Effects;
import herd.error.HerdException;
import herd.session.Session;
import herd.shell.LineParser.Invocation;
import herd.shell.render.ConsoleOutput;
import java.util.HashSet;
import java.util.Optional;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * Runs one command line: parse, bind the session's output and Ctrl-C token, execute, report.
 * The interactive shell, batch files, {@code -c} and {@code source} all come through here.
 *
 * <pre>{@code
 * int status = executor.run("nodes @compute", "bringup.csh:3", console);
 * }</pre>
 */
public final class Executor {

    private final Session session;
    private final Commands commands;
    private final LineParser parser;
    private final HelpText help;
    private final CommandRegistry registry;
    private final BatchRunner batch = new BatchRunner(this);
    private final Auditor auditor;
    private final Caller self = Caller.ofThisProcess(System.getenv());
    private Console console;

    public Executor(Session session, Commands commands) {
        this.session = session;
        this.auditor = new Auditor(session, System.getenv());
        this.commands = commands;
        this.parser = new LineParser(commands);
        this.help = new HelpText(commands);
        this.registry = new CommandRegistry(new HashSet<>(commands.all()));
    }

    public Session session() {
        return session;
    }

    public Commands commands() {
        return commands;
    }

    public HelpText help() {
        return help;
    }

    public BatchRunner batch() {
        return batch;
    }

    /** The console of the line being run (for {@code source}); null between lines. */
    public Console console() {
        return console;
    }

    /**
     * Runs {@code line}; errors are printed by an {@link ErrorReporter} on the console's stderr.
     * {@link ExitRequest} passes through.
     *
     * @param position "FILE:LINE" for batch lines, null otherwise
     * @return the exit status (0 = success)
     */
    public int run(String line, String position, Console console) {
        ErrorReporter reporter = new ErrorReporter(console.err(), System.getenv("HERD_DEBUG") != null);
        String name = null;
        Auditor.Entry audit = null;
        Console outer = this.console;
        this.console = console;
        try {
            Invocation inv = parser.parse(line, this::variable);
            if (inv == null) {
                return 0;
            }
            name = inv.command().getName();
            if (inv.help()) {
                help.command(inv.command().spec()).forEach(console.out()::println);
                console.out().flush();
                return 0;
            }
            audit = auditor.begin(inv, line, position, console.caller() == null ? self : console.caller(), console.err());
            execute(inv, console, audit == null ? new Effects() : audit.effects());
            if (audit != null) {
                auditor.end(audit, 0, null, console.err());
            }
            return 0;
        } catch (ExitRequest e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            console.out().flush();
            int status = reporter.report(e, position, name);
            if (audit != null) {
                auditor.end(audit, status, e instanceof HerdException ? e.getMessage() : e.toString(), console.err());
            }
            if (position == null && console.interactive() && ErrorReporter.isUsage(e) && name != null) {
                console.err().println("      try 'help " + name + "'");
                console.err().flush();
            }
            return status;
        } finally {
            this.console = outer;
        }
    }

    /**
     * Checks {@code line} as {@code herd -n} does: a known command, valid options and quoting.
     * Nothing runs, so a variable the file has not set yet stands for itself.
     *
     * @return 0 when the line is valid, else the status {@link #run} would give the error
     */
    public int check(String line, String position, Console console) {
        try {
            parser.parse(line, name -> Optional.ofNullable(variable(name)).orElse("$" + name));
            return 0;
        } catch (Exception e) {
            return new ErrorReporter(console.err(), false).report(e, position, null);
        }
    }

    private void execute(Invocation inv, Console console, Effects effects) throws Exception {
        ConsoleOutput output = new ConsoleOutput(console.out(), console.err(),
                new ConsoleOutput.Mode(inv.json(), console.terminal(), console.interactive()),
                auditor.remembering(console.prompter()), console::screen);
        Cancellation token = Cancellation.create();
        Thread worker = Thread.currentThread();
        try (Session.Scope scope = session.enter(output, token, effects);
             Console.Guard guard = console.interruptible(() -> {
                 token.cancel();
                 worker.interrupt();
             });
             Console.Guard keys = console.watchKeys(output::wantsKeys, output::keyPressed)) {
            inv.command().execute(new CommandContext(inv.input(), registry, console.out(), new InputReader() {
            }));
        } catch (Exception e) {
            if (token.isCancelled() && !(e instanceof HerdException)) {
                throw new CancelledException(inv.command().getName() + ": cancelled");
            }
            throw e;
        } finally {
            output.clearProgress();
            console.out().flush();
            Thread.interrupted();
        }
    }

    /** $NAME: a session variable, else an environment variable. */
    private String variable(String name) {
        return session.variable(name).orElseGet(() -> System.getenv(name));
    }
}
