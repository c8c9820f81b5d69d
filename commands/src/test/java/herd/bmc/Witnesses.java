package herd.bmc;

import herd.lab.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The clients nobody here wrote that judge the lab's Redfish service and cross-check herd:
 * DMTF's redfishtool, OpenStack's sushy (python3-sushy) and, for the same chassis seen over
 * IPMI, ipmitool.
 */
final class Witnesses {

    private static final Path SUSHY_SCRIPT = script();

    private Witnesses() {
    }

    /** redfishtool against a node's service (HTTPS, HTTP Basic as admin); its stdout. */
    static String redfishtool(Lab lab, String node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redfishtool", "-r", lab.redfishUrl(node).substring("https://".length()),
                "-u", "admin", "-p", lab.bmcPassword(), "-S", "Always", "-T", "20"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of()).out();
    }

    /** redfishtool's answer parsed (it prints the JSON of what it read). */
    static JsonNode redfishtoolJson(Lab lab, String node, String... args) {
        return RedfishHttp.JSON.readTree(redfishtool(lab, node, args));
    }

    /** sushy through sushy_client.py, verifying the certificate against the lab CA. */
    static JsonNode sushy(Lab lab, String node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SUSHY_SCRIPT.toString(), lab.redfishUrl(node),
                lab.redfishCa().toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, Map.of("SUSHY_PASSWORD", lab.bmcPassword()));
        if (r.status() != 0) {
            throw new AssertionError("sushy " + String.join(" ", args) + " failed: " + r.out());
        }
        return RedfishHttp.JSON.readTree(r.out());
    }

    /** ipmitool over lanplus to the node's ipmi_sim, which shares the chassis with its Redfish service. */
    static String ipmitool(Lab lab, String node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", "127.0.0.1", "-p",
                Integer.toString(lab.node(node).bmcPort()), "-U", "admin", "-E"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("IPMI_PASSWORD", lab.bmcPassword())).out().strip();
    }

    record Result(int status, String out) {
    }

    static Result run(List<String> cmd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        // requests lets these override the CA a caller gives (its session.verify); the bed sets them.
        pb.environment().remove("REQUESTS_CA_BUNDLE");
        pb.environment().remove("CURL_CA_BUNDLE");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": no answer in 60 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError(cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Path script() {
        try (InputStream in = Witnesses.class.getResourceAsStream("sushy_client.py")) {
            Path file = Files.createTempFile("herd-sushy-", ".py");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new AssertionError("sushy_client.py: " + e.getMessage(), e);
        }
    }
}
