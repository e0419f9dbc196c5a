package io.github.mixwright.dynamics;

import java.util.Arrays;

/**
 * The hold of a level detector: each power is replaced by the largest power of a window that ends
 * at it, so a steady sine reads its peak all the time instead of sagging between peaks.
 *
 * <p>Time is cut into periods of {@link DynamicsProcessor#CONTROL_FRAMES} frames counted from the
 * stream start (the control points). The window of a frame is the frames of its own period up to it,
 * plus the {@code periods} whole periods before: between {@code 32 periods + 1} and
 * {@code 32 (periods + 1)} frames long, {@code 32 periods + 15.5} frames more than the frame itself
 * on average. So each frame costs one running maximum and one comparison, and each period a pass
 * over the periods' maxima, once.
 *
 * <p>Powers are non-negative doubles, compared through their bits (which order like the values): a
 * conditional move, where which of two noisy samples is louder is a coin toss. Not thread-safe.
 */
final class PeakHold {
    private static final int PERIOD = DynamicsProcessor.CONTROL_FRAMES;
    /** The maxima of the last whole periods, a ring; the newest at {@code at - 1}. */
    private final double[] ring;
    private int at;
    private int periods;
    /** Frames into the current period. */
    private int phase;
    /** The largest power of the current period so far, and of the {@code periods} before it. */
    private double current;
    private double previous;

    /** A hold of at most {@code capacity} whole periods besides the current one. */
    PeakHold(int capacity) {
        ring = new double[Math.max(1, capacity)];
    }

    /** The fewest whole periods whose window is never shorter than {@code frames} frames. */
    static int periodsFor(double frames) {
        return (int) Math.max(0, Math.ceil((frames - 1) / PERIOD));
    }

    /** The average frames by which {@code periods} whole periods delay a fall of the level. */
    static double meanDelayFrames(int periods) {
        return PERIOD * periods + (PERIOD - 1) / 2.0;
    }

    void reset() {
        Arrays.fill(ring, 0);
        at = 0;
        phase = 0;
        current = 0;
        previous = 0;
    }

    /** Holds over {@code count} whole periods (clamped to the capacity) from now on. */
    void setPeriods(int count) {
        int k = Math.min(count, ring.length);
        if (k != periods) {
            periods = k;
            previous = largestHeld();
        }
    }

    /** Takes the state of {@code other} (same capacity): a hold switched in continues from it. */
    void copyFrom(PeakHold other) {
        System.arraycopy(other.ring, 0, ring, 0, ring.length);
        at = other.at;
        periods = other.periods;
        phase = other.phase;
        current = other.current;
        previous = other.previous;
    }

    /** Takes the larger of its state and {@code other}'s, period by period (same capacity and phase). */
    void maxWith(PeakHold other) {
        for (int j = 0; j < ring.length; j++) {
            ring[j] = Math.max(ring[j], other.ring[j]);
        }
        current = Math.max(current, other.current);
        previous = largestHeld();
    }

    /** Replaces the powers {@code p[from, from + len)}, the next frames of the stream, by their held values. */
    void hold(double[] p, int from, int len) {
        int k = from;
        int end = from + len;
        while (k < end) {
            int stop = Math.min(end, k + PERIOD - phase);
            long cur = Double.doubleToRawLongBits(current);
            long prev = Double.doubleToRawLongBits(previous);
            for (int i = k; i < stop; i++) {
                cur = Math.max(cur, Double.doubleToRawLongBits(p[i]));
                p[i] = Double.longBitsToDouble(Math.max(cur, prev));
            }
            phase += stop - k;
            k = stop;
            if (phase == PERIOD) {
                ring[at] = Double.longBitsToDouble(cur);
                at = at + 1 == ring.length ? 0 : at + 1;
                phase = 0;
                current = 0;
                previous = largestHeld();
            } else {
                current = Double.longBitsToDouble(cur);
            }
        }
    }

    /**
     * The largest of the last {@code periods} periods' maxima. The ring is read as at most two runs
     * without a wrap test per entry, and compared by bits: {@link Math#max} on doubles is a sequence
     * of several dependent instructions (NaN and signed zeros), and this runs every period.
     */
    private double largestHeld() {
        int first = at - periods;
        long m;
        if (first >= 0) {
            m = largestBits(first, at);
        } else {
            m = Math.max(largestBits(first + ring.length, ring.length), largestBits(0, at));
        }
        return Double.longBitsToDouble(m);
    }

    /** The largest bits of {@code ring[from, to)}, 0 when empty. */
    private long largestBits(int from, int to) {
        long m = 0;
        for (int j = from; j < to; j++) {
            m = Math.max(m, Double.doubleToRawLongBits(ring[j]));
        }
        return m;
    }
}
