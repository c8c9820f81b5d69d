package herd.nodeset.bench;

import herd.nodeset.NodeSet;
import herd.nodeset.RangeSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** In-process costs of the operations bench/nodeset.sh times as whole processes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NodeSetBench {
    private List<String> names;
    private NodeSet cube;

    @Setup
    public void setup() {
        names = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            names.add("node" + i);
        }
        Collections.shuffle(names, new Random(1));
        cube = NodeSet.parse("r[1-100]c[1-100]n[1-100]");
    }

    @Benchmark
    public String fold100kNames() {
        return NodeSet.fromNames(names).toString();
    }

    @Benchmark
    public long count3dMillion() {
        return NodeSet.parse("r[1-100]c[1-100]n[1-100]").count();
    }

    @Benchmark
    public long count3dDifference() {
        return NodeSet.parse("r[1-100]c[1-100]n[1-100]!r[1-50]c[1-50]n[1-50]").count();
    }

    @Benchmark
    public int expand200k() {
        int total = 0;
        for (String s : NodeSet.parse("node[1-200000]")) {
            total += s.length();
        }
        return total;
    }

    @Benchmark
    public String foldMillionRange() {
        return RangeSet.parse("0-999999").difference(RangeSet.parse("500-600,7000")).toString();
    }

    @Benchmark
    public boolean containsInCube() {
        return cube.contains("r77c12n99");
    }
}
