package herd.pxe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain a node will follow, file by file, as it stands under the http root ({@code pxe show}):
 * boot.ipxe, the node's file (and where its link points), then the kernel, initrd and installer
 * config its iPXE file names.
 * <pre>{@code
 * for (PxeChain.Step s : PxeChain.of(httpRoot, "valkyrie01")) System.out.println(s.path());
 * }</pre>
 */
public final class PxeChain {

    private static final Pattern CONFIG = Pattern.compile(
            "(?:inst\\.ks|ks|preseed/url|autoyast)=(\\S+)|ds=nocloud-net;s=(\\S+)");

    /** One file of the chain: its path under the http root, what it is, its text (null for binaries or absent). */
    public record Step(String path, String role, boolean exists, String linkTarget, String text) {
    }

    private PxeChain() {
    }

    public static List<Step> of(Path httpRoot, String node) {
        List<Step> steps = new ArrayList<>();
        steps.add(step(httpRoot, PxeLayout.BOOT, "boot script"));
        Step nodeStep = step(httpRoot, PxeLayout.nodeFile(node), "node file");
        steps.add(nodeStep);
        if (nodeStep.text() == null) {
            return steps;
        }
        for (String line : nodeStep.text().lines().toList()) {
            String l = line.strip();
            if (l.startsWith("kernel ")) {
                steps.add(step(httpRoot, local(l.split("\\s+")[1]), "kernel"));
                Matcher m = CONFIG.matcher(l);
                if (m.find()) {
                    String url = m.group(1) != null ? m.group(1) : m.group(2) + "user-data";
                    steps.add(step(httpRoot, local(url), "installer config"));
                }
            } else if (l.startsWith("initrd ")) {
                steps.add(step(httpRoot, local(l.split("\\s+")[1]), "initrd"));
            }
        }
        return steps;
    }

    private static String local(String url) {
        return url.startsWith(PxeLayout.IPXE_BASE) ? url.substring(PxeLayout.IPXE_BASE.length()) : url;
    }

    private static Step step(Path root, String path, String role) {
        if (path.contains("://")) {
            return new Step(path, role + " (outside the http root, not checked)", false, null, null);
        }
        Path p = root.resolve(path);
        try {
            String link = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
            if (!Files.isRegularFile(p)) {
                return new Step(path, role, false, link, null);
            }
            boolean text = role.contains("script") || role.contains("file") || role.contains("config");
            return new Step(path, role, true, link, text ? Files.readString(p) : null);
        } catch (IOException e) {
            throw new PxeException(p + ": cannot read: " + e.getMessage(), e);
        }
    }
}
