package herd.nodeset;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a {@link RangeSet} into ClusterShell's text: consecutive indexes of the same padding
 * become {@code a-b}; with an autostep threshold, arithmetic runs of at least that many indexes
 * become {@code a-b/step}. Mirrors ClusterShell 1.9.1 element by element, including its choice
 * of where a stepped run ends.
 */
final class RangeFolder {
    /** One folded slice: first, last, step and printed padding (0 = none). */
    record Slice(long first, long last, long step, int pad) {
        void appendTo(StringBuilder sb) {
            sb.append(Index.formatPad(pad, first));
            if (first != last) {
                sb.append('-').append(Index.formatPad(pad, last));
                if (step != 1) {
                    sb.append('/').append(step);
                }
            }
        }
    }

    private RangeFolder() {
    }

    static String fold(RangeSet r, int autostep) {
        StringBuilder sb = new StringBuilder();
        for (Slice s : slices(r, autostep, autostep)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            s.appendTo(sb);
        }
        return sb.toString();
    }

    static List<RangeSet> contiguous(RangeSet r, int autostep) {
        List<RangeSet> out = new ArrayList<>();
        for (Slice s : slices(r, RangeSet.AUTOSTEP_OFF, autostep)) {
            RangeSet.Builder b = new RangeSet.Builder();
            for (long v = s.first(); v <= s.last(); v += s.step()) {
                b.add(v, s.pad());
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * ClusterShell's slice iterator. {@code midAutostep} decides inside the set and
     * {@code endAutostep} for the final slice (1.9.1 uses the set's own autostep there even when
     * iterating contiguous slices).
     */
    static List<Slice> slices(RangeSet r, int midAutostep, int endAutostep) {
        List<Slice> out = new ArrayList<>();
        if (midAutostep == RangeSet.AUTOSTEP_OFF && endAutostep == RangeSet.AUTOSTEP_OFF) {
            foldRuns(r, out);
            return out;
        }
        new Walker(out, threshold(midAutostep)).walk(r, threshold(endAutostep));
        return out;
    }

    private static double threshold(int autostep) {
        return autostep == RangeSet.AUTOSTEP_OFF ? Double.POSITIVE_INFINITY : autostep - 1.0;
    }

    /** Without autostep a slice is a maximal run of consecutive indexes of one padding. */
    private static void foldRuns(RangeSet r, List<Slice> out) {
        int n = r.runCount();
        int i = 0;
        while (i < n) {
            boolean padded = Index.padded(r.lens[i], r.los[i]);
            int width = r.lens[i] < 0 ? -r.lens[i] : r.lens[i];
            long first = r.los[i];
            long last = r.his[i];
            int j = i + 1;
            while (j < n && r.los[j] == last + 1 && samePadding(padded, width, r.lens[j], r.los[j])) {
                last = r.his[j];
                j++;
            }
            out.add(new Slice(first, last, 1, padded ? width : 0));
            i = j;
        }
    }

    private static boolean samePadding(boolean padded, int width, int len, long v) {
        return padded ? Index.padded(len, v) && len == width : !Index.padded(len, v);
    }

    /** Element-by-element port of ClusterShell's stepping state machine. */
    private static final class Walker {
        private final List<Slice> out;
        private final double mid;
        private boolean started;
        private long curStart;
        private long lastIdx;
        private boolean hasStep;
        private long curStep;
        private boolean curPadded;
        private int curPad;

        Walker(List<Slice> out, double mid) {
            this.out = out;
            this.mid = mid;
        }

        void walk(RangeSet r, double end) {
            for (int i = 0; i < r.runCount(); i++) {
                int width = Math.abs(r.lens[i]);
                for (long v = r.los[i]; v <= r.his[i]; v++) {
                    step(v, width, Index.padded(r.lens[i], v));
                }
            }
            if (!started) {
                return;
            }
            boolean stepped = !hasStep || (lastIdx - curStart) >= end * curStep;
            if (stepped || curStep == 1) {
                out.add(new Slice(curStart, lastIdx, hasStep ? curStep : 1, pad()));
            } else {
                singles(curStart, lastIdx + 1, curStep);
            }
        }

        private int pad() {
            return curPadded ? curPad : 0;
        }

        private void singles(long from, long stopExclusive, long step) {
            for (long j = from; j < stopExclusive; j += step) {
                out.add(new Slice(j, j, 1, pad()));
            }
        }

        private void restart(long v, int width, boolean padded) {
            curStart = v;
            curPadded = padded;
            curPad = width;
        }

        private void step(long v, int width, boolean padded) {
            if (!started) {
                started = true;
                restart(v, width, padded);
                hasStep = false;
                lastIdx = v;
                return;
            }
            boolean padMismatch = curPadded ? width != curPad : padded;
            boolean stepMismatch = !padMismatch && hasStep && curStep != v - lastIdx;
            if (padMismatch || stepMismatch) {
                boolean stepped = !hasStep || curStep == 1 || (lastIdx - curStart) >= mid * curStep;
                long step = hasStep ? curStep : 1;
                if (stepped) {
                    out.add(new Slice(curStart, lastIdx, step, pad()));
                    restart(v, width, padded);
                } else if (padMismatch) {
                    singles(curStart, lastIdx + 1, step);
                    restart(v, width, padded);
                } else {
                    singles(curStart, lastIdx - step + 1, step);
                    curStart = lastIdx;
                }
                hasStep = stepMismatch;
                curStep = v - lastIdx;
                lastIdx = v;
                return;
            }
            hasStep = true;
            curStep = v - lastIdx;
            lastIdx = v;
        }
    }
}
