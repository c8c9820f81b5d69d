package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLifecycleTest {

    @Test
    void downLeavesNoProcessMountNamespaceSlotOrFile() throws Exception {
        Lab lab = Lab.up(LabSpec.builder().nodes(2).bmc(true).dns(true).dhcp(true).build());
        Path dir = lab.dir();
        assertThat(lab.dhcpRequest("valkyrie01").bound()).isTrue();
        LabState state = LabState.load(new LabDir(dir));
        List<Long> pids = initPids(lab);
        pids.add(state.holderPid());
        pids.add(lab.bmcPid("valkyrie01"));
        for (String pidFile : List.of("run/agent.pid", "dns/named.pid", "dhcp/dhcpd.pid")) {
            pids.add(Procs.readPid(dir.resolve(pidFile)).orElseThrow());
        }
        List<String> netns = state.netns();
        assertThat(netns).hasSize(2).allMatch(ns -> Files.exists(Path.of("/run/netns", ns)));
        assertThat(pids).allMatch(Procs::alive);
        // Each node is a system of its own: a mount namespace per node, not the lab's.
        assertThat(initPids(lab)).extracting(p -> Procs.namespace(p, "mnt").orElseThrow())
                .doesNotHaveDuplicates().doesNotContain(state.mountNamespace());
        Path slotFile = state.slot().file();
        assertThat(slotFile).exists();

        lab.down();

        assertThat(pids).noneMatch(Procs::alive);
        assertThat(Procs.inNamespace("mnt", state.mountNamespace())).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
        assertThat(Tools.run(5, "ps", "-eo", "args").text()).doesNotContain(dir.toString());
        assertThat(dir).doesNotExist();
        // Another lab (of another test run) may take the slot at once: it must not name this lab.
        assertThat(!Files.exists(slotFile) || !Files.readString(slotFile).contains(dir.toString())).isTrue();
        assertThat(netns).noneMatch(ns -> Files.exists(Path.of("/run/netns", ns)));
        assertThat(Tools.run(5, "ip", "netns", "list").text()).doesNotContain(netns.get(0));
        lab.down();
    }

    @Test
    void downAfterACrashStillStopsEveryNode(@TempDir Path tmp) {
        Path dir = tmp.resolve("lab");
        Lab lab = Lab.upPersistent(LabSpec.builder().nodes(2).bmc(false).dns(false).dhcp(false).dir(dir).build());
        List<Long> inits = initPids(lab);
        long holder = LabState.load(new LabDir(dir)).holderPid();
        Procs.killAll(List.of(holder), java.time.Duration.ofSeconds(5));
        assertThat(Lab.isRunning(dir)).isFalse();
        assertThat(inits).allMatch(Procs::alive);

        Lab.down(dir);

        assertThat(inits).noneMatch(Procs::alive);
        assertThat(dir).doesNotExist();
    }

    @Test
    void upAfterACrashCleansTheRemainsAndStartsAfresh(@TempDir Path tmp) {
        LabSpec spec = LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).dir(tmp.resolve("lab")).build();
        Lab crashed = Lab.upPersistent(spec);
        List<Long> oldInit = initPids(crashed);
        Procs.killAll(List.of(LabState.load(new LabDir(crashed.dir())).holderPid()), java.time.Duration.ofSeconds(5));
        try (Lab lab = Lab.upPersistent(spec)) {
            assertThat(oldInit).noneMatch(Procs::alive);
            assertThat(Lab.isRunning(lab.dir())).isTrue();
            assertThat(Tools.ssh(lab, lab.node("valkyrie01"), "hostname").text()).isEqualTo("valkyrie01\n");
        }
    }

    @Test
    void aLabWhoseTestJvmDiedIsTornDownByTheNextClaim(@TempDir Path tmp) throws Exception {
        LabSpec spec = LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).dir(tmp.resolve("lab")).build();
        Lab orphan = Lab.upPersistent(spec);
        LabState state = LabState.load(new LabDir(orphan.dir()));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // As if the lab had been started by a test JVM (pid of a process that has exited).
        state.slot().keep(orphan.dir(), state.holderPid(), gone.pid());
        List<Long> init = initPids(orphan);

        try (Lab next = Lab.up(LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).build())) {
            assertThat(init).noneMatch(Procs::alive);
            assertThat(orphan.dir()).doesNotExist();
            assertThat(next.isNodeRunning("valkyrie01")).isTrue();
        }
    }

    @Test
    void upTwiceReturnsTheRunningLab(@TempDir Path tmp) throws Exception {
        LabSpec spec = LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).dir(tmp.resolve("lab")).build();
        try (Lab first = Lab.upPersistent(spec)) {
            String keys = Files.readString(first.knownHosts());
            Lab second = Lab.upPersistent(spec);
            assertThat(second.dir()).isEqualTo(first.dir());
            assertThat(Files.readString(second.knownHosts())).isEqualTo(keys);
            assertThat(Tools.ssh(second, second.node("valkyrie01"), "hostname").text()).isEqualTo("valkyrie01\n");
        }
    }

    @Test
    void labsSideBySideGetTheirOwnAddresses() {
        LabSpec spec = LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).build();
        try (Lab a = Lab.up(spec); Lab b = Lab.up(spec)) {
            assertThat(a.node("valkyrie01").sshHost()).isNotEqualTo(b.node("valkyrie01").sshHost());
            assertThat(Tools.ssh(a, a.node("valkyrie01"), "hostname").rc()).isZero();
            assertThat(Tools.ssh(b, b.node("valkyrie01"), "hostname").rc()).isZero();
        }
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        LabSpec spec = LabSpec.builder().nodes(1).bmc(false).dns(false).dhcp(false).dir(tmp).build();
        assertThatThrownBy(() -> Lab.up(spec)).isInstanceOf(LabException.class)
                .hasMessage("lab: directory " + tmp + " is not empty and holds no lab; pick another --dir");
        assertThatThrownBy(() -> Lab.down(tmp)).hasMessageContaining("holds no lab");
        assertThat(tmp.resolve("precious.txt")).exists();
    }

    private static List<Long> initPids(Lab lab) {
        List<Long> pids = new ArrayList<>();
        for (LabNode n : lab.nodes()) {
            pids.add(Procs.readPid(lab.dir().resolve("nodes").resolve(n.name()).resolve("init.pid")).orElseThrow());
        }
        return pids;
    }
}
