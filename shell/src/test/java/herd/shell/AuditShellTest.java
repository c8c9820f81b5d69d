package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.audit.AuditLog;
import herd.audit.AuditRecord;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Effects;
import herd.shell.HerdProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log through the real {@code ./herd}: one record for every changing line of every
 * family, none for the lines that only read; files with their backups; a log that cannot be
 * written stops changing commands (and only those) unless {@code required: false}.
 */
@LabConfig(nodes = 2, bmc = true, dns = true, dhcp = true)
class AuditShellTest {
    Lab lab;
    @TempDir
    Path home;

    @Test
    void everyChangingLineLeavesOneRecordAndReadingLinesNone() throws Exception {
        Files.writeString(home.resolve("hello.txt"), "hello\n");
        Files.createDirectories(home.resolve("pulled"));
        String[][] lines = {
            {"nodes @compute", null},
            {"exec -w valkyrie01 true", "exec"},
            {"copy hello.txt --dest /tmp -w valkyrie01", "copy"},
            {"rcopy /etc/hostname --dest pulled -w valkyrie01", "rcopy"},
            {"power status valkyrie01", null},
            {"power on valkyrie01", "power"},
            {"bootdev status valkyrie01", null},
            {"bootdev disk valkyrie01", "bootdev"},
            {"console --log valkyrie01", "console"},
            {"console --stop valkyrie01", "console"},
            {"dhcp add valkyrie09 --mac 08:00:27:aa:bb:09 --ip 10.10.3.9 --dry-run", null},
            {"dhcp add valkyrie09 --mac 08:00:27:aa:bb:09 --ip 10.10.3.9", "dhcp add"},
            {"dhcp list", null},
            {"dns add valkyrie09 A 10.10.3.9 --static", "dns add"},
            {"hosts add valkyrie09 10.10.3.9", "hosts add"},
            {"hosts remove valkyrie09", "hosts remove"},
            {"net check", null},
            {"net sync @compute", "net sync"},
            {"pxe render valkyrie01", "pxe render"},
            {"pxe show valkyrie01", null},
            {"deploy valkyrie02 --yes", "deploy"},
            {"exec -w valkyrie01 false", "exec"},
        };
        StringBuilder batch = new StringBuilder();
        for (String[] l : lines) {
            batch.append(l[0]).append('\n');
        }
        Path log = lab.dir().resolve("log/audit.log");
        Files.deleteIfExists(log);
        Result r = HerdProcess.run(home, Files.writeString(home.resolve("all.csh"), batch), "-q",
                "--inventory", lab.inventoryFile().toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).endsWith("herd: -:22: exec: 1 of 1 node failed (see @last:failed)\n");

        List<AuditRecord> records = AuditLog.read(log);
        List<String[]> changing = java.util.Arrays.stream(lines).filter(l -> l[1] != null).toList();
        assertThat(records).extracting(AuditRecord::line).containsExactlyElementsOf(changing.stream().map(l -> l[0]).toList());
        assertThat(records).extracting(AuditRecord::command).containsExactlyElementsOf(changing.stream().map(l -> l[1]).toList());
        assertThat(records).allSatisfy(rec -> {
            assertThat(rec.user()).isEqualTo("root");
            assertThat(rec.uid()).isZero();
            assertThat(rec.cluster()).isEqualTo("lab");
            assertThat(rec.session()).isEqualTo(records.get(0).session()).hasSize(8);
        });
        assertThat(record(records, "exec -w valkyrie01 true").sets()).isEqualTo(Map.of("ok", "valkyrie01", "rc=0", "valkyrie01"));
        AuditRecord failed = record(records, "exec -w valkyrie01 false");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("exec: 1 of 1 node failed (see @last:failed)");
        assertThat(failed.outcomes()).containsEntry("failed", 1).containsEntry("rc=1", 1);
        assertThat(failed.sets()).containsEntry("failed", "valkyrie01");
        assertThat(record(records, "power on valkyrie01").nodes()).isEqualTo("valkyrie01");
        AuditRecord deployed = record(records, "deploy valkyrie02 --yes");
        assertThat(deployed.nodes()).isEqualTo("valkyrie02");
        assertThat(deployed.outcomes()).containsEntry("ok", 1);
        assertThat(deployed.sets()).containsEntry("ok", "valkyrie02");

        Effects.WrittenFile dhcp = record(records, "dhcp add valkyrie09 --mac 08:00:27:aa:bb:09 --ip 10.10.3.9").files().get(0);
        assertThat(dhcp.path()).isEqualTo(lab.dhcpdConf().toString());
        assertThat(dhcp.host()).isEmpty();
        assertThat(Path.of(dhcp.backup())).exists().content().doesNotContain("valkyrie09");
        assertThat(record(records, "dns add valkyrie09 A 10.10.3.9 --static").files())
                .extracting(Effects.WrittenFile::path).contains(lab.forwardZoneFile().toString());
        assertThat(record(records, "hosts remove valkyrie09").files()).extracting(Effects.WrittenFile::path)
                .containsExactly(lab.clusterHostsFile().toString());
        assertThat(record(records, "pxe render valkyrie01").files()).extracting(Effects.WrittenFile::path)
                .anyMatch(p -> p.endsWith("/nodes/valkyrie01.ipxe"));

        Result shown = HerdProcess.run(home, null, "-q", "--inventory", lab.inventoryFile().toString(), "-c",
                "audit --node valkyrie02 --since 1h --user root");
        assertThat(shown.out()).as(shown.err()).startsWith("TIME ").contains(" deploy valkyrie02 --yes\n")
                .doesNotContain("exec -w valkyrie01");
        Result none = HerdProcess.run(home, null, "-q", "--inventory", lab.inventoryFile().toString(), "-c",
                "audit --user nobody-else --json");
        assertThat(none.out()).isEqualTo("[]\n");
    }

    @Test
    void aLogThatCannotBeWrittenStopsChangingCommandsUnlessNotRequired() throws Exception {
        Path blocker = Files.writeString(home.resolve("not-a-dir"), "");
        Path required = inventory("audit:\n  file: \"" + blocker + "/audit.log\"\n");
        Result refused = HerdProcess.run(home, null, "-q", "--inventory", required.toString(), "-c", "power off valkyrie02");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("herd: power: audit log " + blocker + "/audit.log cannot be written: " + blocker
                + " is not a directory; changing commands are refused (audit: {required: false} in the inventory runs them unrecorded)\n");
        assertThat(lab.isNodeRunning("valkyrie02")).as("nothing was done").isTrue();
        assertThat(HerdProcess.run(home, null, "-q", "--inventory", required.toString(), "-c", "power status valkyrie02").status())
                .as("reading commands still run").isZero();

        Path optional = inventory("audit:\n  file: \"" + blocker + "/audit.log\"\n  required: false\n");
        Result ran = HerdProcess.run(home, null, "--inventory", optional.toString(), "-c", "exec -w valkyrie02 true");
        assertThat(ran.status()).isZero();
        assertThat(ran.err()).contains("herd: warning: audit log " + blocker + "/audit.log cannot be written: " + blocker
                + " is not a directory; changing commands run unrecorded (audit: {required: false})\n");
    }

    @Test
    void secretsTypedAtAPromptNeverReachARecord() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tmux.available(), "tmux is not installed");
        String password = lab.bmcPassword();
        String yaml = Files.readString(lab.inventoryFile()).replaceAll("password: \"file:[^\"]*\"", "password: prompt");
        assertThat(yaml).doesNotContain("file:" + lab.dir() + "/secrets#bmc");
        Path inventory = Files.writeString(home.resolve("prompted.yaml"), yaml);
        Path log = lab.dir().resolve("log/audit.log");
        Files.deleteIfExists(log);
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(java.util.stream.Collectors.joining(" "));
        java.time.Duration step = java.time.Duration.ofSeconds(30);
        try (Tmux t = Tmux.start("herd-audit-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER + " -q --inventory " + inventory)) {
            t.await("^herd>$", java.time.Duration.ofSeconds(60));
            t.send("power on valkyrie01", "Enter");
            t.await("\nBMC password of [^:]+:$", step);   // one colon: the prompt adds it
            t.send(password, "Enter");
            t.await("^valkyrie01: ok\nherd>$", step);
            t.send("exec -w valkyrie01 true  # typed by mistake: " + password, "Enter");
            t.await("true  # typed by mistake: .*\n(?:.*\n)*herd>$", step);
            t.send("exit", "Enter");
            assertThat(t.awaitExit(step)).isZero();
        }
        List<AuditRecord> records = AuditLog.read(log);
        assertThat(records).extracting(AuditRecord::command).containsExactly("power", "exec");
        assertThat(records.get(1).line()).isEqualTo("exec -w valkyrie01 true  # typed by mistake: ********");
        assertThat(Files.readString(log)).doesNotContain(password);
    }

    @Test
    void recordsAlsoGoToARealSyslogDaemonAsRfc5424() throws Exception {
        assertThat(Path.of("/usr/sbin/rsyslogd")).as("rsyslog is installed by run-tests").exists();
        Path dir = Files.createDirectories(home.resolve("rsyslog"));
        Path socket = dir.resolve("log.sock");
        Path messages = dir.resolve("messages");
        Files.writeString(dir.resolve("rsyslog.conf"), "global(workDirectory=\"" + dir + "\")\n"
                + "module(load=\"imuxsock\" SysSock.Use=\"off\")\n"
                + "input(type=\"imuxsock\" Socket=\"" + socket + "\" UseSpecialParser=\"off\" ParseHostname=\"on\")\n"
                + "template(name=\"fields\" type=\"string\" string=\"%protocol-version%|%app-name%|%procid%|%msgid%"
                + "|%syslogfacility-text%|%syslogseverity-text%|%msg%\\n\")\n"
                + "*.* action(type=\"omfile\" file=\"" + messages + "\" template=\"fields\")\n");
        Process rsyslogd = new ProcessBuilder("/usr/sbin/rsyslogd", "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("pid").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
                .start();
        try {
            poll(() -> Files.exists(socket), "rsyslogd's socket");
            Path log = home.resolve("audit.log");
            Path inventory = inventory("audit:\n  file: \"" + log + "\"\n  syslog: \"" + socket + "\"\n  facility: local3\n");
            Result r = HerdProcess.run(home, null, "-q", "--inventory", inventory.toString(), "-c", "exec -w valkyrie02 true");
            assertThat(r.status()).as(r.err()).isZero();
            poll(() -> Files.exists(messages) && !Files.readString(messages).isEmpty(), "the record in rsyslog's file");
            String line = Files.readString(messages).strip();
            AuditRecord record = AuditLog.read(log).get(0);
            assertThat(line).isEqualTo("1|herd|" + record.pid() + "|audit|local3|notice|" + record.toJson());
        } finally {
            rsyslogd.destroy();
            rsyslogd.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void poll(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The lab's inventory with another audit section. */
    private Path inventory(String audit) throws java.io.IOException {
        String yaml = Files.readString(lab.inventoryFile()).replaceFirst("(?m)^audit:\n  file: .*\n", audit);
        assertThat(yaml).contains(audit);
        return Files.writeString(home.resolve("cluster-" + System.nanoTime() + ".yaml"), yaml);
    }

    private static AuditRecord record(List<AuditRecord> records, String line) {
        return records.stream().filter(r -> r.line().equals(line)).findFirst().orElseThrow();
    }
}
