package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Butterworth low-pass and high-pass designs, orders 1 to 16, as {@link SecondOrderSections}.
 *
 * <p>Method: the analog prototype of order {@code N} has its poles on the unit circle at
 * {@code s_k = exp(i pi (2k + N + 1) / (2N))}, {@code k = 0..N-1}, so each conjugate pair gives a
 * section with denominator {@code s^2 + a_k s + 1}, {@code a_k = 2 sin(pi (2k + 1) / (2N))}, and an
 * odd order adds the real pole {@code s + 1}. The cutoff is prewarped, {@code K = tan(pi hz / fs)},
 * and the bilinear transform {@code s = (1 - z^-1) / (K (1 + z^-1))} maps each factor to a digital
 * section. Because of the prewarping the digital magnitude is exactly
 * <pre>
 *   |H(e^(iw))| = 1 / sqrt(1 + (tan(w/2) / K)^(2N))        (low-pass; high-pass swaps the ratio)
 * </pre>
 * so the gain at {@code hz} is -3.0103 dB for every order and rate. This is the design of
 * {@code scipy.signal.butter(N, hz, output='sos', fs=fs)}; the tests compare against it.
 *
 * <p>Sections come lowest Q first (an odd order's first-order section, {@code b2 = a2 = 0}, leads),
 * so the high-Q resonant sections see a signal already band-limited by the gentle ones, which keeps
 * intermediate levels low.
 *
 * <p>Stateless and thread-safe.
 */
public final class Butterworth {
    /** Lowest order. */
    public static final int MIN_ORDER = 1;
    /** Highest order: beyond 16 a filter is better built another way (the sections' Q passes 10). */
    public static final int MAX_ORDER = 16;

    private Butterworth() {
    }

    /**
     * A low-pass of {@code order} with its -3.01 dB point at {@code hz}.
     *
     * @param sampleRate Hz, greater than 0
     * @param hz cutoff, strictly between 0 and {@code sampleRate / 2}
     * @param order 1 to 16
     * @throws IllegalArgumentException naming the argument and its range
     */
    public static SecondOrderSections lowPass(double sampleRate, double hz, int order) {
        return design(sampleRate, hz, order, false);
    }

    /**
     * A high-pass of {@code order} with its -3.01 dB point at {@code hz}; arguments as for
     * {@link #lowPass}.
     */
    public static SecondOrderSections highPass(double sampleRate, double hz, int order) {
        return design(sampleRate, hz, order, true);
    }

    private static SecondOrderSections design(double sampleRate, double hz, int order, boolean highPass) {
        double k = prewarp(sampleRate, hz);
        Checks.inRange("order", order, MIN_ORDER, MAX_ORDER);
        double[] coef = new double[5 * sections(order)];
        int n = designInto(k, order, highPass, coef, 0);
        List<BiquadCoefficients> list = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int c = 5 * j;
            list.add(new BiquadCoefficients(sampleRate, coef[c], coef[c + 1], coef[c + 2], coef[c + 3], coef[c + 4]));
        }
        return new SecondOrderSections(sampleRate, list);
    }

    /** Number of sections of an order-{@code order} design. */
    static int sections(int order) {
        return (order + 1) / 2;
    }

    /**
     * {@code tan(pi hz / sampleRate)} after checking both.
     *
     * @throws IllegalArgumentException unless {@code 0 < hz < sampleRate / 2}
     */
    static double prewarp(double sampleRate, double hz) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(sampleRate) + " is out of range (0, Infinity)");
        }
        if (!(hz > 0 && hz < sampleRate / 2)) {
            throw new IllegalArgumentException("hz " + Checks.format(hz) + " is out of range (0, "
                    + Checks.format(sampleRate / 2) + ") (below Nyquist for sampleRate " + Checks.format(sampleRate) + ")");
        }
        return Math.tan(Math.PI * hz / sampleRate);
    }

    /**
     * Writes the sections of the design with prewarped cutoff {@code k} into {@code coef} (five
     * values per section from section {@code first}) without allocating; for processors that
     * redesign every sample while the cutoff glides.
     *
     * @return the number of sections written
     */
    static int designInto(double k, int order, boolean highPass, double[] coef, int first) {
        int j = first;
        double kk = k * k;
        if ((order & 1) == 1) {
            double n = 1 / (1 + k);
            int c = 5 * j++;
            coef[c] = highPass ? n : k * n;
            coef[c + 1] = highPass ? -n : k * n;
            coef[c + 2] = 0;
            coef[c + 3] = (k - 1) * n;
            coef[c + 4] = 0;
        }
        // Pair p = 0 has the smallest damping a, i.e. the highest Q, so count down to put low Q first.
        for (int p = order / 2 - 1; p >= 0; p--) {
            double a = 2 * Math.sin(Math.PI * (2 * p + 1) / (2.0 * order));
            double n = 1 / (1 + a * k + kk);
            int c = 5 * j++;
            double g = highPass ? n : kk * n;
            coef[c] = g;
            coef[c + 1] = highPass ? -2 * g : 2 * g;
            coef[c + 2] = g;
            coef[c + 3] = 2 * (kk - 1) * n;
            coef[c + 4] = (1 - a * k + kk) * n;
        }
        return j - first;
    }
}
