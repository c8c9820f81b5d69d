package herd.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small client the launcher runs instead of the whole shell while {@code HERD_SESSION} names a
 * session ({@code herd -c LINE}, {@code herd FILE.csh}, a batch on stdin), and for
 * {@code herd session start|status|stop}. It loads no Spring and no SSH library: everything is
 * done by the session it talks to.
 *
 * <pre>{@code
 * eval "$(herd session start)"      # HERD_SESSION=/run/user/1000/herd/session.4242; export HERD_SESSION;
 * herd -c 'exec -w @compute uptime' # runs inside that session
 * herd -c 'power on @last:failed'   # the previous call's outcome sets
 * eval "$(herd session stop)"
 * }</pre>
 */
public final class ClientMain {

    public static final String USAGE = """
            usage: eval "$(herd session start [--idle DURATION] [-i FILE] [-c|-s])"
                   herd session status
                   eval "$(herd session stop [-c|-s])"
            While HERD_SESSION is set, herd -c LINE and herd FILE.csh run inside that session
            (--no-wait: refuse instead of waiting while another call runs). See docs/shell.md.""";

    private ClientMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv()));
    }

    static int run(List<String> args, Map<String, String> env) {
        try {
            if (!args.isEmpty() && args.get(0).equals("session")) {
                return session(args.subList(1, args.size()), env);
            }
            return new SessionCall(socket(env)).run(call(args, env));
        } catch (ClientException e) {
            System.err.println("herd: " + e.getMessage());
            return e.status();
        }
    }

    private static int session(List<String> args, Map<String, String> env) {
        String verb = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        switch (verb) {
            case "start":
                return new SessionStarter(env).start(rest);
            case "status":
                return new SessionCall(socket(env)).run(call(List.of("session", "status"), env));
            case "stop": {
                boolean csh = csh(rest, env);
                int status = new SessionCall(socket(env)).run(call(List.of("session", "stop"), env));
                if (status == 0) {
                    System.out.println(csh ? "unsetenv HERD_SESSION;" : "unset HERD_SESSION;");
                    System.out.println("echo herd session stopped;");
                }
                return status;
            }
            case "-h", "--help":
                System.out.println(USAGE);
                return 0;
            default:
                throw new ClientException((verb.isEmpty() ? "session needs a verb" : "session: unknown verb '" + verb + "'")
                        + ": start, status or stop (try 'herd session --help')", 2);
        }
    }

    /** {@code -c} (csh) or {@code -s} (sh) as ssh-agent takes them; else from {@code $SHELL}. */
    static boolean csh(List<String> args, Map<String, String> env) {
        if (args.contains("-c")) {
            return true;
        }
        if (args.contains("-s")) {
            return false;
        }
        return String.valueOf(env.get("SHELL")).endsWith("csh");
    }

    private static Path socket(Map<String, String> env) {
        String where = env.get("HERD_SESSION");
        if (where == null || where.isBlank()) {
            throw new ClientException("no session: HERD_SESSION is not set (start one: eval \"$(herd session start)\")");
        }
        return Path.of(where);
    }

    private static Call call(List<String> args, Map<String, String> env) {
        List<String> herdArgs = new ArrayList<>(args);
        boolean noWait = herdArgs.remove("--no-wait");
        Map<String, String> carried = new LinkedHashMap<>();
        for (String name : Call.CARRIED) {
            if (env.get(name) != null) {
                carried.put(name, env.get(name));
            }
        }
        return new Call(herdArgs, Path.of("").toAbsolutePath().toString(), ProcessHandle.current().pid(),
                onTerminal(), noWait, carried);
    }

    /**
     * Whether stdin and stdout are a terminal. Up to JDK 21 that is {@code System.console() != null};
     * from JDK 22 a console exists for pipes too and {@code Console.isTerminal()} tells (the launcher
     * may run a JDK 25 for its AOT cache).
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
