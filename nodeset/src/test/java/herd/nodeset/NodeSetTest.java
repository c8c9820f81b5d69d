package herd.nodeset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NodeSetTest {

    @Test
    void foldsExpandsAndCounts() {
        NodeSet ns = NodeSet.parse("valkyrie[01-10]!valkyrie05,login1");
        assertThat(ns.toString()).isEqualTo("login1,valkyrie[01-04,06-10]");
        assertThat(ns.size()).isEqualTo(10);
        assertThat(ns.contains("valkyrie07")).isTrue();
        assertThat(ns.contains("valkyrie7")).isFalse();
        assertThat(ns.expand()).startsWith("login1", "valkyrie01").endsWith("valkyrie10");
    }

    @Test
    void operatorsApplyLeftToRight() {
        assertThat(NodeSet.parse("n[1-5]!n3,n3").toString()).isEqualTo("n[1-5]");
        assertThat(NodeSet.parse("n[1-5]&n[4-9]^n[5-6]").toString()).isEqualTo("n[4,6]");
        assertThat(NodeSet.parse("n1,n2!n[1-2]").isEmpty()).isTrue();
    }

    @Test
    void multiDimensionalSets() {
        NodeSet ns = NodeSet.parse("r[1-2]n[1-4]!r1n2");
        assertThat(ns.toString()).isEqualTo("r2n[1-4],r1n[1,3-4]");
        assertThat(ns.expand()).containsExactly("r2n1", "r2n2", "r2n3", "r2n4", "r1n1", "r1n3", "r1n4");
        assertThat(ns.fold(RangeSet.AUTOSTEP_OFF, new int[] {0})).isEqualTo("r2n1,r2n2,r2n3,r2n4,r1n1,r1n3,r1n4");
    }

    @Test
    void bigMultiDimensionalDifferenceIsFast() {
        long t0 = System.nanoTime();
        NodeSet ns = NodeSet.parse("r[1-100]c[1-100]n[1-100]!r[1-50]c[1-50]n[1-50]");
        assertThat(ns.count()).isEqualTo(875_000);
        assertThat(ns.contains("r51c1n1")).isTrue();
        assertThat(ns.contains("r50c50n50")).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
    }

    @Test
    void valuesAreEqualByContent() {
        NodeSet a = NodeSet.parse("n[1-3],x");
        NodeSet b = NodeSet.fromNames(List.of("x", "n3", "n1", "n2"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(NodeSet.parse("n[01-02]")).isNotEqualTo(NodeSet.parse("n[1-2]"));
        assertThat(NodeSet.empty().toString()).isEmpty();
    }

    @Test
    void algebraMatchesAModelSetOnRandomNames() {
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            TreeSet<String> a = randomNames(rnd);
            TreeSet<String> b = randomNames(rnd);
            NodeSet na = NodeSet.fromNames(a);
            NodeSet nb = NodeSet.fromNames(b);
            assertThat(NodeSet.parse(na.toString())).as("round trip of %s", na).isEqualTo(na);
            assertModel(na.union(nb), union(a, b));
            assertModel(na.intersection(nb), inter(a, b));
            assertModel(na.difference(nb), minus(a, b));
            assertModel(na.symmetricDifference(nb), union(minus(a, b), minus(b, a)));
            if (!na.isEmpty() && !nb.isEmpty()) {
                assertThat(NodeSet.parse(na + "," + nb)).isEqualTo(na.union(nb));
            }
        }
    }

    private static void assertModel(NodeSet got, TreeSet<String> want) {
        assertThat(new TreeSet<>(got.expand())).isEqualTo(want);
        assertThat(got.count()).isEqualTo(want.size());
        for (String n : want) {
            assertThat(got.contains(n)).as(n).isTrue();
        }
    }

    private static TreeSet<String> randomNames(Random rnd) {
        TreeSet<String> s = new TreeSet<>();
        String[] prefixes = {"n", "node", "r%sc", "x%s-ib", "gpu"};
        int n = rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            String p = prefixes[rnd.nextInt(prefixes.length)];
            String idx = index(rnd);
            s.add(p.contains("%s") ? String.format(p, rnd.nextInt(4)) + idx : p + idx);
        }
        if (rnd.nextInt(5) == 0) {
            s.add("login");
        }
        return s;
    }

    private static String index(Random rnd) {
        int v = rnd.nextInt(rnd.nextBoolean() ? 12 : 150);
        return rnd.nextInt(4) == 0 ? String.format("%03d", v) : Integer.toString(v);
    }

    private static TreeSet<String> union(TreeSet<String> a, TreeSet<String> b) {
        TreeSet<String> r = new TreeSet<>(a);
        r.addAll(b);
        return r;
    }

    private static TreeSet<String> inter(TreeSet<String> a, TreeSet<String> b) {
        TreeSet<String> r = new TreeSet<>(a);
        r.retainAll(b);
        return r;
    }

    private static TreeSet<String> minus(TreeSet<String> a, TreeSet<String> b) {
        TreeSet<String> r = new TreeSet<>(a);
        r.removeAll(b);
        return r;
    }

    @Test
    void slicingAndSplitting() {
        NodeSet ns = NodeSet.parse("a,n[1-10]");
        assertThat(ns.slice(0, 3).toString()).isEqualTo("a,n[1-2]");
        assertThat(ns.select(RangeSet.parse("1,9-10")).toString()).isEqualTo("n[1,9-10]");
        List<String> parts = new ArrayList<>();
        ns.split(3).forEach(p -> parts.add(p.toString()));
        assertThat(parts).containsExactly("a,n[1-3]", "n[4-7]", "n[8-10]");
    }
}
