package herd.net;

import static org.assertj.core.api.Assertions.assertThat;

import herd.files.FileProblem;
import herd.files.ProcessRunner;
import herd.files.WriteMode;
import herd.inventory.InventoryLoader;
import herd.lab.DhcpLease;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.services.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** net sync --apply against the lab's real dhcpd and named: dhclient and dig see the new node. */
@LabConfig(nodes = 2, dhcp = true, dns = true, dnsDynamic = false)
class NetLabTest {
    private static final String MAC = "08:00:27:18:69:c9";

    @Test
    void syncApplyReachesDhcpDnsAndHosts(Lab lab) throws IOException {
        ServiceSettings s = ServiceSettings.from(InventoryLoader.load(lab.inventoryFile()), Map.of(), p -> new char[0]);
        NetEngine net = new NetEngine(s.editor(), s, Clock.systemUTC());
        List<NetNode> node = List.of(new NetNode("valkyrie09", "10.10.3.9", MAC, "test", 1));

        NetResult r = net.sync(node, WriteMode.APPLY);
        assertThat(r.applied()).isTrue();
        DhcpLease lease = lab.dhcpRequestAs(MAC, -1);
        assertThat(lease.ip()).isEqualTo("10.10.3.9");
        assertThat(lease.hostName()).isEqualTo("valkyrie09");
        assertThat(dig(lab, "valkyrie09.cluster.local", "A")).isEqualTo("10.10.3.9");
        assertThat(dig(lab, "-x", "10.10.3.9")).isEqualTo("valkyrie09.cluster.local.");
        assertThat(Files.readString(lab.clusterHostsFile())).contains("valkyrie09");
        assertThat(net.check(node)).extracting(FileProblem::message).noneMatch(m -> m.contains("valkyrie09"));
        assertThat(net.sync(node, WriteMode.APPLY).actions()).isEmpty();
    }

    private static String dig(Lab lab, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(lab.dnsPort()),
                "+short", "+norecurse"));
        cmd.addAll(List.of(args));
        return new ProcessRunner().run(cmd, null, Duration.ofSeconds(10)).output().strip();
    }
}
