package herd.pxe;

import java.util.List;
import java.util.Locale;

/**
 * The installer families herd renders configs for, with the tutorial's default tree under the
 * http root: {@code OsFamily.parse("el").installerSuffix()} is {@code "kickstart.cfg"}.
 */
public enum OsFamily {
    /** EL 8/9 (Alma, Rocky, RHEL): anaconda + kickstart. */
    EL(List.of("8", "9"), "kickstart.cfg", "repositories/AlmaLinux/%s/x86_64/os",
            "images/pxeboot/vmlinuz", "images/pxeboot/initrd.img", ""),
    /** Ubuntu 22.04/24.04: subiquity autoinstall (cloud-init nocloud-net directory). */
    UBUNTU(List.of("22.04", "24.04"), "autoinstall/user-data", "pxe/ubuntu/%s",
            "iso_content/casper/vmlinuz", "iso_content/casper/initrd", "ubuntu-%s-live-server-amd64.iso"),
    /** Debian 12: debian-installer + preseed. */
    DEBIAN(List.of("12"), "preseed.cfg", "pxe/debian/%s",
            "iso_content/linux", "iso_content/initrd.gz", ""),
    /** openSUSE Leap 15.x: linuxrc + AutoYaST. */
    OPENSUSE(List.of("15"), "autoyast.xml", "pxe/leap/%s",
            "iso_content/boot/x86_64/loader/linux", "iso_content/boot/x86_64/loader/initrd", "iso_content/");

    private final List<String> versions;
    private final String installerSuffix;
    private final String repoPattern;
    private final String kernel;
    private final String initrd;
    private final String stage2Pattern;

    OsFamily(List<String> versions, String installerSuffix, String repoPattern,
             String kernel, String initrd, String stage2Pattern) {
        this.versions = versions;
        this.installerSuffix = installerSuffix;
        this.repoPattern = repoPattern;
        this.kernel = kernel;
        this.initrd = initrd;
        this.stage2Pattern = stage2Pattern;
    }

    /** Accepts el/rhel/alma/rocky, ubuntu, debian, opensuse/leap/suse (any case); null when unknown. */
    public static OsFamily parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "el", "rhel", "alma", "almalinux", "rocky" -> EL;
            case "ubuntu" -> UBUNTU;
            case "debian" -> DEBIAN;
            case "opensuse", "leap", "suse", "opensuse-leap" -> OPENSUSE;
            default -> null;
        };
    }

    /** True when herd knows this version: for openSUSE any 15.x, else the listed ones. */
    public boolean supports(String version) {
        if (this == OPENSUSE) {
            return version.equals("15") || version.matches("15\\.\\d+");
        }
        return versions.contains(version);
    }

    public List<String> versions() {
        return versions;
    }

    /** File name suffix of the group's installer config: {@code group_X.<suffix>}. */
    public String installerSuffix() {
        return installerSuffix;
    }

    /** Default repository URL, as the tutorial lays it out under the http root. */
    public String defaultRepo(String version) {
        String major = this == OPENSUSE ? "15" : version;
        return "http://${next-server}/" + repoPattern.formatted(major);
    }

    public String defaultKernel() {
        return kernel;
    }

    public String defaultInitrd() {
        return initrd;
    }

    /** Default stage2 path (anaconda stage2, Ubuntu live ISO, Leap install tree), relative to the repo. */
    public String defaultStage2(String version) {
        return stage2Pattern.contains("%s") ? stage2Pattern.formatted(version) : stage2Pattern;
    }
}
