package herd.lab.pxe;

import herd.lab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the short commands of the PXE side (ip, dhclient, curl) with a deadline. */
final class PxeProcs {

    /** A finished command: exit code and its stdout. */
    record Result(int rc, String out, String err) {
    }

    private PxeProcs() {
    }

    static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", String.join(" ", cmd) + ": timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8),
                    new String(err.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("lab pxe: " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("lab pxe: interrupted: " + String.join(" ", cmd), e);
        }
    }

    static String check(List<String> cmd, int timeoutSeconds) {
        Result r = run(cmd, timeoutSeconds);
        if (r.rc() != 0) {
            throw new LabException("lab pxe: " + String.join(" ", cmd) + ": exit " + r.rc() + ": " + r.err().strip());
        }
        return r.out();
    }
}
