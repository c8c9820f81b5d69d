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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-picked corners, each run by the real {@code nodeset} of Debian's clustershell package and
 * by herd in-process: the same stdout bytes and the same zero/non-zero status. Unicode blanks,
 * -S escapes, -s values, multi-line upcall output, broken group sources and indices past 2^63.
 */
class ClusterShellCasesTest {
    private static final Path NODESET = Path.of("/usr/bin/nodeset");

    @TempDir
    static Path dir;
    private static String conf;

    @BeforeAll
    static void groups() throws IOException {
        Path confd = Files.createDirectories(dir.resolve("conf.d"));
        Path yaml = Files.createDirectories(dir.resolve("yaml"));
        Files.writeString(confd.resolve("up.conf"), """
                [multi]
                map: printf 'n1 n2\\nn3\\n\\n  n5\\t\\n'
                list: printf 'g1\\ng2 g3\\n'
                [failing]
                map: exit 3
                list: echo a
                [nolist]
                map: echo x1
                list: exit 1
                """);
        Files.writeString(yaml.resolve("y.yaml"), """
                y:
                  number: 5
                  ints: [1, n2]
                  empty:
                  good: n[1-2]
                  items:
                    - n1
                    - yes
                  quoted: "5"
                  hex: 0x1f
                  float: 1.5
                  tilde: ~
                  date: 2001-01-01
                  one:
                    - n3
                  colon: n1:2
                """);
        conf = Files.writeString(dir.resolve("groups.conf"), "[Main]\ndefault: multi\nconfdir: " + confd
                + "\nautodir: " + yaml + "\n").toString();
    }

    private static final String[][] CASES = {
        {"-f", "node1\u00a0,node2"}, {"-f", "node1\u00a0node2"}, {"-f", "n[1-2,\u00a05]"}, {"-f", "\u00a0n1"},
        {"-f", "n[1\u00a0-2]"}, {"-f", "n1\u202f,n2"}, {"-f", "n1\u2007,n2"}, {"-f", "n1\u3000,n2"},
        {"-f", "n1\u200b,n2"}, {"-f", "n1\u001cx"}, {"-f", "n1\u001c,n2"}, {"-f", "n1\u2029n2"}, {"-f", "n1\u0085,n2"},
        {"-e", "-S", "a''", "n[1-2]"}, {"-e", "-S", "a'", "n[1-2]"}, {"-e", "-S", "a'''b", "n[1-2]"},
        {"-e", "-S", "\\101", "n[1-2]"}, {"-e", "-S", "\\1012", "n[1-2]"}, {"-e", "-S", "\\777", "n[1-2]"},
        {"-e", "-S", "\\8", "n[1-2]"}, {"-e", "-S", "\\u00e", "n[1-2]"}, {"-e", "-S", "\\u00e9", "n[1-2]"},
        {"-e", "-S", "\\U0001F600", "n[1-2]"}, {"-e", "-S", "\\U00110000", "n[1-2]"}, {"-e", "-S", "\\N{bullet}", "n[1-2]"},
        {"-e", "-S", "\\N{NOPE}", "n[1-2]"}, {"-e", "-S", "\\\"", "n[1-2]"}, {"-e", "-S", "\\'", "n[1-2]"},
        {"-e", "-S", "\\0", "n[1-2]"}, {"-e", "-S", "\\x41", "n[1-2]"}, {"-e", "-S", "\\x4", "n[1-2]"},
        {"-e", "-S", "\\", "n[1-2]"}, {"-e", "-S", "\\q", "n[1-2]"}, {"-e", "-S", "x''' '''y", "n[1-2]"},
        {"-e", "-S", "\\\nz", "n[1-2]"}, {"-e", "-S", "\\ud800", "n[1-2]"}, {"-e", "-S", "\\N{ BULLET}", "n[1-2]"},
        {"-f", "-s", "", "n1"}, {"-f", "-s", "-x", "n1"}, {"-f", "--groupsource=-x", "n1"}, {"-f", "-s", "multi", "n1"},
        {"-f", "@g1"}, {"-l"}, {"-ll"}, {"-f", "@failing:a"}, {"-f", "@nolist:*"}, {"-l", "-s", "nolist"},
        {"-f", "@y:number"}, {"-f", "@y:ints"}, {"-f", "@y:empty"}, {"-f", "@y:good"}, {"-f", "@y:items"},
        {"-f", "@y:quoted"}, {"-f", "@y:hex"}, {"-f", "@y:float"}, {"-f", "@y:tilde"}, {"-f", "@y:date"},
        {"-f", "@y:one"}, {"-f", "@y:colon"}, {"-f", "@y:*"}, {"-l", "-s", "y"}, {"-ll", "-s", "y"}, {"-LL"},
        {"-r", "-s", "y", "n3"},
        // Indices past 2^63 (ClusterShell takes Python ints): 19 to 36 digits, padding, steps, algebra, slices.
        {"-f", "n[100000000000000000000-100000000000000000003],n5,n0000000000000000000000007"},
        {"-c", "n[100000000000000000000-100000000000000000010/2]"},
        {"-f", "--autostep=3", "n[100000000000000000000-100000000000000000010/2]"},
        {"-f", "--autostep=7", "n[100000000000000000000-100000000000000000010/2]"},
        {"-e", "n[99999999999999999999-100000000000000000001]"},
        {"-f", "n[999999999999999999-1000000000000000001]"}, {"-f", "n[0999999999999999999-1000000000000000001]"},
        {"-f", "n[1-100000000000000000000000]"}, {"-f", "n123456789012345678901234567890123456"},
        {"-f", "n[123456789012345678901234567890123450-123456789012345678901234567890123459],n1"},
        {"-f", "n[9223372036854775806-9223372036854775809]"}, {"-f", "n18446744073709551616,n18446744073709551615"},
        {"-f", "n[100000000000000000000-100000000000000000009]!n100000000000000000005"},
        {"-f", "n[100000000000000000000-100000000000000000009]&n[100000000000000000005-100000000000000000020]"},
        {"-f", "n[100000000000000000000-100000000000000000009]^n[100000000000000000005-100000000000000000020]"},
        {"-f", "n[100000000000000000000-100000000000000000009]", "-x", "n100000000000000000003"},
        {"-f", "n[100000000000000000000-100000000000000000009]", "-i", "n[1-5,100000000000000000003]"},
        {"-I", "0-1", "-f", "n[100000000000000000000-100000000000000000003]"},
        {"-I", "3", "-e", "n[1-3],n[100000000000000000000-100000000000000000003]"},
        {"-c", "n[1-3],n[100000000000000000000-100000000000000000003],m100000000000000000000"},
        {"-e", "r[100000000000000000000-100000000000000000001]n[1-2]"},
        {"-f", "r[100000000000000000000-100000000000000000001]n[1-2]"},
        {"--contiguous", "-f", "n[1-3,100000000000000000000-100000000000000000003,100000000000000000007]"},
        {"--split=2", "-f", "n[1-3,100000000000000000000-100000000000000000003]"},
        {"-R", "-f", "100000000000000000000-100000000000000000003,7"},
        {"-R", "-e", "0000000000000000000000001-0000000000000000000000003"},
        {"-f", "n[100000000000000000000-100000000000000000000000000]"},
        {"-f", "n[100000000000000000003-100000000000000000001]"},
        {"-f", "n[0100000000000000000003-100000000000000000001]"},
    };

    @Test
    void stdinSplitsOnUnicodeBlanksAsPythonDoes() throws Exception {
        assumeTrue(Files.isExecutable(NODESET), "/usr/bin/nodeset (Debian's clustershell) not installed: skipped");
        List<String> bad = new ArrayList<>();
        for (String stdin : List.of("node1\u00a0node2\u2003node3\n", "n1\u202fn2\u3000n3 # c\u00a0n9\n", "n1\u001cn2\n")) {
            compare(new String[] {"-f"}, stdin, bad);
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void cornersAgreeWithTheRealNodeset() throws Exception {
        assumeTrue(Files.isExecutable(NODESET), "/usr/bin/nodeset (Debian's clustershell) not installed: skipped");
        List<String> bad = new ArrayList<>();
        for (String[] c : CASES) {
            String[] argv = new String[c.length + 1];
            argv[0] = "--groupsconf=" + conf;
            System.arraycopy(c, 0, argv, 1, c.length);
            compare(argv, "", bad);
        }
        assertThat(bad).isEmpty();
    }

    private static void compare(String[] argv, String stdin, List<String> bad) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NODESET.toString()));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] want = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = NodesetMain.run(argv, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String got = out.toString(StandardCharsets.UTF_8);
        String expected = new String(want, StandardCharsets.UTF_8);
        if (!got.equals(expected) || (rc == 0) != (p.exitValue() == 0)) {
            bad.add(String.join(" ", argv).replace(conf, "GC") + ": nodeset rc=" + p.exitValue() + " out=" + expected.strip()
                    + " | herd rc=" + rc + " out=" + got.strip() + " err=" + err.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
