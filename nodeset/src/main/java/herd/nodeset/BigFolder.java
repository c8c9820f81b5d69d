package herd.nodeset;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RangeFolder}'s state machine in BigInteger arithmetic, for sets holding indexes of 19
 * digits or more: ClusterShell's slices run on across the long/big boundary (unpadded
 * {@code 999999999999999999,1000000000000000000} is one range), so such a set is walked whole.
 */
final class BigFolder {
    record Slice(BigInteger first, BigInteger last, BigInteger step, int pad) {
        void appendTo(StringBuilder sb) {
            sb.append(BigIndexes.format(pad, first));
            if (!first.equals(last)) {
                sb.append('-').append(BigIndexes.format(pad, last));
                if (!step.equals(BigInteger.ONE)) {
                    sb.append('/').append(step);
                }
            }
        }
    }

    private BigFolder() {
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
            for (BigInteger v = s.first(); v.compareTo(s.last()) <= 0; v = v.add(s.step())) {
                b.addBig(v, s.pad());
            }
            out.add(b.build());
        }
        return out;
    }

    static List<Slice> slices(RangeSet r, int midAutostep, int endAutostep) {
        List<Slice> out = new ArrayList<>();
        new Walker(out, threshold(midAutostep)).walk(r, threshold(endAutostep));
        return out;
    }

    /** autostep - 1 as a BigInteger, null meaning "never". */
    private static BigInteger threshold(int autostep) {
        return autostep == RangeSet.AUTOSTEP_OFF ? null : BigInteger.valueOf(autostep - 1L);
    }

    private static boolean reaches(BigInteger span, BigInteger threshold, BigInteger step) {
        return threshold != null && span.compareTo(threshold.multiply(step)) >= 0;
    }

    private static boolean padded(int len, BigInteger v) {
        return v.signum() >= 0 && len > v.toString().length();
    }

    private static final class Walker {
        private final List<Slice> out;
        private final BigInteger mid;
        private boolean started;
        private BigInteger curStart;
        private BigInteger lastIdx;
        private boolean hasStep;
        private BigInteger curStep;
        private boolean curPadded;
        private int curPad;

        Walker(List<Slice> out, BigInteger mid) {
            this.out = out;
            this.mid = mid;
        }

        void walk(RangeSet r, BigInteger end) {
            for (int i = 0; i < r.runCount(); i++) {
                int len = r.lens[i];
                int width = Math.abs(len);
                BigInteger hi = BigInteger.valueOf(r.his[i]);
                BigInteger v = BigInteger.valueOf(r.los[i]);
                while (v.compareTo(hi) <= 0) {
                    step(v, width, padded(len, v));
                    if (hasStep && curStep.equals(BigInteger.ONE) && v.compareTo(hi) < 0
                            && (curPadded ? width == curPad : !padded(len, v.add(BigInteger.ONE)))) {
                        lastIdx = hi;
                        v = hi.add(BigInteger.ONE);
                    } else {
                        v = v.add(BigInteger.ONE);
                    }
                }
            }
            BigIndexes big = r.big;
            for (int i = 0; i < big.size(); i++) {
                step(big.values[i], big.lens[i], padded(big.lens[i], big.values[i]));
            }
            if (!started) {
                return;
            }
            boolean stepped = !hasStep || reaches(lastIdx.subtract(curStart), end, curStep);
            if (stepped || curStep.equals(BigInteger.ONE)) {
                out.add(new Slice(curStart, lastIdx, hasStep ? curStep : BigInteger.ONE, pad()));
            } else {
                singles(curStart, lastIdx, curStep);
            }
        }

        private int pad() {
            return curPadded ? curPad : 0;
        }

        private void singles(BigInteger from, BigInteger lastInclusive, BigInteger step) {
            for (BigInteger j = from; j.compareTo(lastInclusive) <= 0; j = j.add(step)) {
                out.add(new Slice(j, j, BigInteger.ONE, pad()));
            }
        }

        private void restart(BigInteger v, int width, boolean padded) {
            curStart = v;
            curPadded = padded;
            curPad = width;
        }

        private void step(BigInteger v, int width, boolean padded) {
            if (!started) {
                started = true;
                restart(v, width, padded);
                hasStep = false;
                lastIdx = v;
                return;
            }
            BigInteger delta = v.subtract(lastIdx);
            boolean padMismatch = curPadded ? width != curPad : padded;
            boolean stepMismatch = !padMismatch && hasStep && !curStep.equals(delta);
            if (padMismatch || stepMismatch) {
                BigInteger step = hasStep ? curStep : BigInteger.ONE;
                boolean stepped = !hasStep || curStep.equals(BigInteger.ONE)
                        || reaches(lastIdx.subtract(curStart), mid, curStep);
                if (stepped) {
                    out.add(new Slice(curStart, lastIdx, step, pad()));
                    restart(v, width, padded);
                } else if (padMismatch) {
                    singles(curStart, lastIdx, step);
                    restart(v, width, padded);
                } else {
                    singles(curStart, lastIdx.subtract(step), step);
                    curStart = lastIdx;
                }
                hasStep = stepMismatch;
                curStep = delta;
                lastIdx = v;
                return;
            }
            hasStep = true;
            curStep = delta;
            lastIdx = v;
        }
    }
}
