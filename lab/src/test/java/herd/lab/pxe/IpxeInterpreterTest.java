package herd.lab.pxe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iPXE interpreter on the chain herd renders (the tutorial's files). */
class IpxeInterpreterTest {

    static final String BOOT = "#!ipxe\necho Chaining to node dedicated file\n"
            + "chain http://${next-server}/nodes/${hostname}.ipxe || shell\n";
    static final String GROUP = "#!ipxe\n\necho Booting OS\necho Group profile: compute\n\n"
            + "kernel http://${next-server}/os/images/pxeboot/vmlinuz initrd=initrd.img inst.stage2=http://${next-server}/os/"
            + " inst.ks=http://${next-server}/nodes_groups/group_compute.kickstart.cfg console=ttyS0,115200\n\n"
            + "initrd http://${next-server}/os/images/pxeboot/initrd.img\n\nimgstat\n\nsleep 4\n\nboot\n";
    static final String LOCAL = "#!ipxe\n\necho Booting from local disk\niseq ${platform} efi && goto efi ||\n"
            + "sanboot --no-describe --drive 0x80 || exit\n:efi\nexit\n";
    static final Map<String, String> VARS = Map.of("next-server", "10.10.0.1", "hostname", "valkyrie01", "platform", "pcbios");

    private final List<String> fetched = new ArrayList<>();

    private IpxeInterpreter.Outcome run(Map<String, String> files, Map<String, String> vars) {
        return new IpxeInterpreter(vars, url -> {
            fetched.add(url);
            return files.get(url);
        }).run("http://10.10.0.1/boot.ipxe");
    }

    @Test
    void followsTheInstallChainInOrder() {
        IpxeInterpreter.Outcome o = run(Map.of("http://10.10.0.1/boot.ipxe", BOOT,
                "http://10.10.0.1/nodes/valkyrie01.ipxe", GROUP,
                "http://10.10.0.1/os/images/pxeboot/vmlinuz", "k", "http://10.10.0.1/os/images/pxeboot/initrd.img", "i"), VARS);
        assertEquals(IpxeInterpreter.Outcome.Kind.INSTALLER, o.kind());
        assertEquals(List.of("http://10.10.0.1/boot.ipxe", "http://10.10.0.1/nodes/valkyrie01.ipxe",
                "http://10.10.0.1/os/images/pxeboot/vmlinuz", "http://10.10.0.1/os/images/pxeboot/initrd.img"), fetched);
        assertEquals(List.of("http://10.10.0.1/nodes_groups/group_compute.kickstart.cfg"), IpxeInterpreter.configUrls(o.args()));
        assertEquals("http://10.10.0.1/os/", IpxeInterpreter.stage2Url(o.args()));
    }

    @Test
    void localBootOnBiosAndUefi() {
        Map<String, String> files = Map.of("http://10.10.0.1/boot.ipxe", BOOT, "http://10.10.0.1/nodes/valkyrie01.ipxe", LOCAL);
        IpxeInterpreter.Outcome bios = run(files, VARS);
        assertEquals(IpxeInterpreter.Outcome.Kind.LOCAL_DISK, bios.kind());
        assertEquals("sanboot --no-describe --drive 0x80 || exit", bios.detail());
        IpxeInterpreter.Outcome efi = run(files, Map.of("next-server", "10.10.0.1", "hostname", "valkyrie01", "platform", "efi"));
        assertEquals(IpxeInterpreter.Outcome.Kind.LOCAL_DISK, efi.kind());
        assertEquals("exit", efi.detail());
    }

    @Test
    void aMissingNodeFileOrKernelFailsLikeIpxe() {
        assertEquals("no iPXE script at http://10.10.0.1/nodes/valkyrie01.ipxe",
                run(Map.of("http://10.10.0.1/boot.ipxe", BOOT), VARS).detail());
        assertEquals("kernel not found: http://10.10.0.1/os/images/pxeboot/vmlinuz",
                run(Map.of("http://10.10.0.1/boot.ipxe", BOOT, "http://10.10.0.1/nodes/valkyrie01.ipxe", GROUP), VARS).detail());
    }

    @Test
    void ubuntuNocloudDirectoryGivesUserDataAndMetaData() {
        assertEquals(List.of("http://s/g.autoinstall/user-data", "http://s/g.autoinstall/meta-data"),
                IpxeInterpreter.configUrls("initrd=initrd ip=dhcp url=http://s/x.iso autoinstall ds=nocloud-net;s=http://s/g.autoinstall/"));
    }
}
