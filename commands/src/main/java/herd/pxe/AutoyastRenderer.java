package herd.pxe;

import java.util.List;

/**
 * openSUSE Leap AutoYaST XML in the tutorial's shape ({@code group_X.autoyast.xml}); values are
 * XML-escaped, and the completion callback is the last chroot script.
 */
public final class AutoyastRenderer {

    private static final List<DeployProfile.Partition> TUTORIAL_LAYOUT = List.of(
            new DeployProfile.Partition("/", "max", "ext4"),
            new DeployProfile.Partition("/boot", "512M", "ext4"),
            new DeployProfile.Partition("swap", "512M", "swap"));

    private AutoyastRenderer() {
    }

    public static String render(DeployProfile p, InstallContext ctx) {
        StringBuilder b = new StringBuilder()
                .append("<?xml version=\"1.0\"?>\n<!DOCTYPE profile>\n")
                .append("<profile xmlns=\"http://www.suse.com/1.0/yast2ns\" ")
                .append("xmlns:config=\"http://www.suse.com/1.0/configns\">\n\n")
                .append("  <keyboard>\n    <keymap>").append(x(p.keyboard())).append("</keymap>\n  </keyboard>\n\n")
                .append("  <language>\n    <language>").append(x(p.locale().replaceFirst("\\..*", "")))
                .append("</language>\n    <languages/>\n  </language>\n\n")
                .append("  <timezone>\n    <hwclock>UTC</hwclock>\n    <timezone>").append(x(p.timezone()))
                .append("</timezone>\n  </timezone>\n\n")
                .append("  <networking>\n    <keep_install_network config:type=\"boolean\">true</keep_install_network>\n")
                .append("    <managed config:type=\"boolean\">true</managed>\n  </networking>\n\n")
                .append("  <software>\n    <install_recommended config:type=\"boolean\">true</install_recommended>\n")
                .append("    <patterns config:type=\"list\">\n      <pattern>base</pattern>\n    </patterns>\n")
                .append("    <packages config:type=\"list\">\n      <package>openssh-server</package>\n")
                .append("      <package>curl</package>\n");
        p.packages().forEach(pkg -> b.append("      <package>").append(x(pkg)).append("</package>\n"));
        b.append("    </packages>\n  </software>\n\n  <bootloader>\n    <loader_type>default</loader_type>\n");
        if (!p.kernelArgs().isEmpty()) {
            b.append("    <global>\n      <append>").append(x(p.kernelArgLine())).append("</append>\n    </global>\n");
        }
        b.append("  </bootloader>\n\n");
        partitioning(b, p);
        users(b, p);
        b.append("  <services-manager>\n    <default_target>multi-user</default_target>\n    <services>\n")
                .append("      <enable config:type=\"list\">\n        <service>sshd</service>\n      </enable>\n")
                .append("    </services>\n  </services-manager>\n\n");
        scripts(b, p, ctx);
        b.append("  <general>\n    <mode>\n      <confirm config:type=\"boolean\">false</confirm>\n    </mode>\n")
                .append("    <signature-handling>\n")
                .append("      <accept_unsigned_file config:type=\"boolean\">true</accept_unsigned_file>\n")
                .append("      <accept_unknown_gpg_key config:type=\"boolean\">true</accept_unknown_gpg_key>\n")
                .append("      <accept_non_trusted_gpg_key config:type=\"boolean\">true</accept_non_trusted_gpg_key>\n")
                .append("      <import_gpg_key config:type=\"boolean\">true</import_gpg_key>\n")
                .append("    </signature-handling>\n  </general>\n\n</profile>\n");
        return b.toString();
    }

    private static void partitioning(StringBuilder b, DeployProfile p) {
        b.append("  <partitioning config:type=\"list\">\n    <drive>\n");
        if (!p.disk().isEmpty()) {
            b.append("      <device>/dev/").append(x(p.disk())).append("</device>\n");
        }
        b.append("      <initialize config:type=\"boolean\">true</initialize>\n      <use>all</use>\n")
                .append("      <partitions config:type=\"list\">\n");
        for (DeployProfile.Partition part : p.partitions().isEmpty() ? TUTORIAL_LAYOUT : p.partitions()) {
            b.append("        <partition>\n");
            if (!part.swap()) {
                b.append("          <filesystem config:type=\"symbol\">").append(x(part.fstype())).append("</filesystem>\n");
            }
            b.append("          <mount>").append(x(part.mount())).append("</mount>\n")
                    .append("          <size>").append(part.grows() ? "max" : part.mebibytes() + "MiB").append("</size>\n")
                    .append("        </partition>\n");
        }
        b.append("      </partitions>\n    </drive>\n  </partitioning>\n\n");
    }

    private static void users(StringBuilder b, DeployProfile p) {
        b.append("  <users config:type=\"list\">\n    <user>\n      <username>root</username>\n")
                .append("      <user_password>").append(x(p.rootPasswordHash().isEmpty() ? "!" : p.rootPasswordHash()))
                .append("</user_password>\n      <encrypted config:type=\"boolean\">true</encrypted>\n")
                .append("      <authorized_keys config:type=\"list\">\n");
        p.sshKeys().forEach(k -> b.append("        <listentry>").append(x(k)).append("</listentry>\n"));
        b.append("      </authorized_keys>\n    </user>\n  </users>\n\n");
    }

    private static void scripts(StringBuilder b, DeployProfile p, InstallContext ctx) {
        b.append("  <scripts>\n    <chroot-scripts config:type=\"list\">\n");
        if (!p.post().isEmpty()) {
            script(b, "herd_profile_post.sh", "#!/bin/sh\n" + String.join("\n", p.post()) + "\n");
        }
        script(b, "herd_install_finished.sh", "#!/bin/sh\n" + ctx.callbackCommand() + "\n");
        b.append("    </chroot-scripts>\n  </scripts>\n\n");
    }

    private static void script(StringBuilder b, String name, String source) {
        b.append("      <script>\n        <chrooted config:type=\"boolean\">true</chrooted>\n")
                .append("        <filename>").append(name).append("</filename>\n")
                .append("        <interpreter>shell</interpreter>\n")
                .append("        <source><![CDATA[\n").append(source.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></source>\n      </script>\n");
    }

    private static String x(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
