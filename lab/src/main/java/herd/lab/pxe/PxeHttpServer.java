package herd.lab.pxe;

import herd.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The lab's web server for the PXE tree: Debian's nginx inside the dhcpd's network namespace,
 * on the bridge address 10.10.0.1:80 (what DHCP hands out as next-server), serving the
 * inventory's http-root and writing the standard combined access log to its http-log. It runs
 * detached (its own session, one process: no master/worker split) so that it outlives
 * {@code herd lab up}; the lab's teardown kills it by its pid file, which names the lab directory.
 */
final class PxeHttpServer {

    public static final String ADDRESS = "10.10.0.1";

    private final Process nginx;

    private PxeHttpServer(Process nginx) {
        this.nginx = nginx;
    }

    /** Starts nginx in {@code namespace} and returns once it answers; {@code work} holds its config and pid. */
    static void start(String namespace, Path root, Path accessLog, Path work) {
        try {
            Files.createDirectories(root);
            Files.createDirectories(accessLog.getParent());
            Files.createDirectories(work.resolve("logs"));
            Path conf = work.resolve("nginx.conf");
            Files.writeString(conf, "user root;\nmaster_process off;\ndaemon off;\npid " + work.resolve("nginx.pid") + ";\n"
                    + "error_log " + work.resolve("logs/error.log") + ";\nevents {}\n"
                    + "http {\n  access_log " + accessLog + " combined;\n  default_type application/octet-stream;\n"
                    + "  server {\n    listen " + ADDRESS + ":80;\n    root " + root + ";\n  }\n}\n");
            Process p = new ProcessBuilder("setsid", "ip", "netns", "exec", namespace, "nginx", "-p", work.toString(),
                    "-c", conf.toString()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(work.resolve("logs/nginx.out").toFile()).start();
            new PxeHttpServer(p).awaitListening(namespace, Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new LabException("lab pxe: nginx: " + e.getMessage(), e);
        }
    }

    private void awaitListening(String namespace, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && nginx.isAlive()) {
            PxeProcs.Result r = PxeProcs.run(List.of("ip", "netns", "exec", namespace, "curl", "-s", "-o", "/dev/null",
                    "http://" + ADDRESS + "/"), 5);
            if (r.rc() == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new LabException("lab pxe: nginx did not answer on " + ADDRESS + ":80 in " + namespace);
    }

    private void close() {
        nginx.destroy();
        try {
            if (!nginx.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
