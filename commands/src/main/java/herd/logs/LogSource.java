package herd.logs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where lines come from: a local file (tailed across rotation), journald units
 * ({@code journalctl -f -o json}), or any command whose output is a log (e.g. a tail over SSH).
 * <pre>{@code
 * LogSource s = LogSource.parse("journal:dhcpd,fbtftp_server");   // or "/var/log/nginx/access.log"
 * }</pre>
 */
public sealed interface LogSource permits LogSource.File, LogSource.Journal, LogSource.Command {

    /** The label shown with each line. */
    String label();

    /** A local file. */
    record File(Path path) implements LogSource {
        public String label() {
            return path.toString();
        }
    }

    /**
     * journald units ({@code @NAME}: a syslog identifier instead), read through {@code journalctl},
     * run under {@code via} when not empty
     * (a command prefix such as {@code ssh odin}, or {@code nsenter --mount=...} in tests).
     */
    record Journal(List<String> units, List<String> via) implements LogSource {
        public Journal {
            units = List.copyOf(units);
            via = List.copyOf(via);
        }

        public String label() {
            return "journal:" + String.join(",", units);
        }

        /** The journalctl command line: all history when {@code fromStart}, else only new lines. */
        public List<String> command(boolean fromStart) {
            List<String> argv = new ArrayList<>(via);
            argv.addAll(List.of("journalctl", "--no-pager", "-f", "-o", "json", "-n", fromStart ? "all" : "0"));
            units.forEach(u -> argv.addAll(u.startsWith("@") ? List.of("-t", u.substring(1)) : List.of("-u", u)));
            return argv;
        }
    }

    /** Any command printing log lines on stdout. */
    record Command(String label, List<String> argv) implements LogSource {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** {@code journal:UNIT[,UNIT]} or a file path. */
    static LogSource parse(String spec) {
        if (spec.startsWith("journal:")) {
            String units = spec.substring("journal:".length());
            if (units.isBlank()) {
                throw new LogsException(spec + ": no unit after 'journal:'");
            }
            return new Journal(List.of(units.split(",")), List.of());
        }
        return new File(Path.of(spec));
    }
}
