package herd.pxe;

/**
 * The iPXE scripts of the chain, byte for byte in the tutorial's shape.
 * <pre>{@code
 * String text = IpxeRenderer.group(profile, "storage");   // nodes_groups/group_storage.ipxe
 * }</pre>
 */
public final class IpxeRenderer {

    private static final String RULE = "echo +----------------------------------------------------+\n";

    private IpxeRenderer() {
    }

    /** {@code boot.ipxe}: chain to the node's own file, named by the DHCP host-name. */
    public static String boot() {
        return "#!ipxe\n"
                + "echo Chaining to node dedicated file\n"
                + "chain http://${next-server}/nodes/${hostname}.ipxe || shell\n";
    }

    /** A group's file: load the installer kernel and initrd with the group's config. */
    public static String group(DeployProfile p, String group) {
        return "#!ipxe\n\n"
                + "echo Booting OS\n"
                + "echo Group profile: " + group + "\n\n"
                + RULE
                + "echo |\n"
                + "echo | Loading kernel\n\n"
                + "kernel " + kernelLine(p, group) + "\n\n"
                + "echo | Loading initial ramdisk ...\n\n"
                + "initrd " + p.initrdUrl() + "\n\n"
                + "echo | ALL DONE! We are ready.\n"
                + "echo | Downloaded images report:\n\n"
                + "imgstat\n\n"
                + "echo | Booting in 4s ...\n"
                + "echo |\n"
                + RULE + "\n"
                + "sleep 4\n\n"
                + "boot\n";
    }

    /** After install: boot the first local disk (sanboot on BIOS, exit back to firmware on UEFI). */
    public static String localBoot() {
        return "#!ipxe\n\n"
                + "echo Booting from local disk\n"
                + "iseq ${platform} efi && goto efi ||\n"
                + "sanboot --no-describe --drive 0x80 || exit\n"
                + ":efi\n"
                + "exit\n";
    }

    /** The arguments after {@code kernel}: kernel URL, the installer's own, then the profile's. */
    static String kernelLine(DeployProfile p, String group) {
        String config = PxeLayout.groupConfigUrl(group, p.os());
        String initrdName = p.initrd().substring(p.initrd().lastIndexOf('/') + 1);
        String installer = switch (p.os()) {
            case EL -> "initrd=" + initrdName + " inst.stage2=" + p.stage2Url() + " inst.repo=" + p.repo()
                    + (p.repo().endsWith("/") ? "" : "/") + "BaseOS/ inst.ks=" + config;
            case UBUNTU -> "initrd=" + initrdName + " root=/dev/ram0 ramdisk_size=1500000 ip=dhcp url="
                    + p.stage2Url() + " autoinstall ds=nocloud-net;s=" + config;
            case DEBIAN -> "initrd=" + initrdName + " preseed/url=" + config + " auto=true priority=critical";
            case OPENSUSE -> "install=" + p.stage2Url() + " autoyast=" + config + " textmode=1";
        };
        String extra = p.kernelArgLine();
        return p.kernelUrl() + " " + installer + (extra.isEmpty() ? "" : " " + extra);
    }
}
