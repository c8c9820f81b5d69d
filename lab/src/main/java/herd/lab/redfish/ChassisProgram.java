package herd.lab.redfish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab's chassis program of one node ({@code bin/chassis NAME get|set ...}), the same one the
 * node's ipmi_sim calls: a Redfish power off goes through it, so the node's sshd really stops and
 * IPMI sees the node off.
 *
 * <pre>{@code
 * ChassisProgram chassis = new ChassisProgram(Path.of("/tmp/herd-lab/bin/chassis"), "valkyrie01");
 * boolean on = chassis.get("power", "boot").get("power").equals("1");
 * chassis.set("boot", "pxe");
 * }</pre>
 */
public final class ChassisProgram {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path program;
    private final String node;

    public ChassisProgram(Path program, String node) {
        this.program = program;
        this.node = node;
    }

    public String node() {
        return node;
    }

    /** The values the program prints for {@code get PARAM...} ({@code power:1} gives power=1), in one run. */
    public Map<String, String> get(String... params) {
        List<String> args = new ArrayList<>(List.of("get"));
        args.addAll(List.of(params));
        String out = run(args.toArray(String[]::new));
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        for (String param : params) {
            if (!values.containsKey(param)) {
                throw new IllegalStateException("chassis " + node + " get " + param + ": no answer (" + out.strip() + ")");
            }
        }
        return values;
    }

    public void set(String param, String value) {
        run("set", param, value);
    }

    private String run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(program.toString(), node));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chassis " + String.join(" ", args) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("chassis " + String.join(" ", args) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("chassis " + node + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chassis " + node + ": interrupted", e);
        }
    }
}
