package io.github.mixwright.dynamics;

import java.util.Arrays;

/**
 * One channel of the {@link TruePeakLimiter}'s gain computer, working on gain reductions
 * {@code d = 1 - gain} (linear): release, then a running maximum over the hold window, then a running
 * mean over the lookahead. See the limiter's documentation for why each step keeps the ceiling.
 *
 * <p>The running maximum is van Herk and Gil-Werman's: time is cut into blocks as long as the window,
 * and the window ending at a frame is a suffix of the previous block and a prefix of the current one,
 * so its maximum is the larger of the previous block's suffix maximum (computed once the block is
 * complete) and the running maximum of the current block. Three comparisons per frame and no branch,
 * where a queue of candidates pops an unpredictable number of them on noise.
 *
 * <p>The running mean is kept as an integer sum of the reductions rounded up to multiples of
 * {@code 2^-k}, about {@code 2^-43} for a 5 ms lookahead at 48 kHz (to the nearest multiple, plus one): it never drifts, it is exactly zero (a gain of
 * exactly 1) when the window holds no reduction, and rounding only ever lowers the gain. Roundings and
 * conversions between integers and doubles go through the bits ({@code 1.5 2^52} and {@code 2^52}
 * added), as in {@link FastLog}. Not thread-safe.
 */
final class LimiterEnvelope {
    /** A reduction below this (about 1e-9 dB) counts as none, so the gain returns to exactly 1. */
    static final double SETTLED = 1e-10;
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final double TWO_52 = 0x1p52;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);

    private final int ramp;
    private final int hold;
    /** Units of the running mean's integers per unit of reduction: {@code 2^k}, so the sum stays under {@code 2^52}. */
    private final double scale;
    private final double unit;
    /**
     * The current block of the running maximum, and the suffix maxima of the previous one (0 after it),
     * as the bits of the reductions: non-negative doubles order like their bits, and the larger of two
     * longs is a conditional move where the larger of two doubles takes a longer sequence, on the
     * frame-to-frame chain of the running maximum.
     */
    private final long[] block;
    private final long[] suffix;
    private int blockAt;
    private long prefix;
    /** Running mean: the last {@code ramp} maxima, scaled, and their sum. */
    private final long[] meanRing;
    private int meanAt;
    private long meanSum;
    private double fast;
    private double slow;
    /** Reductions of a chunk, before the running maximum; grows if a longer chunk comes. */
    private double[] held = new double[TruePeakDetector.CHUNK];

    /**
     * @param ramp frames of the running mean (the lookahead), 1 or more
     * @param hold frames of the running maximum, at least {@code ramp}
     */
    LimiterEnvelope(int ramp, int hold) {
        this.ramp = ramp;
        this.hold = hold;
        // Each term is at most scale + 1 and ramp terms stay under 2^52, exactly representable.
        this.scale = Math.scalb(1.0, 51 - (32 - Integer.numberOfLeadingZeros(ramp)));
        this.unit = 1 / (scale * ramp);
        block = new long[hold];
        suffix = new long[hold + 1];
        meanRing = new long[ramp];
    }

    void reset() {
        Arrays.fill(block, 0);
        Arrays.fill(suffix, 0);
        blockAt = 0;
        prefix = 0;
        Arrays.fill(meanRing, 0);
        meanAt = 0;
        meanSum = 0;
        fast = 0;
        slow = 0;
    }

    /** Takes the state of {@code other}, an envelope with the same ramp and hold. */
    void copyFrom(LimiterEnvelope other) {
        System.arraycopy(other.block, 0, block, 0, hold);
        System.arraycopy(other.suffix, 0, suffix, 0, hold + 1);
        blockAt = other.blockAt;
        prefix = other.prefix;
        System.arraycopy(other.meanRing, 0, meanRing, 0, ramp);
        meanAt = other.meanAt;
        meanSum = other.meanSum;
        fast = other.fast;
        slow = other.slow;
    }

    /** Whether this envelope is in the state of {@code other}, so the same reductions give the same gains. */
    boolean sameStateAs(LimiterEnvelope other) {
        return blockAt == other.blockAt && prefix == other.prefix && meanAt == other.meanAt
                && meanSum == other.meanSum && Double.compare(fast, other.fast) == 0
                && Double.compare(slow, other.slow) == 0 && Arrays.equals(block, other.block)
                && Arrays.equals(suffix, other.suffix) && Arrays.equals(meanRing, other.meanRing);
    }

    /**
     * Turns {@code n} required reductions into gains.
     *
     * @param needed required reduction per frame, in [0, 1]
     * @param release per frame, the release's one-pole coefficient {@code exp(-1 / (tau fs))}
     * @param slowRelease per frame, the slow envelope's release coefficient
     * @param auto per frame, whether the program-dependent release is on
     * @param charge the slow envelope's charging coefficient
     * @param gains receives the gain per frame, in [0, 1]
     */
    void run(double[] needed, int n, double[] release, double[] slowRelease, boolean[] auto, double charge,
            double[] gains) {
        if (held.length < n) {
            held = new double[n];
        }
        double[] d = held;
        double f = fast;
        double s = slow;
        for (int i = 0; i < n; i++) {
            f *= release[i];
            if (f < SETTLED) {
                f = 0;
            }
            double need = needed[i];
            f = Math.max(f, need);
            // The slow envelope charges only while samples are being limited, not during a release.
            s = f + (f > s && need > 0 ? charge : slowRelease[i]) * (s - f);
            if (s < SETTLED) {
                s = 0;
            }
            d[i] = auto[i] ? Math.max(f, s) : f;
        }
        fast = f;
        slow = s;
        runningMaximumAndMean(d, n, gains);
    }

    /** The running maximum over {@code hold} frames and the running mean over {@code ramp} of its values. */
    private void runningMaximumAndMean(double[] d, int n, double[] gains) {
        long[] current = block;
        long[] previous = suffix;
        long[] ring = meanRing;
        double scale = this.scale;
        int at = blockAt;
        long p = prefix;
        int m = meanAt;
        long sum = meanSum;
        for (int i = 0; i < n; i++) {
            long x = Double.doubleToRawLongBits(d[i]);
            current[at] = x;
            p = Math.max(p, x);
            long bits = Math.max(previous[at + 1], p);
            if (++at == hold) {
                // The block is complete: its suffix maxima serve the next block's windows.
                long q = 0;
                for (int j = hold - 1; j >= 0; j--) {
                    q = Math.max(q, current[j]);
                    previous[j] = q;
                }
                at = 0;
                p = 0;
            }
            double max = Double.longBitsToDouble(bits);
            // Rounded to the nearest unit plus one when positive: never below the maximum.
            long scaled = Double.doubleToRawLongBits(max * scale + ROUNDER) - ROUNDER_BITS + (-bits >>> 63);
            sum += scaled - ring[m];
            ring[m] = scaled;
            m = m + 1 == ramp ? 0 : m + 1;
            double mean = Double.longBitsToDouble(TWO_52_BITS | sum) - TWO_52;
            double gain = 1 - mean * unit;
            gains[i] = gain > 0 ? gain : 0;
        }
        blockAt = at;
        prefix = p;
        meanAt = m;
        meanSum = sum;
    }
}
