package herd.pxe;

import java.net.URI;

/**
 * Debian 12 preseed in the tutorial's shape ({@code group_X.preseed.cfg}); root logs in with the
 * profile's keys, and the completion callback is the last late_command.
 */
public final class PreseedRenderer {

    private PreseedRenderer() {
    }

    public static String render(DeployProfile p, InstallContext ctx) {
        URI mirror = URI.create(ctx.resolve(p.mirror()));
        String lang = p.locale().replaceFirst("[_.].*", "");
        String country = p.locale().contains("_") ? p.locale().replaceFirst("^[^_]*_([A-Z]+).*", "$1") : "US";
        StringBuilder b = new StringBuilder()
                .append("### zone\n")
                .append("d-i debian-installer/locale string ").append(p.locale()).append('\n')
                .append("d-i keyboard-configuration/xkb-keymap select ").append(p.keyboard()).append('\n')
                .append("d-i debian-installer/language string ").append(lang).append('\n')
                .append("d-i debian-installer/country string ").append(country).append('\n')
                .append("d-i localechooser/supported-locales multiselect ").append(p.locale()).append("\n\n")
                .append("### network\n")
                .append("d-i netcfg/choose_interface select auto\nd-i netcfg/use_dhcp string true\n")
                .append("d-i netcfg/link_wait_timeout string 10\nd-i netcfg/dhcp_timeout string 60\n")
                .append("d-i netcfg/dhcp_failed note\nd-i netcfg/wireless_wep string\n")
                .append("d-i netcfg/get_hostname string unassigned-hostname\nd-i netcfg/get_domain string unassigned-domain\n")
                .append("d-i netcfg/get_hostname seen true\nd-i netcfg/get_domain seen true\n\n")
                .append("### Repositories\nd-i mirror/country string manual\n")
                .append("d-i mirror/http/hostname string ").append(mirror.getAuthority()).append('\n')
                .append("d-i mirror/http/directory string ").append(mirror.getPath()).append('\n')
                .append("d-i mirror/http/proxy string\n\n")
                .append("### Time\nd-i clock-setup/utc-auto boolean true\nd-i clock-setup/utc boolean true\n")
                .append("d-i time/zone string ").append(p.timezone()).append('\n')
                .append("d-i clock-setup/ntp boolean true\n\n");
        partitioning(b, p);
        b.append("### Users\nd-i passwd/root-login boolean true\nd-i passwd/make-user boolean false\n")
                .append("d-i passwd/root-password-crypted password ")
                .append(p.rootPasswordHash().isEmpty() ? "!" : p.rootPasswordHash()).append("\n\n")
                .append("### Packages\ntasksel tasksel/first multiselect minimal\n")
                .append("d-i pkgsel/include string openssh-server curl");
        p.packages().forEach(pkg -> b.append(' ').append(pkg));
        b.append("\nd-i pkgsel/upgrade select none\nd-i pkgsel/updatedb boolean false\n")
                .append("d-i pkgsel/update-policy select none\n")
                .append("popularity-contest popularity-contest/participate boolean false\n\n")
                .append("### Grub\nd-i grub-installer/only_debian boolean true\n")
                .append("d-i grub-installer/bootdev  string default\n");
        if (!p.kernelArgs().isEmpty()) {
            b.append("d-i debian-installer/add-kernel-opts string ").append(p.kernelArgLine()).append('\n');
        }
        b.append("\n### Reboot\nd-i finish-install/reboot_in_progress note\n\n");
        lateCommand(b, p, ctx);
        return b.toString();
    }

    private static void partitioning(StringBuilder b, DeployProfile p) {
        b.append("### Partitioning\nd-i partman-lvm/device_remove_lvm boolean true\n")
                .append("d-i partman-md/device_remove_md boolean true\nd-i partman-lvm/confirm boolean true\n")
                .append("d-i partman-partitioning/confirm_write_new_label boolean true\n")
                .append("d-i partman/choose_partition select finish\nd-i partman/confirm boolean true\n")
                .append("d-i partman/confirm_nooverwrite boolean true\n\n");
        if (!p.disk().isEmpty()) {
            b.append("d-i partman-auto/disk string /dev/").append(p.disk()).append('\n');
        }
        b.append("d-i partman-auto/method string regular\n");
        if (p.partitions().isEmpty()) {
            b.append("d-i partman-auto/choose_recipe select atomic\n");
        } else {
            b.append("d-i partman-auto/expert_recipe string herd :: \\\n");
            for (DeployProfile.Partition part : p.partitions()) {
                long mb = part.grows() ? 1000 : part.mebibytes();
                String max = part.grows() ? "-1" : String.valueOf(mb);
                b.append("  ").append(mb).append(' ').append(mb).append(' ').append(max).append(' ');
                if (part.swap()) {
                    b.append("linux-swap method{ swap } format{ } . \\\n");
                } else {
                    b.append(part.fstype()).append(" method{ format } format{ } use_filesystem{ } filesystem{ ")
                            .append(part.fstype()).append(" } mountpoint{ ").append(part.mount()).append(" } . \\\n");
                }
            }
            b.setLength(b.length() - 3);
            b.append("\nd-i partman-auto/choose_recipe select herd\n");
        }
        b.append("d-i partman-auto/init_automatically_partition select Guided - use entire disk\n\n");
    }

    private static void lateCommand(StringBuilder b, DeployProfile p, InstallContext ctx) {
        b.append("### Root ssh keys, profile commands, then tell herd the install finished\n")
                .append("d-i preseed/late_command string \\\n")
                .append("  in-target sh -c 'mkdir -p /root/.ssh && chmod 700 /root/.ssh'; \\\n");
        for (String key : p.sshKeys()) {
            b.append("  in-target sh -c 'echo \"").append(key).append("\" >> /root/.ssh/authorized_keys'; \\\n");
        }
        for (String line : p.post()) {
            b.append("  in-target sh -c '").append(line.replace("'", "'\\''")).append("'; \\\n");
        }
        // In the installed system (in-target), where its host keys are.
        b.append("  in-target sh -c '").append(ctx.callbackCommand().replace("'", "'\\''")).append("'\n");
    }
}
