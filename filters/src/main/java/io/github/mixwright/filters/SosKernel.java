package io.github.mixwright.filters;

/**
 * The inner loop shared by this package's section cascades: coefficients packed five to a section
 * ({@code b0, b1, b2, a1, a2}) and transposed-direct-form-II state packed two to a section. Plain
 * arrays and a static method so the JIT can inline it into each processor's loop.
 *
 * <p>Transposed direct form II is used because it needs two state values per section and has the
 * best behaviour in floating point when coefficients change between samples (the state holds
 * partial output sums, not raw past inputs, so a coefficient step does not replay old input through
 * new taps).
 */
final class SosKernel {
    /**
     * State magnitudes below this are flushed to zero: a decaying tail in double precision would
     * otherwise reach subnormal numbers, which are many times slower on common CPUs. 1e-30 is about
     * 600 dB below full scale, so nothing audible is lost.
     */
    static final double FLUSH = 1e-30;

    private SosKernel() {
    }

    /** Runs {@code x} through sections {@code [0, count)} of {@code coef}, updating {@code state}. */
    static double run(double[] coef, int count, double[] state, int stateOffset, double x) {
        double v = x;
        for (int j = 0; j < count; j++) {
            int c = 5 * j;
            int s = stateOffset + 2 * j;
            double y = coef[c] * v + state[s];
            double s1 = coef[c + 1] * v - coef[c + 3] * y + state[s + 1];
            double s2 = coef[c + 2] * v - coef[c + 4] * y;
            state[s] = Math.abs(s1) < FLUSH ? 0 : s1;
            state[s + 1] = Math.abs(s2) < FLUSH ? 0 : s2;
            v = y;
        }
        return v;
    }

    /** Packs {@code sections} into {@code coef} from section index {@code first}. */
    static void pack(SecondOrderSections sections, double[] coef, int first) {
        int j = first;
        for (BiquadCoefficients s : sections.sections()) {
            int c = 5 * j++;
            coef[c] = s.b0();
            coef[c + 1] = s.b1();
            coef[c + 2] = s.b2();
            coef[c + 3] = s.a1();
            coef[c + 4] = s.a2();
        }
    }
}
