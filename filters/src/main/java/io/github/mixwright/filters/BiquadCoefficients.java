package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;

/**
 * The coefficients of one second-order section, normalised so that {@code a0 = 1}:
 * <pre>
 *   H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)
 * </pre>
 * A value, kept apart from the state that uses it ({@link Biquad}), after JUCE's
 * {@code IIR::Coefficients}. First-order sections have {@code b2 = a2 = 0}.
 *
 * <p>Responses are analytic: {@link #response(double)} evaluates {@code H} on the unit circle, and
 * {@link #groupDelaySeconds(double)} uses {@code tau = Re(z B'(z) / B(z)) - Re(z A'(z) / A(z))}
 * in samples, divided by the sample rate.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sampleRate Hz, greater than 0
 * @param b0 feed-forward coefficient of z^0
 * @param b1 feed-forward coefficient of z^-1
 * @param b2 feed-forward coefficient of z^-2
 * @param a1 feedback coefficient of z^-1
 * @param a2 feedback coefficient of z^-2
 */
public record BiquadCoefficients(double sampleRate, double b0, double b1, double b2, double a1, double a2)
        implements FrequencyResponse {

    /** Validates: positive finite rate, finite coefficients. */
    public BiquadCoefficients {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(sampleRate) + " is out of range (0, Infinity)");
        }
        Checks.finite("b0", b0);
        Checks.finite("b1", b1);
        Checks.finite("b2", b2);
        Checks.finite("a1", a1);
        Checks.finite("a2", a2);
    }

    /** Coefficients as written with an {@code a0}: all are divided by {@code a0}. */
    public static BiquadCoefficients of(double sampleRate, double b0, double b1, double b2,
            double a0, double a1, double a2) {
        if (a0 == 0 || !Double.isFinite(a0)) {
            throw new IllegalArgumentException("a0 " + Checks.format(a0) + " must be finite and non-zero");
        }
        return new BiquadCoefficients(sampleRate, b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /** The identity section: {@code H(z) = 1}. */
    public static BiquadCoefficients identity(double sampleRate) {
        return new BiquadCoefficients(sampleRate, 1, 0, 0, 0, 0);
    }

    // RBJ Audio EQ Cookbook designs. Every factory checks its arguments with the messages of
    // io.github.mixwright.core.Checks: frequencyHz in [1e-5 sampleRate, (0.5 - 1e-5) sampleRate]
    // (0.48 to 23999.52 Hz at 48 kHz: the stability margin vanishes in double precision as w0
    // approaches 0 or pi), q in [0.025, 100], gainDb in [-48, 48], slope in (0, 1]. All are bilinear
    // transforms of the cookbook's analog prototypes with the frequency prewarped to
    // w0 = 2 pi frequencyHz / sampleRate, and alpha = sin(w0) / (2 q). Any valid argument set gives
    // poles strictly inside the unit circle.

    /** Cookbook "LPF": {@code H(s) = 1 / (s^2 + s/Q + 1)}; -3.01 dB at {@code frequencyHz} when {@code q = 1/sqrt 2}. */
    public static BiquadCoefficients lowPass(double sampleRate, double frequencyHz, double q) {
        return Cookbook.coefficients(FilterType.LOW_PASS, sampleRate, frequencyHz, q, 0);
    }

    /** Cookbook "HPF": {@code H(s) = s^2 / (s^2 + s/Q + 1)}. */
    public static BiquadCoefficients highPass(double sampleRate, double frequencyHz, double q) {
        return Cookbook.coefficients(FilterType.HIGH_PASS, sampleRate, frequencyHz, q, 0);
    }

    /** Cookbook "BPF (constant 0 dB peak gain)": {@code H(s) = (s/Q) / (s^2 + s/Q + 1)}, 0 dB at {@code frequencyHz}. */
    public static BiquadCoefficients bandPass(double sampleRate, double frequencyHz, double q) {
        return Cookbook.coefficients(FilterType.BAND_PASS, sampleRate, frequencyHz, q, 0);
    }

    /** Cookbook "notch": {@code H(s) = (s^2 + 1) / (s^2 + s/Q + 1)}, a zero at {@code frequencyHz}. */
    public static BiquadCoefficients notch(double sampleRate, double frequencyHz, double q) {
        return Cookbook.coefficients(FilterType.NOTCH, sampleRate, frequencyHz, q, 0);
    }

    /** Cookbook "APF": {@code H(s) = (s^2 - s/Q + 1) / (s^2 + s/Q + 1)}, unit magnitude, -180 degrees at {@code frequencyHz}. */
    public static BiquadCoefficients allPass(double sampleRate, double frequencyHz, double q) {
        return Cookbook.coefficients(FilterType.ALL_PASS, sampleRate, frequencyHz, q, 0);
    }

    /**
     * Cookbook "peakingEQ": {@code H(s) = (s^2 + s A/Q + 1) / (s^2 + s/(A Q) + 1)}, {@code A = 10^(gainDb/40)};
     * {@code gainDb} at {@code frequencyHz}, exactly 1 everywhere at 0 dB.
     */
    public static BiquadCoefficients peaking(double sampleRate, double frequencyHz, double q, double gainDb) {
        return Cookbook.coefficients(FilterType.PEAKING, sampleRate, frequencyHz, q, gainDb);
    }

    /**
     * Cookbook "lowShelf": {@code H(s) = A (s^2 + s sqrt(A)/Q + A) / (A s^2 + s sqrt(A)/Q + 1)}; {@code gainDb}
     * at DC, 0 dB at Nyquist, {@code gainDb / 2} at {@code frequencyHz}. {@code q = 1/sqrt 2} is slope 1.
     */
    public static BiquadCoefficients lowShelf(double sampleRate, double frequencyHz, double q, double gainDb) {
        return Cookbook.coefficients(FilterType.LOW_SHELF, sampleRate, frequencyHz, q, gainDb);
    }

    /** Cookbook "highShelf": {@code H(s) = A (A s^2 + s sqrt(A)/Q + 1) / (s^2 + s sqrt(A)/Q + A)}; {@code gainDb} at Nyquist. */
    public static BiquadCoefficients highShelf(double sampleRate, double frequencyHz, double q, double gainDb) {
        return Cookbook.coefficients(FilterType.HIGH_SHELF, sampleRate, frequencyHz, q, gainDb);
    }

    /**
     * {@link #lowShelf} with the cookbook's shelf slope {@code S} in (0, 1] instead of Q:
     * {@code 1/Q = sqrt((A + 1/A)(1/S - 1) + 2)}. S = 1 is the steepest shelf without overshoot.
     */
    public static BiquadCoefficients lowShelfSlope(double sampleRate, double frequencyHz, double slope, double gainDb) {
        return Cookbook.shelfWithSlope(false, sampleRate, frequencyHz, slope, gainDb);
    }

    /** {@link #highShelf} with the shelf slope {@code S} in (0, 1]; see {@link #lowShelfSlope}. */
    public static BiquadCoefficients highShelfSlope(double sampleRate, double frequencyHz, double slope, double gainDb) {
        return Cookbook.shelfWithSlope(true, sampleRate, frequencyHz, slope, gainDb);
    }

    /** First-order low-pass, bilinear transform of {@code 1 / (1 + s)} prewarped to {@code frequencyHz} (-3.01 dB there). */
    public static BiquadCoefficients firstOrderLowPass(double sampleRate, double frequencyHz) {
        return Cookbook.coefficients(FilterType.FIRST_ORDER_LOW_PASS, sampleRate, frequencyHz, 1, 0);
    }

    /** First-order high-pass, bilinear transform of {@code s / (1 + s)} prewarped to {@code frequencyHz}. */
    public static BiquadCoefficients firstOrderHighPass(double sampleRate, double frequencyHz) {
        return Cookbook.coefficients(FilterType.FIRST_ORDER_HIGH_PASS, sampleRate, frequencyHz, 1, 0);
    }

    /**
     * First-order low shelf, bilinear transform (prewarped) of {@code (s + sqrt G) / (s + 1/sqrt G)},
     * {@code G = 10^(gainDb/20)}: {@code gainDb} at DC, 0 dB at Nyquist, {@code gainDb / 2} at {@code frequencyHz}.
     */
    public static BiquadCoefficients firstOrderLowShelf(double sampleRate, double frequencyHz, double gainDb) {
        return Cookbook.coefficients(FilterType.FIRST_ORDER_LOW_SHELF, sampleRate, frequencyHz, 1, gainDb);
    }

    /**
     * First-order high shelf, bilinear transform (prewarped) of {@code G (s + 1/sqrt G) / (s + sqrt G)}:
     * 0 dB at DC, {@code gainDb} at Nyquist, {@code gainDb / 2} at {@code frequencyHz}.
     */
    public static BiquadCoefficients firstOrderHighShelf(double sampleRate, double frequencyHz, double gainDb) {
        return Cookbook.coefficients(FilterType.FIRST_ORDER_HIGH_SHELF, sampleRate, frequencyHz, 1, gainDb);
    }

    @Override
    public Complex response(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        // z^-1 = e^{-iw}
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        Complex num = new Complex(b0 + b1 * c1 + b2 * c2, b1 * s1 + b2 * s2);
        Complex den = new Complex(1 + a1 * c1 + a2 * c2, a1 * s1 + a2 * s2);
        return num.divide(den);
    }

    @Override
    public double groupDelaySeconds(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        return (delayOf(b0, b1, b2, w) - delayOf(1, a1, a2, w)) / sampleRate;
    }

    /** Group delay in samples of the polynomial {@code p0 + p1 z^-1 + p2 z^-2} at {@code w}. */
    private static double delayOf(double p0, double p1, double p2, double w) {
        // P(w) = sum p_k e^{-ikw}; tau = Re( sum k p_k e^{-ikw} / P(w) )
        Complex p = new Complex(p0 + p1 * Math.cos(w) + p2 * Math.cos(2 * w),
                -p1 * Math.sin(w) - p2 * Math.sin(2 * w));
        Complex kp = new Complex(p1 * Math.cos(w) + 2 * p2 * Math.cos(2 * w),
                -p1 * Math.sin(w) - 2 * p2 * Math.sin(2 * w));
        if (p.abs() == 0) {
            return 0;
        }
        return kp.divide(p).re();
    }

    /**
     * The poles: roots of {@code z^2 + a1 z + a2}, as two complex numbers (a first-order section's second
     * pole is 0).
     */
    public Complex[] poles() {
        double disc = a1 * a1 - 4 * a2;
        if (disc >= 0) {
            double s = Math.sqrt(disc);
            // Numerically stable form: q = -(a1 + sign(a1) s) / 2, roots q and a2 / q.
            double q = -0.5 * (a1 + Math.copySign(s, a1));
            if (q == 0) {
                return new Complex[] {Complex.ZERO, Complex.ZERO};
            }
            return new Complex[] {Complex.real(q), Complex.real(a2 / q)};
        }
        double re = -a1 / 2;
        double im = Math.sqrt(-disc) / 2;
        return new Complex[] {new Complex(re, im), new Complex(re, -im)};
    }

    /** Largest pole radius: the section is stable when this is below 1. */
    public double poleRadius() {
        Complex[] p = poles();
        return Math.max(p[0].abs(), p[1].abs());
    }

    /** Whether both poles lie strictly inside the unit circle (the stability triangle {@code |a2| < 1, |a1| < 1 + a2}). */
    public boolean isStable() {
        return Math.abs(a2) < 1 && Math.abs(a1) < 1 + a2;
    }
}
