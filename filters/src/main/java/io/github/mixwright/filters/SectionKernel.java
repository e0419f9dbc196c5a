package io.github.mixwright.filters;

/**
 * The library's one biquad recurrence, for modules that filter double buffers of their own (the
 * loudness meter's K-weighting): direct form I, double state, the expression order
 * {@code (b0 x + b1 x1 + b2 x2 - a2 y2) - a1 y1} that shortens the feedback chain, and the per-sample
 * denormal flush of {@link io.github.mixwright.core.Denormals#FLUSH} applied to both newest outputs
 * (see {@link Biquad}). Every filter in the library runs these same loops.
 *
 * <p>Thread-safe (stateless); the caller owns the buffers and the state.
 */
public final class SectionKernel {
    private SectionKernel() {
    }

    /**
     * Two fixed sections in series over {@code x[from..from+n)}, for a meter: the filtered signal is
     * not kept; {@code acc[0]} gains the sum of its squares, non-finite inputs are taken as 0 and
     * counted in {@code acc[2]}, and {@code acc[1]} keeps the largest {@code |x|} of the finite ones.
     * One loop, so the second section and the sum overlap the first section's feedback.
     *
     * @param coefficients b0, b1, b2, a1, a2 of the first section, then of the second
     * @param state x1, x2, y1, y2 of the first section, then of the second, from {@code state[offset]}
     * @param acc sum of squares, peak, non-finite count; read and updated
     */
    public static void twoInSeriesEnergy(float[] x, int from, int n, double[] coefficients, double[] state,
            int offset, double[] acc) {
        BiquadKernel.seriesEnergy(x, from, n, coefficients, 0, state, offset, acc);
    }
}
