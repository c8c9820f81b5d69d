package herd.nodeset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NodesetMainTest {
    private String out;
    private String err;

    private int run(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = NodesetMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return rc;
    }

    @Test
    void keepsTheLastCharacterOfAnUnterminatedStdinLine() {
        // ClusterShell 1.9.1 prints "node[1-2],node3" minus its last char ("node1" "node2" "node")
        assertThat(run("node1 node2\nnode3", "-f")).isZero();
        assertThat(out).isEqualTo("node[1-3]\n");
    }

    @Test
    void stdinCommentsAndDashOperand() {
        assertThat(run("n1 # n2\nn3\n", "-f", "-", "x1")).isZero();
        assertThat(out).isEqualTo("n[1,3],x1\n");
        assertThat(run("n2\n", "-f", "n[1-3]", "-x", "-")).isZero();
        assertThat(out).isEqualTo("n[1,3]\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -c                 | nodeset: error: No command specified.
            -f -e n1           | nodeset: error: Multiple commands not allowed.
            -R -a -f           | nodeset: error: -a/-r only supported in NodeSet mode
            -e --axis=1 n1     | nodeset: error: --axis option is only supported when folding nodeset
            -f --split=2 --contiguous n1 | nodeset: error: incompatible splitting options (split, contiguous)
            -f --bogus n1      | nodeset: error: no such option: --bogus
            """)
    void usageErrorsExitWithTwo(String args, String message) {
        String[] argv = args.equals("-c") ? new String[0] : args.split(" ");
        assertThat(run("", argv)).isEqualTo(2);
        assertThat(err).endsWith(message + "\n").startsWith(NodesetMain.USAGE);
        assertThat(out).isEmpty();
    }

    @Test
    void parseErrorsAreOneLineWithStatusOne() {
        assertThat(run("", "-f", "n[3-1]")).isEqualTo(1);
        assertThat(err).isEqualTo("nodeset: bad range \"3-1\": reversed (3 > 1)\n");
        assertThat(out).isEmpty();
    }

    @Test
    void pickKeepsRequestedCountInsideTheSet() {
        assertThat(run("", "-e", "--pick=3", "n[1-10]")).isZero();
        String[] picked = out.strip().split(" ");
        assertThat(picked).hasSize(3).allMatch(s -> s.matches("n([1-9]|10)"));
    }

    @Test
    void rangesetModeAndFormats() {
        assertThat(run("", "-R", "-f", "1-5,7", "-x", "3")).isZero();
        assertThat(out).isEqualTo("1-2,4-5,7\n");
        assertThat(run("", "-e", "-S", "\\n", "-O", "%s-ib", "n[1-2]")).isZero();
        assertThat(out).isEqualTo("n1-ib\nn2-ib\n");
        assertThat(run("", "-c", "-O", "count=%d", "r[1-100]c[1-100]n[1-100]!r[1-50]c[1-50]n[1-50]")).isZero();
        assertThat(out).isEqualTo("count=875000\n");
    }
}
