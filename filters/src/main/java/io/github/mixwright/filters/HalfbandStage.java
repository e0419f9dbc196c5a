package io.github.mixwright.filters;

import io.github.mixwright.core.Complex;

/**
 * One 2x stage of the {@link Oversampler}: a Kaiser-windowed halfband FIR and its two polyphase
 * branches. A halfband filter has every second tap exactly zero and its centre tap exactly 0.5, so
 * the odd branch is a pure delay and the even branch, of length {@code K = 2m + 2}, is symmetric:
 * interpolating or decimating by 2 costs {@code K / 2} multiplies per high-rate output pair.
 * Its pass-band and stop-band ripples are equal (the response is antisymmetric about a quarter of
 * the rate), so a 100 dB stop band brings a pass-band ripple of about 1e-5 (0.0001 dB) for free.
 *
 * <p>Full filter: length {@code 4m + 3}, centre {@code c = 2m + 1}, delay {@code c} samples at the
 * high rate; DC gain exactly normalised to 1 (Nyquist gain therefore 0).
 *
 * <p>Immutable; the buffers passed in hold all state. Thread-safe.
 */
final class HalfbandStage {
    /** The full filter at the high rate, length {@code 4m + 3}. */
    private final double[] taps;
    /** The even polyphase branch {@code taps[2k]}, length {@code K = 2m + 2}, symmetric. */
    private final double[] branch;
    private final int m;

    private HalfbandStage(double[] taps, int m) {
        this.taps = taps;
        this.m = m;
        this.branch = new double[2 * m + 2];
        for (int k = 0; k < branch.length; k++) {
            branch[k] = taps[2 * k];
        }
    }

    /**
     * Designs the shortest Kaiser halfband whose stop band, from {@code 0.5 - passEdge} to 0.5 cycles
     * per high-rate sample, is at least {@code attenuationDb} down on a dense analytic check. Kaiser's
     * length and beta formulas are only estimates (pessimistic for wide transition bands), so the
     * search starts below the estimated length and, for each length, tries betas around the estimate.
     *
     * @param passEdge pass-band edge in cycles per sample at the high rate, in (0, 0.25)
     */
    static HalfbandStage design(double passEdge, double attenuationDb) {
        double transition = 0.5 - 2 * passEdge;
        double estimatedBeta = KaiserWindow.betaForAttenuation(attenuationDb);
        int estimatedM = (KaiserWindow.estimateLength(attenuationDb, transition) - 3) / 4;
        for (int m = Math.max(1, estimatedM / 2); ; m++) {
            for (double beta = estimatedBeta - 1; beta <= estimatedBeta + 4; beta += 0.25) {
                HalfbandStage stage = new HalfbandStage(taps(m, beta), m);
                // Every 20th point of the dense grid first: the coarse worst is never above the dense
                // worst, so a coarse failure is a dense failure, and most candidates fail. The search
                // then returns the same design twenty times sooner (it ran at start-up of every
                // command using the true-peak limiter, about 0.1 s).
                if (stage.worstStopBandDb(passEdge, COARSE) <= -attenuationDb
                        && stage.worstStopBandDb(passEdge) <= -attenuationDb) {
                    return stage;
                }
            }
        }
    }

    /** The stage of length parameter {@code m} and Kaiser {@code beta}, unchecked; for tests. */
    static HalfbandStage of(int m, double beta) {
        return new HalfbandStage(taps(m, beta), m);
    }

    private static double[] taps(int m, double beta) {
        int c = 2 * m + 1;
        double[] h = new double[4 * m + 3];
        h[c] = 0.5;
        double sum = 0;
        for (int j = 1; j <= c; j += 2) {
            // 0.5 sinc(j / 2) = sin(pi j / 2) / (pi j); even offsets are exactly zero.
            double v = Math.sin(Math.PI * j / 2) / (Math.PI * j) * KaiserWindow.value(j, c + 1, beta);
            h[c + j] = v;
            sum += 2 * v;
        }
        // Scaling the odd offsets to sum to exactly 0.5 makes the DC gain 1 and the Nyquist gain 0.
        double scale = 0.5 / sum;
        for (int j = 1; j <= c; j += 2) {
            h[c + j] *= scale;
            h[c - j] = h[c + j];
        }
        return h;
    }

    /** Points of the dense stop-band grid. */
    static final int POINTS = 4000;
    /** The coarse grid takes every {@code COARSE}-th point of the dense one. */
    static final int COARSE = 20;

    /** Largest stop-band magnitude in dB on a dense grid from {@code 0.5 - passEdge} to 0.5. */
    double worstStopBandDb(double passEdge) {
        return worstStopBandDb(passEdge, 1);
    }

    /** {@link #worstStopBandDb(double)} over every {@code step}-th point of its grid only. */
    double worstStopBandDb(double passEdge, int step) {
        double from = 0.5 - passEdge;
        double worst = 0;
        for (int i = 0; i <= POINTS; i += step) {
            double f = from + (0.5 - from) * i / POINTS;
            worst = Math.max(worst, Math.abs(amplitude(f)));
        }
        return 20 * Math.log10(worst);
    }

    /** The length parameter: the full filter has {@code 4m + 3} taps. */
    int m() {
        return m;
    }


    /** Zero-phase amplitude at {@code f} cycles per high-rate sample (real, may be negative). */
    double amplitude(double f) {
        int c = 2 * m + 1;
        double w = 2 * Math.PI * f;
        // cos(j w) for odd j by rotating a phasor by 2w: at most ~70 steps, so rounding stays ~1e-14.
        double stepRe = Math.cos(2 * w);
        double stepIm = Math.sin(2 * w);
        double re = Math.cos(w);
        double im = Math.sin(w);
        double a = 0.5;
        for (int j = 1; j <= c; j += 2) {
            a += 2 * taps[c + j] * re;
            double r = re * stepRe - im * stepIm;
            im = re * stepIm + im * stepRe;
            re = r;
        }
        return a;
    }

    /** Complex response at {@code f} cycles per high-rate sample, including the delay of {@code c} samples. */
    Complex response(double f) {
        return Complex.polar(1, -2 * Math.PI * f * delay()).times(amplitude(f));
    }

    /** Delay in high-rate samples, {@code 2m + 1}. */
    int delay() {
        return 2 * m + 1;
    }

    /** Input history an up stage keeps, in low-rate samples. */
    int upHistory() {
        return branch.length - 1;
    }

    /** Input history a down stage keeps, in high-rate samples. */
    int downHistory() {
        return 2 * (branch.length - 1);
    }

    /** A copy of the full filter. */
    double[] taps() {
        return taps.clone();
    }

    /**
     * Interpolates {@code n} low-rate samples held in {@code x[upHistory() ..]} (history before them)
     * into {@code 2n} samples at {@code out[outOffset ..]}, with gain 2 so the pass band keeps unit
     * gain, then moves the newest history to the front of {@code x}. {@code acc} is scratch of at
     * least {@code n} doubles.
     */
    void up(double[] x, int n, double[] out, int outOffset, double[] acc) {
        double[] g = branch;
        int last = g.length - 1;
        java.util.Arrays.fill(acc, 0, n, 0);
        // Taps outer, samples inner: each output keeps its own running sum (same order, k ascending,
        // whatever the block), so there is no loop-carried dependency and the inner loop vectorises.
        for (int k = 0; k < g.length / 2; k++) {
            double gk = g[k];
            int newer = last - k;
            for (int i = 0; i < n; i++) {
                acc[i] += gk * (x[newer + i] + x[k + i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out[outOffset + 2 * i] = 2 * acc[i];
            // Odd phase: the centre tap 0.5 times the gain 2 is exactly a delay of m low-rate samples.
            out[outOffset + 2 * i + 1] = x[last + i - m];
        }
        System.arraycopy(x, n, x, 0, last);
    }

    /**
     * Decimates {@code n} (even) high-rate samples held in {@code v[downHistory() ..]} into
     * {@code n / 2} samples at {@code out[outOffset ..]}, then moves the newest history to the front.
     * {@code scratch} holds at least {@code n + downHistory() / 2} doubles.
     */
    void down(double[] v, int n, double[] out, int outOffset, double[] scratch) {
        double[] g = branch;
        int history = 2 * (g.length - 1);
        int c = 2 * m + 1;
        int half = n / 2;
        // The taps meet only the even samples: copy them out once, so that the loop below reads
        // contiguous memory and vectorises (a stride-2 read does not). acc is scratch[0 .. half),
        // the even samples scratch[half ..]; the sums are the same, in the same order.
        int e = half;
        int evens = (history + n) / 2;
        for (int j = 0; j < evens; j++) {
            scratch[e + j] = v[2 * j];
        }
        java.util.Arrays.fill(scratch, 0, half, 0);
        for (int k = 0; k < g.length / 2; k++) {
            double gk = g[k];
            int newer = e + history / 2 - k;
            int older = e + k;
            for (int i = 0; i < half; i++) {
                scratch[i] += gk * (scratch[newer + i] + scratch[older + i]);
            }
        }
        for (int i = 0; i < half; i++) {
            out[outOffset + i] = scratch[i] + 0.5 * v[history + 2 * i - c];
        }
        System.arraycopy(v, n, v, 0, history);
    }
}
