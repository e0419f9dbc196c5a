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
    private double[] state = new double[0];

    void prepare(int channels) {
        state = new double[8 * channels];
    }

    void reset() {
        Arrays.fill(state, 0);
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
