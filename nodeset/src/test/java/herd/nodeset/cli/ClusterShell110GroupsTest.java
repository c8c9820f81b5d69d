package herd.nodeset.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClusterShell 1.10's groups.conf features: the mapall upcall (one {@code group: nodes} line per
 * group, answering map and list; map still answers groups mapall leaves out) and Ansible
 * inventories as a group source through ansible-inventory. Expected outputs are written from
 * groups.conf(5) of 1.10; where ClusterShell 1.9.1 can express the same groups (map + list
 * upcalls) its real nodeset must print the same bytes; Ansible's own ansible-inventory and
 * {@code ansible --list-hosts} judge which hosts each inventory group holds.
 */
class ClusterShell110GroupsTest {
    private static final Path NODESET = Path.of("/usr/bin/nodeset");

    @TempDir
    static Path dir;

    /** Same rack data, read by mapall (herd) and by map + list (ClusterShell 1.9.1). */
    private static String mapallConf;
    private static String mapConf;
    private static String moreConf;

    @BeforeAll
    static void configs() throws IOException {
        Files.writeString(dir.resolve("racks.txt"), """
                rack1: n[1-4]
                rack2: n[5-8]
                gpu: n2 n6
                big: @rack1,@rack2
                io: io[1-2]
                io: io3
                """);
        Files.writeString(dir.resolve("calls"), "");
        mapallConf = Files.writeString(dir.resolve("mapall.conf"), """
                [Main]
                default: ma

                [ma]
                mapall: echo call >> calls; cat racks.txt
                """).toString();
        moreConf = Files.writeString(dir.resolve("more.conf"), """
                [Main]
                default: mix

                [mix]
                mapall: printf 'a: x1\\n\\nb: x[2-3]\\n'
                map: echo y$GROUP
                list: echo a c

                [bad]
                mapall: printf 'ok: n1\\nbroken line\\n'

                [failing]
                mapall: exit 4
                """).toString();
        // 1.9.1 has no mapall: the same groups (io on two lines joined) through map and list.
        mapConf = Files.writeString(dir.resolve("map.conf"), """
                [Main]
                default: ma

                [ma]
                map: sed -n 's/^$GROUP: *//p' racks.txt | tr '\\n' ' '
                list: sed 's/:.*//' racks.txt | sort -u
                """).toString();
    }

    @Test
    void mapallAnswersAsGroupsConf5Says() {
        assertThat(herd(mapallConf, "-f", "@rack1")).isEqualTo("0 n[1-4]\n");
        assertThat(herd(mapallConf, "-f", "@big")).isEqualTo("0 n[1-8]\n");
        assertThat(herd(mapallConf, "-f", "@io")).isEqualTo("0 io[1-3]\n");
        assertThat(herd(mapallConf, "-f", "@*")).isEqualTo("0 io[1-3],n[1-8]\n");
        assertThat(herd(mapallConf, "-f", "@gpu&@rack2")).isEqualTo("0 n6\n");
        // mapall wins where it answers; map answers the rest; list adds names mapall lacks
        assertThat(herd(moreConf, "-f", "@mix:a")).isEqualTo("0 x1\n");
        assertThat(herd(moreConf, "-f", "@mix:c")).isEqualTo("0 yc\n");
        assertThat(herd(moreConf, "-l", "-s", "mix")).isEqualTo("0 @mix:a\n@mix:b\n@mix:c\n");
    }

    @Test
    void mapallRunsOncePerCommand() throws IOException {
        Files.writeString(dir.resolve("calls"), "");
        assertThat(herd(mapallConf, "-ll")).startsWith("0 ");
        assertThat(Files.readString(dir.resolve("calls"))).isEqualTo("call\n");
    }

    @Test
    void badMapallOutputFailsInOneLineNamingTheLine() {
        String r = herdWithErr(moreConf, "-f", "@bad:ok");
        assertThat(r).startsWith("1 \n").contains("group source \"bad\": mapall output line 2: expected \"group: nodes\": broken line");
        assertThat(r.strip().lines().count()).isEqualTo(2);
        assertThat(herdWithErr(moreConf, "-f", "@failing:x")).startsWith("1 \n").contains("mapall upcall failed (exit 4)");
    }

    @Test
    void aSourceWithNeitherMapNorMapallNamesFileAndLine() throws IOException {
        String conf = Files.writeString(dir.resolve("nomap.conf"), "[Main]\ndefault: x\n\n[x]\nlist: echo a\n").toString();
        String r = herdWithErr(conf, "-l");
        assertThat(r).startsWith("1 \n").contains(conf + ":4: group source \"x\": neither map nor mapall upcall");
    }

    @Test
    void mapallAgreesWithTheSameGroupsThroughMapInClusterShell191() throws Exception {
        assumeTrue(Files.isExecutable(NODESET), "/usr/bin/nodeset (Debian's clustershell) not installed: skipped");
        List<String> bad = new ArrayList<>();
        for (String[] c : new String[][] {
            {"-f", "@rack1"}, {"-f", "@big"}, {"-f", "@io"}, {"-c", "@*"}, {"-f", "@*"}, {"-f", "@gpu^@rack1"},
            {"-l"}, {"-ll"}, {"-lll"}, {"-L"}, {"-LL"}, {"-r", "n[1-8]"}, {"-r", "n[1-8],io[1-3]"}, {"-l", "n2"},
            {"-ll", "n[5-6]"}, {"-e", "@gpu"}, {"-f", "-a"},
        }) {
            String want = real(mapConf, c);
            String got = herd(mapallConf, c);
            if (!got.equals(want)) {
                bad.add(String.join(" ", c) + ": nodeset(map)=" + want.strip() + " | herd(mapall)=" + got.strip());
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void ansibleInventoriesAsGroupSourcesHoldWhatAnsibleSays() throws Exception {
        assumeTrue(onPath("ansible-inventory") && onPath("ansible"), "ansible-inventory (Debian's ansible-core) not installed: skipped");
        assumeTrue(onPath("jq"), "jq not installed: skipped");
        Path inv = Files.createDirectories(dir.resolve("inv"));
        Files.writeString(inv.resolve("ansini"), """
                loner
                [web]
                web[01:03]
                [db]
                db1 ansible_host=127.0.0.1
                db2
                [app:children]
                web
                db
                [app]
                app1
                [edge]
                """);
        Files.writeString(inv.resolve("ansyaml"), """
                all:
                  hosts:
                    solo:
                  children:
                    compute:
                      hosts:
                        cn[01:04]:
                    gpu:
                      hosts:
                        cn04:
                        gn1:
                    hpc:
                      children:
                        compute:
                        gpu:
                """);
        // Ansible keeps its temp files under $HOME: point it inside the test directory.
        String env = "HOME=$CFGDIR ANSIBLE_LOCAL_TEMP=$CFGDIR/tmp ";
        String conf = Files.writeString(dir.resolve("ansible.conf"), "[Main]\ndefault: ansini\n\n[ansini,ansyaml]\n"
                + "mapall: " + env + "ansible-inventory -i inv/$SOURCE --list 2>/dev/null | jq -r '. as $i"
                + " | ([keys[], (.[] | .children? // [] | .[])] | unique - [\"_meta\"])[] as $g"
                + " | \"\\($g): \\([($i[$g].hosts // [])[], (($i[$g].children // [])[] | \"@\" + .)] | join(\" \"))\"'\n"
                + "all: " + env + "ansible -i inv/$SOURCE all --list-hosts 2>/dev/null | tail -n +2\n").toString();
        List<String> bad = new ArrayList<>();
        for (String source : List.of("ansini", "ansyaml")) {
            List<String> groups = graphGroups(inv.resolve(source));
            assertThat(groups).contains("all", "ungrouped");
            for (String g : groups) {
                TreeSet<String> want = listHosts(inv.resolve(source), g);
                String out = herd(conf, "-e", "@" + source + ":" + g);
                TreeSet<String> got = new TreeSet<>(Arrays.asList(out.substring(2).strip().split(" ")));
                got.remove("");
                if (!out.startsWith("0 ") || !got.equals(want)) {
                    bad.add(source + ":" + g + ": ansible=" + want + " herd=" + out.strip());
                }
            }
            TreeSet<String> all = new TreeSet<>(Arrays.asList(herd(conf, "-e", "@" + source + ":*").substring(2).strip().split(" ")));
            if (!all.equals(listHosts(inv.resolve(source), "all"))) {
                bad.add(source + ":*: herd=" + all);
            }
        }
        assertThat(bad).isEmpty();
        if (Files.isExecutable(NODESET)) {
            // ClusterShell 1.9.1 reaches the same inventories with one map upcall per group.
            String perGroup = Files.writeString(dir.resolve("ansible191.conf"), "[Main]\ndefault: ansini\n\n[ansini,ansyaml]\n"
                    + "map: " + env + "ansible -i inv/$SOURCE $GROUP --list-hosts 2>/dev/null | tail -n +2\n"
                    + "list: " + env + "ansible-inventory -i inv/$SOURCE --graph 2>/dev/null"
                    + " | sed -n 's/^[ |-]*@\\(.*\\):$/\\1/p' | sort -u\n"
                    + "all: " + env + "ansible -i inv/$SOURCE all --list-hosts 2>/dev/null | tail -n +2\n").toString();
            for (String source : List.of("ansini", "ansyaml")) {
                assertThat(herd(conf, "-LL", "-s", source)).isEqualTo(real(perGroup, "-LL", "-s", source));
            }
        }
        // Written by hand from the inventories above.
        assertThat(herd(conf, "-f", "@app")).isEqualTo("0 app1,db[1-2],web[01-03]\n");
        assertThat(herd(conf, "-f", "@ansyaml:hpc!@ansyaml:gpu")).isEqualTo("0 cn[01-03]\n");
        assertThat(herd(conf, "-c", "@edge")).isEqualTo("0 0\n");
        assertThat(herd(conf, "-r", "-s", "ansyaml", "cn[01-04]")).isEqualTo("0 @ansyaml:compute\n");
        assertThat(dir.resolve("tmp")).exists();
    }

    /** Group names as {@code ansible-inventory --graph} draws them ({@code @name:}). */
    private static List<String> graphGroups(Path inventory) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : ansible(List.of("ansible-inventory", "-i", inventory.toString(), "--graph")).lines().toList()) {
            String t = line.replaceAll("^[ |-]*", "");
            if (t.startsWith("@") && t.endsWith(":") && !out.contains(t.substring(1, t.length() - 1))) {
                out.add(t.substring(1, t.length() - 1));
            }
        }
        return out;
    }

    private static TreeSet<String> listHosts(Path inventory, String group) throws Exception {
        TreeSet<String> hosts = new TreeSet<>();
        ansible(List.of("ansible", "-i", inventory.toString(), group, "--list-hosts")).lines().skip(1)
                .map(String::strip).filter(s -> !s.isEmpty()).forEach(hosts::add);
        return hosts;
    }

    private static String ansible(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.toString());
        env.put("ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    private static boolean onPath(String exe) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    /** "STATUS STDOUT" of herd's nodeset with this groups.conf. */
    private static String herd(String conf, String... args) {
        return run(conf, false, args);
    }

    /** "STATUS STDOUT\nSTDERR". */
    private static String herdWithErr(String conf, String... args) {
        return run(conf, true, args);
    }

    private static String run(String conf, boolean withErr, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "--groupsconf=" + conf;
        System.arraycopy(args, 0, argv, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = NodesetMain.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return rc + " " + out.toString(StandardCharsets.UTF_8) + (withErr ? "\n" + err.toString(StandardCharsets.UTF_8) : "");
    }

    private static String real(String conf, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NODESET.toString(), "--groupsconf=" + conf));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out;
    }
}
