package herd.shell;

import herd.inventory.InventoryLoader;
import herd.session.HerdException;
import herd.session.Session;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code herd}'s entry point: reads the command line and the inventory (before Spring starts, so
 * that their errors are fast one-liners), starts the application, then runs the interactive
 * shell, one {@code -c} line or a batch file, and exits with its status.
 *
 * <pre>{@code
 * java -cp ... herd.shell.Main -c "nodes @compute"
 * }</pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        ErrorReporter reporter = new ErrorReporter(err, System.getenv("HERD_DEBUG") != null);
        LaunchOptions options;
        Session session;
        try {
            options = LaunchOptions.parse(args);
            if (options.help() || options.version()) {
                out.println(options.help() ? LaunchOptions.USAGE : Version.text());
                return 0;
            }
            InventoryLoader.Found found = InventoryLoader.find(options.inventory(), Path.of(""), System.getenv());
            if (found.example() && !options.quiet()) {
                err.println("herd: no cluster.yaml found: using the bundled example cluster \"tutorial\" (see docs/inventory.md)");
            }
            session = new Session(found.inventory());
        } catch (HerdException e) {
            return reporter.report(e, null, null);
        }
        ConfigurableApplicationContext context = null;
        try {
            context = start(session);
            Executor executor = context.getBean(Executor.class);
            return dispatch(options, executor, context, out, err);
        } catch (ExitRequest e) {
            return e.status();
        } catch (RuntimeException e) {
            return reporter.report(e, null, null);
        } finally {
            closeQuietly(session, reporter);
            if (context != null) {
                context.close();
            }
        }
    }

    private static int dispatch(LaunchOptions options, Executor executor, ConfigurableApplicationContext context,
                                PrintWriter out, PrintWriter err) throws ExitRequest {
        Console plain = Console.plain(out, err, System.console() != null);
        if (options.command() != null) {
            return executor.run(options.command(), null, plain);
        }
        if (options.file() != null && options.file().equals("-")) {
            try {
                return executor.batch().run("-", new InputStreamReader(System.in, StandardCharsets.UTF_8), plain,
                        options.keepGoing());
            } catch (java.io.IOException e) {
                throw new HerdException("-: cannot read stdin: " + e.getMessage());
            }
        }
        if (options.file() != null) {
            return executor.batch().run(Path.of(options.file()), plain, options.keepGoing());
        }
        return interactive(options, executor, context, err);
    }

    private static int interactive(LaunchOptions options, Executor executor, ConfigurableApplicationContext context,
                                   PrintWriter err) {
        try (Terminal terminal = TerminalBuilder.builder().system(!options.train()).dumb(options.train())
                .streams(options.train() ? System.in : null, options.train() ? System.out : null)
                .name("herd").signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
            HerdShell shell = new HerdShell(executor, terminal, context.getBean(HerdCompleter.class),
                    HerdShell.historyFile(System.getenv()));
            context.getBean(ShellCommands.class).attach(shell.history());
            if (options.train()) {
                return Training.run(executor, context.getBean(HerdCompleter.class), shell);
            }
            if (!options.quiet()) {
                terminal.writer().println(banner(executor.session()));
            }
            return shell.run();
        } catch (java.io.IOException e) {
            throw new HerdException("cannot open the terminal: " + e.getMessage());
        }
    }

    static String banner(Session session) {
        var inv = session.inventory();
        return "herd " + Version.number() + " · cluster \"" + inv.name() + "\" · " + inv.nodes().size() + " nodes, "
                + inv.groups().size() + " groups · 'help' for commands, TAB completes, Ctrl-D leaves";
    }

    private static ConfigurableApplicationContext start(Session session) {
        SpringApplication app = new SpringApplication(HerdApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setRegisterShutdownHook(false);
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("session", session));
        return app.run();
    }

    private static void closeQuietly(Session session, ErrorReporter reporter) {
        try {
            session.close();
        } catch (HerdException e) {
            reporter.report(e, null, null);
        }
    }
}
