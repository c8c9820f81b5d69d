package herd.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * herd's resolve() against the real OpenSSH client: {@code ssh -G -F FILE HOST} prints what ssh
 * resolved without connecting; both sides read the same files (ssh reads no system file with -F,
 * so herd is given none) with HOME on a temporary directory, and must agree on hostname, user,
 * port, identity files and ProxyJump hops. ssh lowercases the final hostname; herd keeps the case
 * (the inventory compares it with node names), so hostnames and identity paths compare ignoring case.
 */
class SshConfigOpenSshTest {

    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final String LOCAL = System.getProperty("user.name");
    private static final String FAILED = "(ssh failed)";
    private static final Pattern HOP = Pattern.compile("(?:([^@]*)@)?([^:@]+)(?::(\\d+))?");

    @TempDir
    Path home;

    /** A main file (~/.ssh/config) with the files it includes, and the host names to resolve. */
    record Case(String name, Map<String, String> files, List<String> hosts) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void needsOpenSsh() {
        assumeThat(Files.isExecutable(SSH)).as("OpenSSH client %s absent: no reference to compare with", SSH).isTrue();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("host patterns", Map.of(".ssh/config", """
                        Host valkyrie* !valkyrie9?
                            HostName %h.cluster.local
                            User ops
                        Host valkyrie0?
                            Port 2222
                            IdentityFile ~/.ssh/compute_%r
                            User ignored-first-value-wins
                        Host odin thor odin
                            ProxyJump admin@gate:2200,thor
                        Host loop
                            ProxyJump other,loop
                        Host Mixed?Case !*9
                            Port 2200
                        Host !lonely
                            User only-excluding-patterns-never-match
                        Host *
                            IdentityFile %d/.ssh/id_ed25519
                            IdentityFile ~/.ssh/compute_%r
                            Port 22
                        """), List.of("valkyrie07", "valkyrie91", "valkyrie123", "odin", "thor", "loop", "MixedXCase",
                        "mixedxcase", "Mixed9Case", "lonely", "other")),
                new Case("match criteria in one pass", Map.of(".ssh/config", """
                        Host gpu*
                            HostName %h.GPU.example
                        Match host *.gpu.example !originalhost gpu9
                            User gpuadmin
                        Match originalhost GPU9
                            Port 2209
                        Match user gpuadmin
                            IdentityFile ~/.ssh/gpu_key
                        Match !user gpuadmin localuser nobody,@LOCAL@
                            IdentityFile ~/.ssh/local_%u
                        Match localuser !@LOCAL@,*
                            User never-the-local-user
                        Match host a,!b,c*
                            Port 2201
                        Match host !b,!c
                            Port 2202
                        Match host b ALL
                            ProxyJump none
                        Match !all
                            User never
                        Match !originalhost jump*
                            ProxyJump jump1,root@jump2:2022
                        """), List.of("gpu1", "gpu9", "a", "b", "c7", "d")),
                new Case("match exec", Map.of(".ssh/config", """
                        Host x*
                            HostName real-%h
                        Match exec "test %h = real-x1 && test %n = x1"
                            User exec-h
                        Match exec "test %p = 22 && test %r = @LOCAL@ && test %u = @LOCAL@ && test 5%% = 5%%"
                            IdentityFile ~/.ssh/exec_escapes
                        Match !exec false
                            Port 2300
                        Match exec /nonexistent/command
                            User cannot-run
                        Match host nomatch exec true
                            User skipped
                        """), List.of("x1", "x2", "y")),
                new Case("include", includeFiles(), List.of("x", "y", "z", "w", "v")),
                new Case("include depth 16", depthFiles(16), List.of("x")),
                new Case("hostname escapes, quotes and =", Map.of(".ssh/config", """
                        Host pct
                            HostName %h.%%.example
                        Host upper
                            HostName UPPER.Example
                        Host "q x" = eq
                            User = "ops team"
                            Port=2022
                        =Host eq # comment
                            IdentityFile "~/.ssh/with space" # trailing
                            ProxyJump ssh://u@h:23/
                        Host *
                            HostName %h.default
                        """), List.of("pct", "upper", "eq", "q")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesAsOpenSshDoes(Case c) throws Exception {
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Path p = home.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue().replace("@LOCAL@", LOCAL).replace("@HOME@", home.toString()));
        }
        Path main = home.resolve(".ssh/config");
        SshConfig herd = SshConfig.load(main, null, home);
        for (String host : c.hosts()) {
            Map<String, List<String>> ssh = sshG(main, host);
            if (ssh.containsKey(FAILED)) {
                assertThatThrownBy(() -> herd.resolve(host, LOCAL, 22)).as(c + " / " + host + ": ssh says "
                        + ssh.get(FAILED)).isInstanceOf(SshConfigException.class);
            } else {
                compare(c + " / " + host, herd.resolve(host, LOCAL, 22), ssh);
            }
        }
    }

    @Test
    void theSystemFileOfThisMachineResolvesAsOpenSshDoes() throws Exception {
        SshConfig herd = SshConfig.load(null, SshConfig.SYSTEM_FILE, home);
        for (String host : List.of("valkyrie01", "localhost")) {
            compare("system file / " + host, herd.resolve(host, LOCAL, 22), sshG(SshConfig.SYSTEM_FILE, host));
        }
    }

    private void compare(String what, HostConfig herd, Map<String, List<String>> ssh) throws Exception {
        assertThat(herd.host()).as(what + ": hostname").isEqualToIgnoringCase(ssh.get("hostname").get(0));
        assertThat(herd.user()).as(what + ": user").isEqualTo(ssh.get("user").get(0));
        assertThat(herd.port()).as(what + ": port").isEqualTo(Integer.parseInt(ssh.get("port").get(0)));
        List<String> sshKeys = ssh.getOrDefault("identityfile", List.of());
        if (herd.identities().isEmpty()) {
            assertThat(sshKeys).as(what + ": identity files (none set: ssh's defaults)")
                    .isEqualTo(sshG(Path.of("/dev/null"), "any").get("identityfile"));
        } else {
            List<String> expected = new ArrayList<>();
            for (String k : sshKeys) {
                expected.add(expand(k, herd.node(), ssh).toLowerCase(Locale.ROOT));
            }
            assertThat(herd.identities()).as(what + ": identity files")
                    .extracting(p -> p.toString().toLowerCase(Locale.ROOT)).isEqualTo(expected);
        }
        List<String> hops = ssh.containsKey("proxyjump") ? List.of(ssh.get("proxyjump").get(0).split(",")) : List.of();
        assertThat(herd.jumps()).as(what + ": ProxyJump hops").hasSameSizeAs(hops);
        for (int i = 0; i < hops.size(); i++) {
            Matcher m = HOP.matcher(hops.get(i));
            assertThat(m.matches()).as(what + ": ssh's hop " + hops.get(i)).isTrue();
            HostConfig hop = herd.jumps().get(i);
            assertThat(hop.node()).as(what + ": hop " + i).isEqualTo(m.group(2));
            if (m.group(1) != null) {
                assertThat(hop.user()).as(what + ": hop " + i + " user").isEqualTo(m.group(1));
            }
            if (m.group(3) != null) {
                assertThat(hop.port()).as(what + ": hop " + i + " port").isEqualTo(Integer.parseInt(m.group(3)));
            }
        }
    }

    /** ssh -G prints identity files unexpanded: expand them as ssh would when connecting. */
    private String expand(String file, String host, Map<String, List<String>> ssh) {
        String f = file.startsWith("~/") ? home + file.substring(1) : file;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            if (f.charAt(i) != '%' || i + 1 == f.length()) {
                out.append(f.charAt(i));
                continue;
            }
            char k = f.charAt(++i);
            out.append(switch (k) {
                case 'd' -> home.toString();
                case 'h' -> ssh.get("hostname").get(0);
                case 'r' -> ssh.get("user").get(0);
                case 'p' -> ssh.get("port").get(0);
                case 'u' -> LOCAL;
                case 'n' -> host;
                case '%' -> "%";
                default -> throw new AssertionError("escape %" + k + " not expected in " + file);
            });
        }
        return out.toString();
    }

    /** What ssh -G prints, by keyword; only FAILED (with ssh's message) when ssh refuses the file. */
    private Map<String, List<String>> sshG(Path file, String host) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(SSH.toString(), "-G", "-F", file.toString(), host);
        pb.environment().put("HOME", home.toString());
        Path err = home.resolve("ssh-G.err");
        Process p = pb.redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (p.waitFor() != 0) {
            values.put(FAILED, List.of(Files.readString(err).strip()));
            return values;
        }
        for (String line : out.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                values.computeIfAbsent(line.substring(0, sp), k -> new ArrayList<>()).add(line.substring(sp + 1));
            }
        }
        return values;
    }

    private static Map<String, String> includeFiles() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(".ssh/config", """
                Include conf.d/*.conf nothing/*.conf
                Include ~/extra/*.conf
                Include @HOME@/abs/one.conf
                Host x y
                    Include sub/inc
                    IdentityFile ~/.ssh/after_include_%n
                Host never-matches
                    Include sub/all
                Host w
                    Port 2400
                Host v
                    Include sub/inc2
                    IdentityFile ~/.ssh/after_inc2
                Host *
                    IdentityFile ~/.ssh/last
                """);
        f.put(".ssh/sub/inc2", "User from-inc2\n");
        f.put(".ssh/conf.d/b.conf", "Host x\n  Port 1001\n  ProxyJump b-gate\n");
        f.put(".ssh/conf.d/a.conf", "Host x\n  Port 1000\n  User from-a\n");
        f.put(".ssh/conf.d/.hidden.conf", "Host *\n  IdentityFile ~/.ssh/hidden\n");
        f.put(".ssh/sub/inc", """
                IdentityFile ~/.ssh/top_of_inc
                Host nomatch
                    IdentityFile ~/.ssh/inc_nomatch
                Match originalhost y
                    Port 2300
                """);
        f.put(".ssh/sub/all", "User from-never-top\nHost *\n  User from-never\n");
        f.put("extra/e1.conf", "Host z\n  HostName z-from-extra\n");
        f.put("abs/one.conf", "Host y\n  User from-abs\n");
        return f;
    }

    /** ~/.ssh/config includes d/f1, which includes d/f2 ... down to d/fN. */
    static Map<String, String> depthFiles(int n) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(".ssh/config", "Include d/f1\n");
        for (int i = 1; i < n; i++) {
            f.put(".ssh/d/f" + i, "Include d/f" + (i + 1) + "\n");
        }
        f.put(".ssh/d/f" + n, "Host *\n  User leaf\n");
        return f;
    }
}
