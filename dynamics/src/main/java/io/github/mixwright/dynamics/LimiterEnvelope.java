package io.github.mixwright.dynamics;

import java.util.Arrays;

/**
 * One channel of the {@link TruePeakLimiter}'s gain computer, working on gain reductions
 * {@code d = 1 - gain} (linear): release, then a running maximum over the hold window, then a running
 * mean over the lookahead. See the limiter's documentation for why each step keeps the ceiling.
 *
 * <p>The running mean is kept as an integer sum of the reductions rounded up to multiples of
 * {@code 2^-40}: it never drifts, it is exactly zero (a gain of exactly 1) when the window holds no
 * reduction, and rounding only ever lowers the gain. Not thread-safe.
 */
final class LimiterEnvelope {
    /** A reduction below this (about 1e-9 dB) counts as none, so the gain returns to exactly 1. */
    static final double SETTLED = 1e-10;
    private static final double SCALE = 0x1p40;

    private final int ramp;
    private final int hold;
    private final double unit;
    /** Running maximum: a deque of falling values and the times they arrived, in a ring. */
    private final double[] maxValue;
    private final long[] maxTime;
    private int maxHead;
    private int maxSize;
    private long time;
    /** Running mean: the last {@code ramp} maxima, scaled, and their sum. */
    private final long[] meanRing;
    private int meanAt;
    private long meanSum;
    private double fast;
    private double slow;

    /**
     * @param ramp frames of the running mean (the lookahead), 1 or more
     * @param hold frames of the running maximum, at least {@code ramp}
     */
    LimiterEnvelope(int ramp, int hold) {
        this.ramp = ramp;
        this.hold = hold;
        this.unit = 1 / (SCALE * ramp);
        // One more than the window: a new value arrives before the oldest leaves.
        maxValue = new double[hold + 1];
        maxTime = new long[hold + 1];
        meanRing = new long[ramp];
    }

    void reset() {
        maxHead = 0;
        maxSize = 0;
        time = 0;
        Arrays.fill(meanRing, 0);
        meanAt = 0;
        meanSum = 0;
        fast = 0;
        slow = 0;
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
            double d = auto[i] ? Math.max(f, s) : f;
            gains[i] = next(d);
        }
        fast = f;
        slow = s;
    }

    /** Pushes one reduction through the running maximum and mean; returns the gain. */
    private double next(double d) {
        int cap = maxValue.length;
        if (d > 0) {
            while (maxSize > 0) {
                int tail = maxHead + maxSize - 1;
                if (maxValue[tail >= cap ? tail - cap : tail] > d) {
                    break;
                }
                maxSize--;
            }
            int at = maxHead + maxSize;
            at = at >= cap ? at - cap : at;
            maxValue[at] = d;
            maxTime[at] = time;
            maxSize++;
        }
        if (maxSize > 0 && maxTime[maxHead] <= time - hold) {
            maxHead = maxHead + 1 == cap ? 0 : maxHead + 1;
            maxSize--;
        }
        time++;
        long scaled = maxSize > 0 ? (long) Math.ceil(maxValue[maxHead] * SCALE) : 0;
        meanSum += scaled - meanRing[meanAt];
        meanRing[meanAt] = scaled;
        meanAt = meanAt + 1 == ramp ? 0 : meanAt + 1;
        return meanSum == 0 ? 1 : Math.max(0, 1 - meanSum * unit);
    }
}
