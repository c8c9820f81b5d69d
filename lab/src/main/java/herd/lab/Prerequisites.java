package herd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, that a lab of a given spec can run here: root, namespace
 * support, and each program with the Debian package that provides it.
 */
final class Prerequisites {
    private static final List<String> PATH = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Prerequisites() {
    }

    static void check(LabSpec spec) {
        check(spec, isRoot(), program -> find(program) != null);
    }

    /** The check itself, with root-ness and program lookup given (tests feed a missing program). */
    static void check(LabSpec spec, boolean root, java.util.function.Predicate<String> installed) {
        if (!root) {
            throw new LabException("lab: must run as root (it starts sshd, mounts and namespaces): run it with sudo");
        }
        for (String ns : List.of("mnt", "uts", "net")) {
            if (!Files.exists(Path.of("/proc/self/ns", ns))) {
                throw new LabException("lab: this kernel has no " + ns + " namespaces (/proc/self/ns/" + ns + " missing)");
            }
        }
        Map<String, String> needed = new LinkedHashMap<>();
        needed.put("sshd", "openssh-server");
        needed.put("unshare", "util-linux");
        needed.put("nsenter", "util-linux");
        needed.put("pgrep", "procps");
        needed.put("ip", "iproute2");
        if (spec.bmc()) {
            needed.put("ipmi_sim", "openipmi");
        }
        if (spec.redfish()) {
            needed.put("openssl", "openssl");
        }
        if (spec.dns()) {
            needed.put("named", "bind9");
            needed.put("rndc", "bind9-utils");
            needed.put("named-checkzone", "bind9-utils");
        }
        if (spec.dhcp()) {
            needed.put("dhcpd", "isc-dhcp-server");
            needed.put("dhclient", "isc-dhcp-client");
        }
        if (spec.pxe()) {
            needed.put("nginx", "nginx-light");
            needed.put("curl", "curl");
        }
        List<String> packages = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        needed.forEach((program, pkg) -> {
            if (!installed.test(program)) {
                programs.add(program);
                if (!packages.contains(pkg)) {
                    packages.add(pkg);
                }
            }
        });
        if (!packages.isEmpty()) {
            throw new LabException("lab: missing " + String.join(", ", programs) + ": run 'apt-get install -y "
                    + String.join(" ", packages) + "'");
        }
    }

    /** Full path of {@code program} in the system directories, or null. */
    static String find(String program) {
        for (String d : PATH) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
