package io.github.mixwright.filters;

/**
 * The Kaiser window and its design formulas (Kaiser 1974; Oppenheim and Schafer, Discrete-Time Signal
 * Processing, 3rd ed., section 7.5.3). Used by both the linear-phase EQ and the oversampler's halfband
 * filters, and by the true-peak interpolator of the loudness module, because one parameter, beta, trades
 * main-lobe width against side-lobe level continuously.
 *
 * <p>Stateless and thread-safe.
 */
public final class KaiserWindow {
    private KaiserWindow() {
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    public static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /**
     * The window at offset {@code n} from the centre of a window spanning {@code -halfSpan..halfSpan}:
     * {@code I0(beta sqrt(1 - (n / halfSpan)^2)) / I0(beta)}.
     */
    public static double value(double n, double halfSpan, double beta) {
        double r = n / halfSpan;
        if (Math.abs(r) > 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
    }

    /** Kaiser's beta for a stop-band attenuation of {@code attenuationDb} (above 50 dB): 0.1102 (A - 8.7). */
    public static double betaForAttenuation(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /**
     * Kaiser's estimate of the filter length for attenuation {@code attenuationDb} and a transition
     * width of {@code transitionCycles} (cycles per sample): {@code (A - 7.95) / (2.285 * 2 pi dw) + 1}.
     */
    public static int estimateLength(double attenuationDb, double transitionCycles) {
        return (int) Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionCycles)) + 1;
    }
}
