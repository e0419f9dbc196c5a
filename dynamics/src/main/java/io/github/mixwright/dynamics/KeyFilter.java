package io.github.mixwright.dynamics;

import io.github.mixwright.core.Denormals;
import io.github.mixwright.filters.BiquadCoefficients;
import java.util.Arrays;

/**
 * The side-chain filter of a dynamics processor: up to two second-order sections in direct form I
 * with double state, one set per channel. Sections are switched on and redesigned by their owner;
 * a section that is off passes the key unchanged.
 *
 * <p>Not thread-safe.
 */
final class KeyFilter {
    /** Frames between redesigns of a gliding or automated key filter, counted from the stream start. */
    static final int REDESIGN_FRAMES = 32;

    private final double[][] coefficients = new double[2][5];
    private final boolean[] on = new boolean[2];
    /** The settings each section was last designed for (NaN: none yet). */
    private final double[][] designed = {{Double.NaN, Double.NaN, Double.NaN}, {Double.NaN, Double.NaN, Double.NaN}};
    private double[] state = new double[0];

    void prepare(int channels) {
        state = new double[8 * channels];
    }

    /** Clears the state and forgets the designs, so the next design call redesigns. */
    void reset() {
        Arrays.fill(state, 0);
        for (double[] d : designed) {
            d[0] = Double.NaN;
        }
    }

    /** Section {@code s}: a high-pass at {@code hz} (Q 0.707, clamped to 0.45 fs), off at 0 Hz. */
    void designHighPass(int s, double rate, double hz) {
        if (changed(s, hz, 0, 0)) {
            set(s, hz > 0 ? BiquadCoefficients.highPass(rate, Math.min(hz, 0.45 * rate), Math.sqrt(0.5)) : null);
        }
    }

    /** Section {@code s}: a peaking band (clamped to 0.45 fs), off at 0 dB. */
    void designPeaking(int s, double rate, double hz, double q, double gainDb) {
        if (changed(s, hz, q, gainDb)) {
            set(s, gainDb != 0 ? BiquadCoefficients.peaking(rate, Math.min(hz, 0.45 * rate), q, gainDb) : null);
        }
    }

    /** Section {@code s}: a band-pass of 0 dB peak gain at {@code hz} (clamped to 0.45 fs). */
    void designBandPass(int s, double rate, double hz, double q) {
        if (changed(s, hz, q, 0)) {
            set(s, BiquadCoefficients.bandPass(rate, Math.min(hz, 0.45 * rate), q));
        }
    }

    private boolean changed(int s, double a, double b, double c) {
        double[] d = designed[s];
        if (d[0] == a && d[1] == b && d[2] == c) {
            return false;
        }
        d[0] = a;
        d[1] = b;
        d[2] = c;
        return true;
    }

    /** Sets section {@code s} (0 or 1), or switches it off with {@code null}. */
    void set(int s, BiquadCoefficients c) {
        on[s] = c != null;
        if (c != null) {
            double[] k = coefficients[s];
            k[0] = c.b0();
            k[1] = c.b1();
            k[2] = c.b2();
            k[3] = c.a1();
            k[4] = c.a2();
        }
    }

    boolean isActive() {
        return on[0] || on[1];
    }

    /** Filters one key sample of channel {@code c}. */
    double filter(int c, double x) {
        double y = x;
        for (int s = 0; s < 2; s++) {
            if (on[s]) {
                double[] k = coefficients[s];
                int o = 8 * c + 4 * s;
                double out = k[0] * y + k[1] * state[o] + k[2] * state[o + 1] - k[3] * state[o + 2] - k[4] * state[o + 3];
                if (Math.abs(out) < Denormals.FLUSH) {
                    out = 0;
                }
                state[o + 1] = state[o];
                state[o] = y;
                state[o + 3] = state[o + 2];
                state[o + 2] = out;
                y = out;
            }
        }
        return y;
    }
}
