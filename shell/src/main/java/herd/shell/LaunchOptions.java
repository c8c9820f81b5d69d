package herd.shell;

import herd.session.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code herd} command line: {@code herd [-i FILE] [-k] [-q] [-c LINE | -f FILE | FILE.csh]}.
 *
 * @param inventory explicit inventory file, or null for the lookup order
 * @param command   the {@code -c} line, or null
 * @param file      the batch file ({@code -f FILE}, {@code FILE.csh}, {@code -} for stdin), or null
 * @param keepGoing batch: run every line even after a failure
 * @param check     batch: check every line (command, options, quoting) without running any
 * @param quiet     no banner, no example-inventory notice
 * @param help      {@code --help}
 * @param version   {@code --version}
 * @param train     hidden: the launcher's class-data-sharing training run
 * @param serve     hidden: serve a shared session on this socket ({@code herd session start} runs it)
 * @param idle      with {@code serve}: the idle limit as given ({@code 30m}), or null for the default
 * @param noWait    through a session: refuse instead of waiting while another call runs (alone: no effect)
 */
public record LaunchOptions(Path inventory, String command, String file, boolean keepGoing, boolean check, boolean quiet,
                            boolean help, boolean version, boolean train, Path serve, String idle, boolean noWait) {

    public static final String USAGE = """
            usage: herd [OPTIONS]                 interactive shell
                   herd [OPTIONS] -c LINE         run one command line
                   herd [OPTIONS] -f FILE.csh     run a batch file ('-' reads stdin)
                   herd [OPTIONS] FILE.csh        the same (also as a #!/usr/bin/env herd script)
                   herd nodeset ARGS...           ClusterShell-compatible nodeset tool (no shell)
                   herd lab ARGS...               a disposable test cluster on this machine
                   herd lab shell [--dir DIR]     the shell on a practice cluster, started or reused (root)
                   eval "$(herd session start)"   a shared session: later herd -c and batch files run in it
                   herd session status|stop       its state; its end (eval "$(herd session stop)")

            options:
              -i, --inventory FILE   the cluster inventory (default: ./cluster.yaml,
                                     ~/.config/herd/cluster.yaml, /etc/herd/cluster.yaml,
                                     else the bundled example cluster)
              -k, --keep-going       batch: run every line, exit non-zero at the end if one failed
              -n, --check            batch: check that every line is a known command with valid
                                     options, run nothing
              -q, --quiet            no banner and no notices
              --no-wait              through a session: refuse instead of waiting while another
                                     call runs
              -h, --help             this help
              -V, --version          print the version

            Inside the shell: 'help' lists the commands, TAB completes, Ctrl-R searches history,
            Ctrl-C cancels the running command, Ctrl-D or 'exit' leaves. See docs/shell.md.""";

    public static LaunchOptions parse(String... args) {
        Path inventory = null;
        String command = null;
        String file = null;
        boolean keepGoing = false;
        boolean check = false;
        boolean quiet = false;
        boolean help = false;
        boolean version = false;
        boolean train = false;
        Path serve = null;
        String idle = null;
        boolean noWait = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-i", "--inventory" -> inventory = Path.of(value(args, ++i, a));
                case "-c", "--command" -> command = value(args, ++i, a);
                case "-f", "--file" -> file = value(args, ++i, a);
                case "-k", "--keep-going" -> keepGoing = true;
                case "-n", "--check" -> check = true;
                case "-q", "--quiet" -> quiet = true;
                case "-h", "--help" -> help = true;
                case "-V", "--version" -> version = true;
                case "--cds-train" -> train = true;
                case "--serve" -> serve = Path.of(value(args, ++i, a));
                case "--idle" -> idle = value(args, ++i, a);
                case "--no-wait" -> noWait = true;
                default -> {
                    if (a.startsWith("--inventory=")) {
                        inventory = Path.of(a.substring("--inventory=".length()));
                    } else if (a.startsWith("--idle=")) {
                        idle = a.substring("--idle=".length());
                    } else if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option " + a + " (try 'herd --help')");
                    } else {
                        rest.add(a);
                    }
                }
            }
        }
        if (!rest.isEmpty()) {
            if (file != null || command != null || rest.size() > 1) {
                throw new UsageException("unexpected argument '" + rest.get(rest.size() - 1) + "' (try 'herd --help')");
            }
            file = rest.get(0);
        }
        if (file != null && command != null) {
            throw new UsageException("-c and a batch file cannot be combined");
        }
        if (idle != null && serve == null) {
            throw new UsageException("--idle is an option of 'herd session start'");
        }
        if (check && file == null) {
            throw new UsageException("-n checks a batch file: give one (try 'herd --help')");
        }
        return new LaunchOptions(inventory, command, file, keepGoing, check, quiet, help, version, train, serve, idle,
                noWait);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException("option " + option + " needs a value (try 'herd --help')");
        }
        return args[i];
    }
}
