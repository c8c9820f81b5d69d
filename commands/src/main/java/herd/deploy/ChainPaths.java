package herd.deploy;

import herd.pxe.DeployProfile;
import herd.pxe.OsFamily;
import herd.pxe.PxeLayout;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP paths (and TFTP files) a node's deployment fetches, so that access log lines map to
 * stages: {@code ChainPaths.of("valkyrie01", profile)} knows that {@code /nodes/valkyrie01.ipxe}
 * is the node file and {@code /repositories/.../vmlinuz} the kernel.
 */
public record ChainPaths(String nodeFile, String kernel, String initrd, List<String> configs) {

    public ChainPaths {
        configs = List.copyOf(configs);
    }

    /** The paths for a node installing {@code profile} (its group is the profile's name). */
    public static ChainPaths of(String node, DeployProfile profile) {
        String config = "/" + PxeLayout.groupConfig(profile.name(), profile.os());
        List<String> configs = profile.os() == OsFamily.UBUNTU
                ? List.of(config, config.replace("user-data", "meta-data"))
                : List.of(config);
        return new ChainPaths("/" + PxeLayout.nodeFile(node), path(profile.kernelUrl()), path(profile.initrdUrl()), configs);
    }

    /** The stage an HTTP request for {@code requestPath} proves, if it is one of the chain's files. */
    public Optional<Stage> stageOf(String requestPath) {
        String p = requestPath.replaceFirst("[?#].*", "");
        if (p.equals("/" + PxeLayout.BOOT)) {
            return Optional.of(Stage.BOOT_SCRIPT);
        } else if (p.equals(nodeFile)) {
            return Optional.of(Stage.NODE_FILE);
        } else if (p.equals(kernel)) {
            return Optional.of(Stage.KERNEL);
        } else if (p.equals(initrd)) {
            return Optional.of(Stage.INITRD);
        } else if (configs.contains(p)) {
            return Optional.of(Stage.INSTALLER_CONFIG);
        } else if (p.equals("/" + PxeLayout.CALLBACK)) {
            return Optional.of(Stage.INSTALL_FINISHED);
        }
        return Optional.empty();
    }

    /** The path part of a chain URL ({@code ${next-server}} is not a valid host for URI). */
    private static String path(String url) {
        String u = url.replace("${next-server}", "next-server");
        return u.contains("://") ? URI.create(u).getPath() : u;
    }
}
