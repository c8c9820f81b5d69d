package herd.nodeset.diff;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random nodeset command lines: ranges with padding and steps, n-D names, digits next to
 * brackets, operators, groups of every source kind, and the options of {@code nodeset}, plus a
 * share of malformed input. The same seed always gives the same corpus.
 */
final class CorpusGenerator {
    private static final String[] PREFIXES = {"n", "node", "r", "x", "a-", "b.c", "gpu", "cn_"};
    private static final String[] GROUPS = {"@compute", "@yml:gpu", "@up:rack1", "@up:gpu", "@*", "@@yml",
        "@rack[1-2]", "@other:*", "@login", "@io", "@grid", "@rack10", "@ext:g1", "@up:*", "@@up", "node0*", "n?", "*o*", "login?"};
    private static final String[] OPS = {",", ",", ",", "!", "&", "^"};

    /** Bases of the huge-index corpus: around 2^63, 10^20 and a 36-digit number. */
    private static final BigInteger[] HUGE = {BigInteger.TWO.pow(63).subtract(BigInteger.valueOf(6)),
        BigInteger.TEN.pow(20).subtract(BigInteger.valueOf(5)), new BigInteger("123456789012345678901234567890123000")};

    private final Random rnd;
    private final boolean huge;

    CorpusGenerator(long seed) {
        this(seed, false);
    }

    /** With {@code huge}, every index is offset past 2^63 or padded to 20 digits and more. */
    CorpusGenerator(long seed, boolean huge) {
        this.rnd = new Random(seed);
        this.huge = huge;
    }

    /** {@code v} written with zero padding {@code pad}, moved past 2^63 in the huge corpus. */
    private String number(int v, int pad, BigInteger base) {
        if (base == null) {
            return pad == 0 ? Integer.toString(v) : String.format("%0" + pad + "d", v);
        }
        String s = base.add(BigInteger.valueOf(v)).toString();
        return s.length() >= pad ? s : "0".repeat(pad - s.length()) + s;
    }

    /** The base of one index or range list: null (ordinary), a huge base, or zero for wide padding. */
    private BigInteger base(int pad) {
        if (!huge) {
            return null;
        }
        return pad > 0 ? BigInteger.ZERO : p(20) ? null : pick(HUGE);
    }

    private int hugePad(int pad) {
        return huge && pad > 0 ? 19 + rnd.nextInt(4) : pad;
    }

    List<DiffCase> generate(int n) {
        List<DiffCase> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    private boolean p(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private DiffCase next() {
        List<String> args = new ArrayList<>();
        boolean groups = p(25);
        if (groups) {
            args.add("--groupsconf={GC}");
        }
        int kind = rnd.nextInt(100);
        if (kind < 6) {
            return rangeCase(args);
        }
        if (groups && kind < 16) {
            return listCase(args);
        }
        String cmd = kind < 55 ? "-f" : kind < 80 ? "-e" : "-c";
        args.add(cmd);
        options(args, cmd);
        String stdin = "";
        if (p(12)) {
            StringBuilder sb = new StringBuilder();
            for (int i = rnd.nextInt(6); i >= 0; i--) {
                sb.append(term(groups)).append(p(50) ? "\n" : " ");
                if (p(10)) {
                    sb.append("# comment ").append(term(false)).append('\n');
                }
            }
            stdin = sb.append('\n').toString();
            if (p(50)) {
                args.add("-");
            }
        }
        if (stdin.isEmpty() || p(50)) {
            for (int i = rnd.nextInt(3); i >= 0; i--) {
                if (i == 0 && p(10)) {
                    args.add(pick(new String[] {"-x", "-i", "-X"}));
                }
                args.add(expr(groups));
            }
        }
        return new DiffCase(args, stdin, -1, "");
    }

    private void options(List<String> args, String cmd) {
        if (p(15)) {
            args.add("--autostep=" + pick(new String[] {"1", "2", "3", "4", "auto", "50%", "10%"}));
        }
        if (cmd.equals("-e") && p(20)) {
            args.add("-S");
            args.add(pick(new String[] {",", "\\n", ":", " - ", "\\t"}));
        }
        if (p(10)) {
            args.add("-O");
            args.add(cmd.equals("-c") ? pick(new String[] {"%s", "count=%d", "%5d"}) : pick(new String[] {"%s-ib", "pre%s", "%s"}));
        }
        if (p(8)) {
            args.add("-I");
            args.add(pick(new String[] {"0", "0-2", "1,3-5", "2-9/2", "5-100"}));
        }
        if (p(10)) {
            if (p(50)) {
                args.add("--split=" + (1 + rnd.nextInt(4)));
            } else {
                args.add("--contiguous");
            }
        }
        if (cmd.equals("-f") && p(10)) {
            args.add("--axis=" + pick(new String[] {"1", "2", "1-2", "-1", "3", "1,3"}));
        }
        for (int i = 0; i < 2 && p(12); i++) {
            args.add(pick(new String[] {"-x", "-i", "-X"}));
            args.add(expr(false));
        }
    }

    private DiffCase rangeCase(List<String> args) {
        args.add("-R");
        args.add(pick(new String[] {"-f", "-e", "-c"}));
        if (p(20)) {
            args.add("--autostep=" + (1 + rnd.nextInt(4)));
        }
        for (int i = rnd.nextInt(2); i >= 0; i--) {
            if (i == 0 && p(20)) {
                args.add(pick(new String[] {"-x", "-i", "-X"}));
            }
            args.add(rangeSet(rnd.nextInt(3) == 0 ? 2 : 0));
        }
        return new DiffCase(args, "", -1, "");
    }

    private DiffCase listCase(List<String> args) {
        args.add(pick(new String[] {"-l", "-ll", "-lll", "-L", "-LL", "-LLL", "-r", "-r", "--groupsources"}));
        boolean source = p(30);
        if (source) {
            args.add("-s");
            args.add(pick(new String[] {"yml", "up", "other"}));
        }
        if (p(20)) {
            args.add("-G");
        }
        if (p(60)) {
            args.add(pick(new String[] {"node[01-10]", "node[01-06],login1", "n[1-8],x1", "n[1-4]", "o[1-3]",
                "node[01-05],io[1-3]", "node[09-10]", source ? "x1" : "@compute,x1"}));
        }
        return new DiffCase(args, "", -1, "");
    }

    String expr(boolean groups) {
        StringBuilder sb = new StringBuilder(term(groups));
        for (int i = rnd.nextInt(3); i > 0; i--) {
            sb.append(pick(OPS)).append(term(groups));
        }
        String s = sb.toString();
        return p(4) ? corrupt(s) : s;
    }

    private String corrupt(String s) {
        return switch (rnd.nextInt(7)) {
            case 0 -> s.replaceFirst("\\]", "");
            case 1 -> s.replaceFirst("\\[", "");
            case 2 -> s + pick(OPS);
            case 3 -> s.replaceFirst("\\[", "[9-1,");
            case 4 -> s.replaceFirst("\\[", "[a");
            case 5 -> s.replaceFirst("\\[", "[01-1,");
            default -> pick(OPS) + s;
        };
    }

    String term(boolean groups) {
        if (groups && p(35)) {
            return pick(GROUPS);
        }
        String pfx = pick(PREFIXES);
        int pad = p(25) ? 2 + rnd.nextInt(2) : 0;
        return switch (rnd.nextInt(10)) {
            case 0 -> pfx.replaceAll("[^a-z]", "") + (p(50) ? "" : "login");
            case 1, 2 -> pfx + index(pad);
            case 3 -> pfx + "[" + rangeSet(pad) + "]" + pick(new String[] {"-ib", "p", ".x"});
            case 4 -> "r[" + rangeSet(0) + "]" + pfx + "[" + rangeSet(pad) + "]";
            case 5 -> "r[" + rangeSet(0) + "]c" + index(0) + "n[" + rangeSet(pad) + "]";
            case 6 -> pfx + (1 + rnd.nextInt(3)) + "[" + rangeSet(0) + "]";
            case 7 -> pfx + "[" + plainRange() + "]" + rnd.nextInt(3);
            default -> pfx + "[" + rangeSet(pad) + "]";
        };
    }

    private String plainRange() {
        int a = rnd.nextInt(10);
        return p(50) ? Integer.toString(a) : a + "-" + (a + rnd.nextInt(4));
    }

    private String index(int pad) {
        int v = rnd.nextInt(p(10) ? 200 : 25);
        int width = hugePad(pad);
        return number(v, width, base(width));
    }

    String rangeSet(int padding) {
        int pad = hugePad(padding);
        BigInteger base = base(pad);
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(3); i >= 0; i--) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            int a = rnd.nextInt(p(10) ? 120 : 20);
            int b = a + rnd.nextInt(12);
            String fa = number(a, pad, base);
            String fb = number(b, pad, base);
            if (fa.length() != fb.length() && pad > 0) {
                fb = fa;
            }
            switch (rnd.nextInt(4)) {
                case 0 -> sb.append(fa);
                case 1 -> sb.append(fa).append('-').append(fb).append('/').append(2 + rnd.nextInt(3));
                default -> sb.append(fa).append('-').append(fb);
            }
        }
        return sb.toString();
    }
}
