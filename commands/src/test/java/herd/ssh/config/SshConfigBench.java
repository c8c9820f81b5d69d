package herd.ssh.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bench main (not a test): parse an ssh_config of B {@code Host} blocks, then resolve N nodes
 * against it, in one JVM; prints the parse time (first, cold JVM as in a new shell, and best of
 * ten more) and the wall time of one pass over all nodes: the first, the best and the median.
 * Passes stop after {@code passes} or after 20 s, whichever comes first.
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl commands -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp nodeset/target/classes:commands/target/classes:commands/target/test-classes:$(cat commands/target/bench.cp) \
 *     herd.ssh.SshConfigBench 1000 1000 20      # Host blocks, nodes, passes
 * }</pre>
 *
 * The file looks like an admin's: one block per node (HostName, User, Port), a block per rack
 * with a wildcard and a negation, and a closing {@code Host *} with an IdentityFile.
 */
public final class SshConfigBench {

    private SshConfigBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(args[0]);
        int nodes = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        List<String> lines = config(blocks);
        long t0 = System.nanoTime();
        SshConfig config = SshConfig.parse("bench", lines, Path.of("/home/admin"));
        double parseMs = (System.nanoTime() - t0) / 1e6;
        double parseBest = parseMs;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            SshConfig.parse("bench", lines, Path.of("/home/admin"));
            parseBest = Math.min(parseBest, (System.nanoTime() - t) / 1e6);
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(String.format("node%04d", i));
        }
        double[] walls = new double[passes];
        int done = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        long checksum = 0;
        while (done < passes && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            for (String n : names) {
                checksum += config.resolve(n, "root", 22).port();
            }
            walls[done++] = (System.nanoTime() - start) / 1e6;
        }
        double[] ran = Arrays.copyOf(walls, done);
        Arrays.sort(ran);
        System.out.printf("ssh_config %d Host blocks, %d nodes: parse first %.1f ms, best %.1f ms; resolve all nodes"
                + " first %.2f ms, best %.2f ms, median %.2f ms (%d passes, checksum %d)%n", blocks, nodes, parseMs,
                parseBest, walls[0], ran[0], ran[done / 2], done, checksum);
    }

    private static List<String> config(int blocks) {
        List<String> lines = new ArrayList<>();
        lines.add("# generated: one block per node, one per rack of 40, then defaults");
        for (int i = 1; i <= blocks; i++) {
            lines.add(String.format("Host node%04d", i));
            lines.add(String.format("    HostName 10.%d.%d.%d", i / 65536, (i / 256) % 256, i % 256));
            lines.add("    User admin");
            lines.add("    Port " + (2000 + i % 100));
            if (i % 40 == 0) {
                lines.add(String.format("Host rack%02d-* !rack%02d-spare?", i / 40, i / 40));
                lines.add("    ProxyJump gate" + i / 40);
            }
        }
        lines.add("Host *");
        lines.add("    IdentityFile ~/.ssh/id_ed25519");
        lines.add("    User root");
        return lines;
    }
}
