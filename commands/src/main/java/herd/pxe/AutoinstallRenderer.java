package herd.pxe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Ubuntu subiquity autoinstall {@code user-data} (cloud-config) for {@code group_X.autoinstall/},
 * dumped by SnakeYAML so quoting is always valid YAML; the callback is the last late-command.
 */
public final class AutoinstallRenderer {

    private AutoinstallRenderer() {
    }

    public static String render(DeployProfile p, InstallContext ctx) {
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("version", 1);
        ai.put("apt", map("geoip", false, "preserve_sources_list", true));
        ai.put("keyboard", map("layout", p.keyboard(), "toggle", null, "variant", ""));
        ai.put("locale", p.locale());
        ai.put("timezone", p.timezone());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "root");
        root.put("lock_passwd", p.rootPasswordHash().isEmpty());
        if (!p.rootPasswordHash().isEmpty()) {
            root.put("hashed_passwd", p.rootPasswordHash());
        }
        root.put("ssh_authorized_keys", p.sshKeys());
        // The keys reported at the end of the install stay: cloud-init would make new ones at first boot.
        ai.put("user-data", map("disable_root", false, "ssh_deletekeys", false, "users", List.of(root)));
        ai.put("ssh", map("install-server", true, "allow-pw", false));
        if (!p.packages().isEmpty()) {
            ai.put("packages", p.packages());
        }
        ai.put("storage", storage(p));
        ai.put("late-commands", lateCommands(p, ctx));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(200);
        return "#cloud-config\n" + new Yaml(o).dump(Map.of("autoinstall", ai));
    }

    private static List<String> lateCommands(DeployProfile p, InstallContext ctx) {
        List<String> cmds = new ArrayList<>();
        if (!p.kernelArgs().isEmpty()) {
            cmds.add("curtin in-target -- sed -i 's|^GRUB_CMDLINE_LINUX_DEFAULT=\"|&" + p.kernelArgLine()
                    + " |' /etc/default/grub");
            cmds.add("curtin in-target -- update-grub");
        }
        p.post().forEach(l -> cmds.add("curtin in-target -- sh -c '" + l.replace("'", "'\\''") + "'"));
        cmds.add("curtin in-target -- sh -c '" + ctx.callbackCommand().replace("'", "'\\''") + "'");
        return cmds;
    }

    private static Map<String, Object> storage(DeployProfile p) {
        Map<String, Object> match = p.disk().isEmpty() ? map("size", "largest") : map("path", "/dev/" + p.disk());
        if (p.partitions().isEmpty()) {
            return map("layout", map("name", "direct", "match", match));
        }
        List<Object> config = new ArrayList<>();
        config.add(map("type", "disk", "id", "disk0", "ptable", "gpt", "wipe", "superblock-recursive",
                "grub_device", true, "match", match));
        config.add(map("type", "partition", "id", "part-bios", "device", "disk0", "size", "1M", "flag", "bios_grub"));
        int i = 0;
        for (DeployProfile.Partition part : p.partitions()) {
            String id = "part" + i;
            Map<String, Object> partition = map("type", "partition", "id", id, "device", "disk0",
                    "size", part.grows() ? -1 : part.mebibytes() + "M");
            if (part.swap()) {
                partition.put("flag", "swap");
            }
            config.add(partition);
            config.add(map("type", "format", "id", "fmt" + i, "volume", id, "fstype", part.fstype()));
            config.add(map("type", "mount", "id", "mnt" + i, "device", "fmt" + i,
                    "path", part.swap() ? "none" : part.mount()));
            i++;
        }
        return map("config", config);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
