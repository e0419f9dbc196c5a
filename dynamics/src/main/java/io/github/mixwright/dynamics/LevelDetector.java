package io.github.mixwright.dynamics;

import io.github.mixwright.core.Denormals;

/**
 * The level detector shared by the compressor, the gate and the de-esser: key samples (non-finite
 * ones are silence) through the optional {@link KeyFilter}, squared ({@code peak}) or averaged
 * exponentially ({@code rms}, mean square with the window's time constant), then held by a
 * {@link PeakHold}, so a steady sine reads its peak (or its RMS) between the peaks too and the gain
 * does not sag. The powers come out per channel ({@link #detectEach}) or, for a fully linked
 * processor, of the loudest channel only ({@link #detectLinked}); switching between the two hands the
 * hold over, so the level does not jump.
 *
 * <p>The usual case, peak detector without a key filter and linked, squares the key in single
 * precision (a loop the JIT vectorises; the square of a float is exact to 6e-8, 3e-7 dB); a frame with
 * a non-finite sample, or whose square overflows the float, is redone in double precision with
 * non-finite samples taken as 0. Everything else is double precision. Not thread-safe.
 */
final class LevelDetector {
    /** Level floor, dB: keeps silence finite. */
    static final double FLOOR_DB = -300;
    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    private static final int CHUNK = DynamicsProcessor.CHUNK_FRAMES;

    /** The key filter; its owner designs its sections. */
    final KeyFilter filter = new KeyFilter();
    /** Held power of the loudest channel per frame of the last detection. */
    final double[] loudest = new double[CHUNK];
    /** Held power per channel and frame of the last {@link #detectEach}. */
    double[][] powers = new double[0][];
    private final float[] squares = new float[CHUNK];
    private PeakHold linkedHold = new PeakHold(1);
    private PeakHold[] holds = new PeakHold[0];
    private boolean linkedLast = true;
    private double[] meanSquare = new double[0];
    private boolean rms;
    private double aWindow;

    /** Allocates for {@code channels} and holds of up to {@code maxHoldFrames} frames. */
    void prepare(int channels, double maxHoldFrames) {
        int capacity = PeakHold.periodsFor(maxHoldFrames);
        linkedHold = new PeakHold(capacity);
        holds = new PeakHold[channels];
        for (int c = 0; c < channels; c++) {
            holds[c] = new PeakHold(capacity);
        }
        powers = new double[channels][CHUNK];
        meanSquare = new double[channels];
        filter.prepare(channels);
        reset();
    }

    void reset() {
        linkedHold.reset();
        for (PeakHold h : holds) {
            h.reset();
        }
        java.util.Arrays.fill(meanSquare, 0);
        filter.reset();
        linkedLast = true;
    }

    /** Peak ({@code false}) or RMS with the one-pole coefficient {@code aWindow} ({@code true}). */
    void setRms(boolean on, double windowCoefficient) {
        rms = on;
        aWindow = windowCoefficient;
    }

    /** Holds each power over a window of at least {@code frames} frames (see {@link PeakHold}). */
    void setHoldFrames(double frames) {
        int k = PeakHold.periodsFor(frames);
        linkedHold.setPeriods(k);
        for (PeakHold h : holds) {
            h.setPeriods(k);
        }
    }

    /** The held power of the loudest channel for key frames {@code [start, start + len)} into {@link #loudest}. */
    void detectLinked(float[][] keys, int start, int len, int channels) {
        if (!linkedLast) {
            linkedHold.copyFrom(holds[0]);
            for (int c = 1; c < channels; c++) {
                linkedHold.maxWith(holds[c]);
            }
            linkedLast = true;
        }
        double[] p = loudest;
        if (!rms && !filter.isActive()) {
            loudestSquares(keys, start, len, channels, p);
        } else {
            for (int k = 0; k < len; k++) {
                double m = 0;
                for (int c = 0; c < channels; c++) {
                    m = larger(m, detect(keys[c][start + k], c));
                }
                p[k] = m;
            }
        }
        linkedHold.hold(p, 0, len);
    }

    /** The held power of each channel into {@link #powers}, and of the loudest into {@link #loudest}. */
    void detectEach(float[][] keys, int start, int len, int channels) {
        if (linkedLast) {
            for (int c = 0; c < channels; c++) {
                holds[c].copyFrom(linkedHold);
            }
            linkedLast = false;
        }
        double[] m = loudest;
        java.util.Arrays.fill(m, 0, len, 0);
        for (int c = 0; c < channels; c++) {
            double[] p = powers[c];
            float[] key = keys[c];
            for (int k = 0; k < len; k++) {
                p[k] = detect(key[start + k], c);
            }
            holds[c].hold(p, 0, len);
            for (int k = 0; k < len; k++) {
                m[k] = larger(m[k], p[k]);
            }
        }
    }

    /**
     * The larger of two non-negative doubles, from their bit patterns (which order like the values):
     * a conditional move where {@link Math#max} may branch, and which of two noisy channels is louder
     * is a coin toss.
     */
    static double larger(double a, double b) {
        return Double.longBitsToDouble(Math.max(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
    }

    /** A power in dB, floored at {@value #FLOOR_DB}. */
    static double decibels(double power) {
        // Powers below Denormals.FLUSH are already 0, so a positive one is at least -300 dB.
        return power > 0 ? FastLog.powerToDb(power) : FLOOR_DB;
    }

    /**
     * One key sample through channel {@code c}'s detector: non-finite is silence, then the filter
     * then the square or the mean square.
     */
    private double detect(float sample, int c) {
        double x = Double.isFinite(sample) ? sample : 0;
        if (filter.isActive()) {
            x = filter.filter(c, x);
        }
        double sq = x * x;
        double power = rms ? sq + aWindow * (meanSquare[c] - sq) : sq;
        if (power < Denormals.FLUSH) {
            power = 0;
        }
        meanSquare[c] = power;
        return power;
    }

    /** The loudest square of each frame, in single precision where it is exact enough. */
    private void loudestSquares(float[][] keys, int start, int len, int channels, double[] out) {
        float[] sq = squares;
        float[] first = keys[0];
        for (int k = 0; k < len; k++) {
            float x = first[start + k];
            sq[k] = x * x;
        }
        for (int c = 1; c < channels; c++) {
            float[] key = keys[c];
            for (int k = 0; k < len; k++) {
                float x = key[start + k];
                sq[k] = Math.max(sq[k], x * x);
            }
        }
        // Without the sign bit, which a NaN may carry: every NaN and infinity is then at least +inf's bits.
        int worst = 0;
        for (int k = 0; k < len; k++) {
            worst = Math.max(worst, Float.floatToRawIntBits(sq[k]) & 0x7fff_ffff);
        }
        if (worst < INFINITY_BITS) {
            for (int k = 0; k < len; k++) {
                out[k] = sq[k];
            }
        } else {
            for (int k = 0; k < len; k++) {
                int bits = Float.floatToRawIntBits(sq[k]) & 0x7fff_ffff;
                out[k] = bits < INFINITY_BITS ? Float.intBitsToFloat(bits) : loudestFiniteSquare(keys, start + k, channels);
            }
        }
        // The detector's state, as the RMS detector would start from it.
        for (int c = 0; c < channels; c++) {
            double x = keys[c][start + len - 1];
            double s = Double.isFinite(x) ? x * x : 0;
            meanSquare[c] = s < Denormals.FLUSH ? 0 : s;
        }
    }

    /** The largest square of a frame's key samples in double precision, non-finite samples taken as 0. */
    private static double loudestFiniteSquare(float[][] keys, int i, int channels) {
        double m = 0;
        for (int c = 0; c < channels; c++) {
            double x = keys[c][i];
            if (Double.isFinite(x)) {
                m = Math.max(m, x * x);
            }
        }
        // What the float loop gives when the square fits a float; the exact square when it does not.
        float rounded = (float) m;
        return Float.isFinite(rounded) ? rounded : m;
    }
}
