package herd.pxe;

import java.util.List;

/**
 * EL kickstart in the tutorial's shape ({@code group_X.kickstart.cfg}), with the profile's
 * settings and, as the last %post, the completion callback.
 */
public final class KickstartRenderer {

    private KickstartRenderer() {
    }

    public static String render(DeployProfile p, InstallContext ctx) {
        StringBuilder b = new StringBuilder();
        b.append("##### General settings\n\n# Do not use GUI\ntext\n\n")
                .append("# Run the Setup Agent on first boot\nfirstboot --enable\n\n")
                .append("# System keyboard layout\nkeyboard --vckeymap=").append(p.keyboard())
                .append(" --xlayouts=").append(p.keyboard()).append("\n\n")
                .append("# System language\nlang ").append(p.locale()).append("\n\n")
                .append("# System timezone\ntimezone ").append(p.timezone()).append(" --isUtc\n\n")
                .append("# Reboot after installation\nreboot\n\n")
                .append("##### Authentication settings\n\n");
        if (p.rootPasswordHash().isEmpty()) {
            b.append("# Root password (locked: key-based login only)\nrootpw --lock\n\n\n");
        } else {
            b.append("# Root password (sha512)\nrootpw --iscrypted ").append(p.rootPasswordHash()).append("\n\n\n");
        }
        b.append("##### Network\n\n# Network settings\nnetwork --bootproto=dhcp --ipv6=auto --activate\n")
                .append("network --hostname=localhost.localdomain\n\n")
                .append("##### Security\n\n# SELinux\nselinux --enforcing\n\n# Firwalld\nfirewall --disabled\n\n")
                .append("##### Partitionning\n\n# Bootloader configuration\n")
                .append("bootloader --append=\"").append(p.kernelArgLine()).append("\" --location=mbr\n\n")
                .append("# Partitioning\n");
        partitioning(b, p);
        b.append("\n##### Packages\n\n%packages\n@core\n");
        p.packages().forEach(pkg -> b.append(pkg).append('\n'));
        b.append("%end\n\n");
        sshKeys(b, p.sshKeys());
        if (!p.post().isEmpty()) {
            b.append("\n# Profile post-install commands\n%post --interpreter /bin/bash --log /root/profile_post-install.log\n");
            p.post().forEach(l -> b.append(l).append('\n'));
            b.append("%end\n");
        }
        b.append("\n# herd: report the end of the installation (last step of the install)\n")
                .append("%post --interpreter /bin/bash --log /root/herd_install_finished.log\n")
                .append(ctx.callbackCommand()).append("\n%end\n");
        return b.toString();
    }

    private static void partitioning(StringBuilder b, DeployProfile p) {
        String drives = p.disk().isEmpty() ? "" : " --drives=" + p.disk();
        if (!p.disk().isEmpty()) {
            b.append("ignoredisk --only-use=").append(p.disk()).append('\n');
        }
        b.append("clearpart --all --initlabel").append(drives).append('\n');
        if (p.partitions().isEmpty()) {
            b.append("autopart --type=plain --fstype=ext4 --nohome\n");
            return;
        }
        for (DeployProfile.Partition part : p.partitions()) {
            b.append("part ").append(part.mount());
            if (!part.swap()) {
                b.append(" --fstype=").append(part.fstype());
            }
            b.append(part.grows() ? " --size=1 --grow" : " --size=" + part.mebibytes()).append('\n');
        }
    }

    private static void sshKeys(StringBuilder b, List<String> keys) {
        b.append("# Main post, ssh keys\n%post --interpreter /bin/bash --log /root/main_post-install.log\n\n")
                .append("# Add ssh keys from ssh_keys list\nmkdir /root/.ssh\n")
                .append("cat << xxEOFxx >> /root/.ssh/authorized_keys\n");
        keys.forEach(k -> b.append(k).append('\n'));
        b.append("xxEOFxx\n# Ensure SELinux configuration is ok\nrestorecon -R -v /root/.ssh\n\n%end\n");
    }
}
