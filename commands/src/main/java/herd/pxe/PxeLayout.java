package herd.pxe;

/**
 * Where the tutorial's iPXE chain lives under the http root, and the URLs iPXE uses for it:
 * {@code boot.ipxe} chains {@code nodes/${hostname}.ipxe}, a relative symlink to
 * {@code nodes_groups/group_X.ipxe}, which boots the installer with {@code nodes_groups/group_X.<config>}.
 * A group is named after the deploy profile it installs ({@code group_compute.ipxe} for profile compute).
 */
public final class PxeLayout {

    /** The file every node's iPXE binary chains to. */
    public static final String BOOT = "boot.ipxe";
    /** The iPXE file a node is switched to once installed: boot the local disk. */
    public static final String LOCAL_BOOT = "nodes_groups/local_disk.ipxe";
    /** Fetched by the installer at the very end (seen in the access log as "install finished"). */
    public static final String CALLBACK = "herd/install-finished";
    /** Where herd publishes the host certificates it signed, by key digest: {@code herd/host-certs/HEX.pub}. */
    public static final String HOST_CERTS = "herd/host-certs";
    /** iPXE's view of the http root. */
    public static final String IPXE_BASE = "http://${next-server}/";

    private PxeLayout() {
    }

    public static String nodeFile(String node) {
        return "nodes/" + node + ".ipxe";
    }

    public static String groupIpxe(String group) {
        return "nodes_groups/group_" + group + ".ipxe";
    }

    /** The installer config of a group; for Ubuntu the nocloud directory's user-data. */
    public static String groupConfig(String group, OsFamily os) {
        return "nodes_groups/group_" + group + "." + os.installerSuffix();
    }

    /** The URL the installer is given for its config (the nocloud directory for Ubuntu). */
    public static String groupConfigUrl(String group, OsFamily os) {
        String path = groupConfig(group, os);
        return IPXE_BASE + (os == OsFamily.UBUNTU ? path.substring(0, path.lastIndexOf('/') + 1) : path);
    }

    /** The symlink target of {@code nodes/NODE.ipxe}: relative, as the tutorial insists. */
    public static String linkTarget(String groupOrLocalFile) {
        return "../" + groupOrLocalFile;
    }

    /** Replaces iPXE's {@code ${next-server}} by the real address, for files read by installers. */
    public static String forInstaller(String url, String server) {
        return url.replace("${next-server}", server);
    }
}
