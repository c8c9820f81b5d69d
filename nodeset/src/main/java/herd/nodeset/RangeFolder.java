package herd.nodeset;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a {@link RangeSet} into ClusterShell's text: consecutive indexes become {@code a-b};
 * with an autostep threshold, arithmetic runs of at least that many indexes become
 * {@code a-b/step}. Mirrors ClusterShell 1.9.1's state machine element by element (a slice keeps
 * the padding of the index that opened it, even across a restart), skipping over consecutive
 * stretches in one step so large runs cost O(runs).
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
            RangeSetBuilder b = new RangeSetBuilder();
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
        new Walker(out, threshold(midAutostep)).walk(r, threshold(endAutostep));
        return out;
    }

    private static double threshold(int autostep) {
        return autostep == RangeSet.AUTOSTEP_OFF ? Double.POSITIVE_INFINITY : autostep - 1.0;
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
                int len = r.lens[i];
                int width = Math.abs(len);
                long hi = r.his[i];
                long v = r.los[i];
                while (v <= hi) {
                    step(v, width, Index.padded(len, v));
                    // Inside a consecutive stretch the state only moves lastIdx: jump to the run end.
                    if (hasStep && curStep == 1 && v < hi
                            && (curPadded ? width == curPad : !Index.padded(len, v + 1))) {
                        lastIdx = hi;
                        v = hi + 1;
                    } else {
                        v++;
                    }
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
