package herd.audit;

import herd.error.HerdException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends audit records to the local syslog daemon as RFC 5424 messages (APP-NAME herd, PROCID the
 * caller's pid, MSGID audit, the JSON record as MSG) over its socket, through util-linux
 * {@code logger}: the JDK has no Unix datagram sockets, which is what /dev/log is.
 *
 * <pre>{@code
 * new Syslog(Path.of("/dev/log"), "authpriv").send(record);
 * }</pre>
 */
final class Syslog {
    private static final long TIMEOUT_SECONDS = 5;

    private final Path socket;
    private final String facility;

    Syslog(Path socket, String facility) {
        this.socket = socket;
        this.facility = facility;
    }

    /** Sends one record; throws when logger fails or the daemon does not take it. */
    void send(AuditRecord record) {
        List<String> command = List.of("logger", "--rfc5424=notq", "--socket-errors=on", "-u", socket.toString(),
                "-p", facility + ".notice", "-t", "herd", "--id=" + record.pid(), "--msgid", "audit",
                "--size", "65536", "--", record.toJson());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new HerdException("audit: syslog " + socket + ": logger did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new HerdException("audit: syslog " + socket + ": " + (said.isEmpty() ? "logger failed" : said));
            }
        } catch (IOException e) {
            throw new HerdException("audit: syslog " + socket + ": cannot run logger: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HerdException("audit: syslog " + socket + ": interrupted");
        }
    }
}
