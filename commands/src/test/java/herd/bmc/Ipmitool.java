package herd.bmc;

import herd.lab.Lab;
import herd.lab.LabNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ipmitool against a lab BMC, the independent witness of what herd did (password through -E, not argv). */
final class Ipmitool {

    private Ipmitool() {
    }

    static String run(Lab lab, String node, String... args) {
        LabNode n = lab.node(node);
        List<String> cmd = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", n.bmcHost(), "-p",
                Integer.toString(n.bmcPort()), "-U", "admin", "-E"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("IPMI_PASSWORD", lab.bmcPassword());
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ipmitool " + String.join(" ", args) + ": no answer in 30 s");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("ipmitool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String power(Lab lab, String node) {
        return run(lab, node, "chassis", "power", "status").strip();
    }
}
