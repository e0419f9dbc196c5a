package io.github.mixwright.filters;

import java.util.List;

/**
 * How long a cascade of second-order sections keeps sounding after its input stops: the
 * {@code tailFrames()} of the recursive filters.
 *
 * <p>After the input stops at frame {@code n0}, the output {@code m} frames later is
 * {@code y[n0 + m] = sum over k > m of h[k] x[n0 + m - k]}, so for input bounded by a peak {@code P}
 * it is at most {@code P * sum over k > m of |h[k]|}. The tail is the first {@code m} at which that
 * sum is below {@code 1e-6} (-120 dB). The impulse response {@code h} is computed in double
 * precision in windows of {@code W >= 1 / (1 - r)} frames, {@code r} the largest pole radius, so the
 * response falls by at least {@code 1/e} from one window to the next; the first window whose
 * {@code l1} sum is below {@code 5e-7} starts the tail, and the rest of the response sums to at most
 * {@code 5e-7 / (1 - 1/e) < 8e-7}. The result is rounded up to a whole window and capped at
 * {@link #MAX_SECONDS}. Thread-safe (stateless).
 */
final class RingOut {
    /** Longest tail reported, in seconds: a pole this close to the unit circle is a design error. */
    static final double MAX_SECONDS = 60;
    private static final double WINDOW_SUM = 5e-7;

    private RingOut() {
    }

    /** Frames until the cascade of {@code sections} is below -120 dB of a bounded input's peak. */
    static int frames(List<BiquadCoefficients> sections, double sampleRate) {
        if (sections.isEmpty()) {
            return 0;
        }
        double r = 0;
        for (BiquadCoefficients c : sections) {
            r = Math.max(r, c.poleRadius());
        }
        if (r == 0) {
            return 2 * sections.size(); // FIR sections: two frames of memory each
        }
        long cap = (long) Math.ceil(MAX_SECONDS * sampleRate);
        int window = (int) Math.min(cap, Math.max(256, Math.ceil(1 / (1 - Math.min(r, 1 - 1e-9)))));
        int n = sections.size();
        double[] state = new double[4 * n];
        long frame = 0;
        while (frame < cap) {
            double sum = 0;
            for (int i = 0; i < window; i++) {
                double x = frame == 0 && i == 0 ? 1 : 0;
                for (int s = 0; s < n; s++) {
                    BiquadCoefficients c = sections.get(s);
                    int o = 4 * s;
                    double y = c.b0() * x + c.b1() * state[o] + c.b2() * state[o + 1] - c.a1() * state[o + 2]
                            - c.a2() * state[o + 3];
                    state[o + 1] = state[o];
                    state[o] = x;
                    state[o + 3] = state[o + 2];
                    state[o + 2] = y;
                    x = y;
                }
                sum += Math.abs(x);
            }
            if (sum < WINDOW_SUM) {
                return (int) frame;
            }
            frame += window;
        }
        return (int) cap;
    }
}
