package herd.shell;

import herd.inventory.InventoryLoader;
import herd.error.HerdException;
import herd.session.Count;
import herd.session.Session;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * {@code herd}'s entry point: reads the command line, starts the application while the inventory
 * is read in parallel, then runs the interactive shell, one {@code -c} line or a batch file, and
 * exits with its status. Errors (bad option, bad inventory) are one line, never a stack trace.
 *
 * <pre>{@code
 * java -cp ... herd.shell.Main -c "nodes @compute"
 * }</pre>
 */
public final class Main {

    /** JLine reports through java.util.logging; kept here because JUL holds loggers weakly. */
    private static java.util.logging.Logger jlineLog;

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
        try {
            options = LaunchOptions.parse(args);
        } catch (HerdException e) {
            return reporter.report(e, null, null);
        }
        if (options.help() || options.version()) {
            out.println(options.help() ? LaunchOptions.USAGE : Version.text());
            return 0;
        }
        // The inventory is read on a second core while Spring starts on the first.
        CompletableFuture<InventoryLoader.Found> found = CompletableFuture.supplyAsync(
                () -> InventoryLoader.find(options.inventory(), Path.of(""), System.getenv()));
        ConfigurableApplicationContext context = null;
        Session session = null;
        try {
            context = start(() -> new Session(found.join().inventory()));
            session = context.getBean(Session.class);
            if (options.serve() != null) {
                return new SessionServer(context.getBean(Executor.class),
                        context.getBean(herd.shell.console.TerminalHandOver.class), options.serve(),
                        SessionServer.idleLimit(options.idle())).serve();
            }
            if (found.join().example() && !options.quiet()) {
                err.println(exampleNotice(InventoryLoader.candidates(Path.of(""), System.getenv())));
            }
            return dispatch(options, context.getBean(Executor.class), context, out, err);
        } catch (ExitRequest e) {
            return e.status();
        } catch (RuntimeException e) {
            return reporter.report(found.isCompletedExceptionally() ? inventoryError(found) : e, null, null);
        } finally {
            if (session != null) {
                closeQuietly(session, reporter);
            }
            if (context != null) {
                context.close();
            }
        }
    }

    private static Throwable inventoryError(CompletableFuture<InventoryLoader.Found> found) {
        try {
            found.join();
            return new IllegalStateException("inventory future failed without an error");
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    private static int dispatch(LaunchOptions options, Executor executor, ConfigurableApplicationContext context,
                                PrintWriter out, PrintWriter err) throws ExitRequest {
        Console plain = Console.plain(out, err, System.console() != null);
        if (options.command() != null) {
            executor.session().markOneLine();
            return executor.run(options.command(), null, plain);
        }
        executor.batch().checkOnly(options.check());
        boolean stdinPiped = "0".equals(System.getenv("HERD_STDIN_TTY")) && !options.train();
        if ("-".equals(options.file()) || options.file() == null && stdinPiped) {
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
        jlineLog = java.util.logging.Logger.getLogger("org.jline");
        jlineLog.setLevel(java.util.logging.Level.OFF);
        avoidInfocmp(System.getenv("TERM"));
        try (Terminal terminal = terminal(options.train())) {
            if (terminal.getWidth() <= 0) {
                // A pty without a size (some CI runners, ssh -T): JLine would cut the prompt to nothing.
                terminal.setSize(new org.jline.terminal.Size(80, 24));
            }
            HerdShell shell = new HerdShell(executor, terminal, context.getBean(HerdCompleter.class),
                    HerdShell.historyFile(System.getenv()));
            context.getBean(ShellCommands.class).attach(shell.history());
            executor.session().resource(herd.session.Jobs.class, herd.session.Jobs::new).attach(shell.background());
            context.getBean(herd.shell.console.TerminalHandOver.class).attach(terminal);
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

    /**
     * The terminal through JLine's JNI provider alone: probing the exec provider costs a process.
     * Where JNI is not available, the default providers (exec: stty processes) take over.
     */
    private static Terminal terminal(boolean train) throws java.io.IOException {
        if (train) {
            return TerminalBuilder.builder().system(false).dumb(true).streams(System.in, System.out).name("herd").build();
        }
        Terminal t = TerminalBuilder.builder().system(true).exec(false).name("herd")
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
        if (!t.getType().startsWith(Terminal.TYPE_DUMB) || System.console() == null) {
            return t;
        }
        t.close();
        return TerminalBuilder.builder().system(true).name("herd").signalHandler(Terminal.SignalHandler.SIG_IGN).build();
    }

    /**
     * JLine runs {@code infocmp} (a process, ~40 ms) for the terminal type even when it bundles
     * that type's capabilities; for the bundled types, use them directly.
     */
    private static void avoidInfocmp(String term) {
        if (term != null && List.of("xterm", "xterm-256color", "screen", "screen-256color", "rxvt-unicode",
                "rxvt-unicode-256color", "ansi").contains(term)) {
            InfoCmp.setLoadedInfoCmp(term, () -> InfoCmp.getDefaultInfoCmp(term));
        }
    }

    /** One line: where herd looked, that the example is not a live cluster, and where to get one. */
    static String exampleNotice(List<Path> looked) {
        String home = java.util.Optional.ofNullable(System.getenv("HOME")).orElse(System.getProperty("user.home"));
        List<String> where = looked.stream().map(p -> p.toString().startsWith(home + "/")
                ? "~" + p.toString().substring(home.length()) : p.toString().startsWith("/") ? p.toString() : "./" + p).toList();
        return "herd: no inventory at " + String.join(", ", where) + ": this is the example cluster \"tutorial\","
                + " whose nodes are not reachable from here; 'herd lab shell' (root) starts a practice cluster";
    }

    static String banner(Session session) {
        var inv = session.inventory();
        return "herd " + Version.number() + " · cluster \"" + inv.name() + "\" · " + Count.of(inv.nodes().size(), "node") + ", "
                + Count.of(inv.groups().size(), "group") + " · 'help' for commands, TAB completes, Ctrl-D leaves";
    }

    /** The application (every command adapter, the executor) around the session {@code session} makes. */
    public static ConfigurableApplicationContext start(Supplier<Session> session) {
        SpringApplication app = new SpringApplication(HerdApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setRegisterShutdownHook(false);
        // Boot's listeners and initializers from spring.factories (config files, logging, background
        // pre-initialisation) serve nothing here and are most of its start-up: herd has no
        // application.properties, prints its own errors and sets its few options in code.
        app.setListeners(java.util.List.of());
        app.setInitializers(java.util.List.of(
                ctx -> ((GenericApplicationContext) ctx).registerBean("session", Session.class, session)));
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
