package herd.lab;

/**
 * Configuration of each node's ipmi_sim: {@code nodes/NAME/bmc/lan.conf} (lanplus on
 * 127.0.0.1:bmcPort, user admin, chassis_control = the lab's {@code bin/chassis NAME}, SOL to the
 * node's console on sshHost:consolePort) and {@code bmc.emu} (one BMC at 0x20).
 */
final class BmcFiles {
    static final String EMU = String.join("\n",
            "mc_setbmc 0x20",
            "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
            "sel_enable 0x20 1000 0x0a",
            "mc_enable 0x20",
            "");

    private BmcFiles() {
    }

    static void write(LabDir dir, LabLayout layout, Secrets secrets) {
        dir.script("chassis.sh", dir.bin("chassis"));
        for (LabNode node : layout.nodes()) {
            LabDir.write(dir.node(node.name()).resolve("bmc/lan.conf"), lanConf(dir, node, secrets), true);
            LabDir.write(dir.node(node.name()).resolve("bmc/bmc.emu"), EMU, false);
            LabDir.write(dir.node(node.name()).resolve("boot"), "none\n", false);
        }
    }

    private static String lanConf(LabDir dir, LabNode node, Secrets secrets) {
        String guid = String.format("%032x", (long) node.bmcPort() * 7919 + node.name().hashCode());
        return String.join("\n",
                "# ipmi_sim BMC of lab node " + node.name(),
                "name \"" + node.name() + "\"",
                "set_working_mc 0x20",
                "  startlan 1",
                "    addr " + node.bmcHost() + " " + node.bmcPort(),
                "    priv_limit admin",
                "    allowed_auths_callback md2 md5 straight",
                "    allowed_auths_user md2 md5 straight",
                "    allowed_auths_operator md2 md5 straight",
                "    allowed_auths_admin md2 md5 straight",
                "    guid " + guid.substring(guid.length() - 32),
                "  endlan",
                "  chassis_control \"" + dir.bin("chassis") + " " + node.name() + "\"",
                "  sol \"tcp:" + node.sshHost() + ":" + node.consolePort() + "\" 115200 history=65000",
                "user 2 true \"admin\" \"" + secrets.bmcPassword() + "\" admin 10 md2 md5 straight",
                "");
    }
}
