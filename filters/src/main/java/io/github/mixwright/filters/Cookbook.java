package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;

/**
 * The arithmetic of the RBJ Audio EQ Cookbook (Robert Bristow-Johnson, "Cookbook formulae for audio
 * EQ biquad filter coefficients") and of the first-order bilinear designs, kept out of
 * {@link BiquadCoefficients} so that the record stays a value type with a readable surface.
 *
 * <p>The cookbook writes {@code 1 - cos w0} and {@code 1 + cos w0}; at low (high) frequencies those
 * lose most of their digits to cancellation, so they are computed here as {@code 2 sin^2(w0/2)} and
 * {@code 2 cos^2(w0/2)}, and the shelf terms {@code (A+1) -/+ (A-1) cos w0} are rearranged around
 * {@code 1 - cos w0} for the same reason. The results are the cookbook's, to within rounding.
 */
final class Cookbook {
    /** Smallest Q accepted: below this the response is a shapeless tilt and nobody means it. */
    static final double MIN_Q = 0.025;
    /** Largest Q accepted: beyond this a 20 Hz section at 192 kHz rings for tens of seconds. */
    static final double MAX_Q = 100;
    /** Gain range in dB for peaking and shelving designs. */
    static final double MAX_GAIN_DB = 48;

    private Cookbook() {
    }

    static void checkRate(double fs) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(fs) + " is out of range (0, Infinity)");
        }
    }

    /**
     * Margin kept from DC and from Nyquist, as a fraction of the sample rate. At {@code w0 -> 0} or
     * {@code w0 -> pi} the stability margin of a section, {@code 1 + a2 - |a1| ~ w0^2} (or
     * {@code (pi - w0)^2}), vanishes below double rounding and the poles land on the unit circle;
     * 1e-5 fs (0.48 Hz at 48 kHz) keeps that margin above 4e-9, far from rounding, and excludes
     * nothing audible.
     */
    static final double EDGE_DIVISOR = 1e5; // divided rather than multiplied by 1e-5 so 48 kHz gives 0.48 exactly

    static double minFrequency(double fs) {
        return fs / EDGE_DIVISOR;
    }

    static double maxFrequency(double fs) {
        return fs / 2 - fs / EDGE_DIVISOR;
    }

    /** Checks {@code hz} in [1e-5 fs, fs/2 - 1e-5 fs] and returns {@code w0 = 2 pi hz / fs}. */
    static double w0(double fs, double hz) {
        checkRate(fs);
        Checks.inRange("frequencyHz", hz, minFrequency(fs), maxFrequency(fs));
        return 2 * Math.PI * hz / fs;
    }

    static double checkQ(double q) {
        return Checks.inRange("q", q, MIN_Q, MAX_Q);
    }

    static double checkGain(double gainDb) {
        return Checks.inRange("gainDb", gainDb, -MAX_GAIN_DB, MAX_GAIN_DB);
    }

    static double checkSlope(double slope) {
        if (!(slope > 0 && slope <= 1)) {
            throw new IllegalArgumentException("slope " + Checks.format(slope) + " is out of range (0, 1]");
        }
        return slope;
    }

    /** {@code 1 - cos w0} without cancellation. */
    private static double oneMinusCos(double w0) {
        double s = Math.sin(w0 / 2);
        return 2 * s * s;
    }

    /** {@code 1 + cos w0} without cancellation. */
    private static double onePlusCos(double w0) {
        double c = Math.cos(w0 / 2);
        return 2 * c * c;
    }

    /** The section as a record; see {@link #design}. */
    static BiquadCoefficients coefficients(FilterType type, double fs, double hz, double q, double gainDb) {
        double[] c = new double[5];
        design(type, fs, hz, q, gainDb, c, 0);
        return new BiquadCoefficients(fs, c[0], c[1], c[2], c[3], c[4]);
    }

    /**
     * Writes {@code b0, b1, b2, a1, a2} (normalised by {@code a0}) to {@code out[off..off+4]}. Never
     * allocates, so processors can redesign every sample while a parameter glides. Checks every argument,
     * including those the type ignores.
     */
    static void design(FilterType type, double fs, double hz, double q, double gainDb, double[] out, int off) {
        double w0 = w0(fs, hz);
        checkQ(q);
        double a = Math.pow(10, checkGain(gainDb) / 40);
        double alpha = Math.sin(w0) / (2 * q);
        double c2 = -2 * Math.cos(w0);
        switch (type) {
            case LOW_PASS: {
                double omc = oneMinusCos(w0);
                set(out, off, omc / 2, omc, omc / 2, 1 + alpha, c2, 1 - alpha);
                break;
            }
            case HIGH_PASS: {
                double opc = onePlusCos(w0);
                set(out, off, opc / 2, -opc, opc / 2, 1 + alpha, c2, 1 - alpha);
                break;
            }
            case BAND_PASS:
                set(out, off, alpha, 0, -alpha, 1 + alpha, c2, 1 - alpha);
                break;
            case NOTCH:
                set(out, off, 1, c2, 1, 1 + alpha, c2, 1 - alpha);
                break;
            case ALL_PASS:
                set(out, off, 1 - alpha, c2, 1 + alpha, 1 + alpha, c2, 1 - alpha);
                break;
            case PEAKING:
                set(out, off, 1 + alpha * a, c2, 1 - alpha * a, 1 + alpha / a, c2, 1 - alpha / a);
                break;
            case LOW_SHELF:
                lowShelf(w0, alpha, a, out, off);
                break;
            case HIGH_SHELF:
                highShelf(w0, alpha, a, out, off);
                break;
            case FIRST_ORDER_LOW_PASS: {
                double k = Math.tan(w0 / 2);
                set(out, off, k, k, 0, 1 + k, k - 1, 0);
                break;
            }
            case FIRST_ORDER_HIGH_PASS: {
                double k = Math.tan(w0 / 2);
                set(out, off, 1, -1, 0, 1 + k, k - 1, 0);
                break;
            }
            case FIRST_ORDER_LOW_SHELF: {
                // Analog (s + sqrt G) / (s + 1/sqrt G), sqrt G = A: G at DC, 1 at HF, sqrt G at hz.
                double k = Math.tan(w0 / 2);
                set(out, off, 1 + k * a, k * a - 1, 0, 1 + k / a, k / a - 1, 0);
                break;
            }
            case FIRST_ORDER_HIGH_SHELF: {
                // Analog G (s + 1/sqrt G) / (s + sqrt G): 1 at DC, G at HF, sqrt G at hz.
                double k = Math.tan(w0 / 2);
                double g = a * a;
                set(out, off, g * (1 + k / a), g * (k / a - 1), 0, 1 + k * a, k * a - 1, 0);
                break;
            }
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * A cookbook shelf given by its slope {@code S} in (0, 1] instead of Q:
     * {@code alpha = sin(w0)/2 * sqrt((A + 1/A)(1/S - 1) + 2)}.
     */
    static BiquadCoefficients shelfWithSlope(boolean high, double fs, double hz, double slope, double gainDb) {
        double w0 = w0(fs, hz);
        double a = Math.pow(10, checkGain(gainDb) / 40);
        double alpha = Math.sin(w0) / 2 * Math.sqrt((a + 1 / a) * (1 / checkSlope(slope) - 1) + 2);
        double[] c = new double[5];
        if (high) {
            highShelf(w0, alpha, a, c, 0);
        } else {
            lowShelf(w0, alpha, a, c, 0);
        }
        return new BiquadCoefficients(fs, c[0], c[1], c[2], c[3], c[4]);
    }

    private static void lowShelf(double w0, double alpha, double a, double[] out, int off) {
        double omc = oneMinusCos(w0);
        double k = 2 * Math.sqrt(a) * alpha;
        double p = 2 + (a - 1) * omc;      // (A+1) - (A-1) cos w0
        double m = 2 * a - (a - 1) * omc;  // (A+1) + (A-1) cos w0
        set(out, off, a * (p + k), 2 * a * (-2 + (a + 1) * omc), a * (p - k),
                m + k, -2 * (2 * a - (a + 1) * omc), m - k);
    }

    private static void highShelf(double w0, double alpha, double a, double[] out, int off) {
        double omc = oneMinusCos(w0);
        double k = 2 * Math.sqrt(a) * alpha;
        double p = 2 + (a - 1) * omc;      // (A+1) - (A-1) cos w0
        double m = 2 * a - (a - 1) * omc;  // (A+1) + (A-1) cos w0
        set(out, off, a * (m + k), -2 * a * (2 * a - (a + 1) * omc), a * (m - k),
                p + k, 2 * (-2 + (a + 1) * omc), p - k);
    }

    private static void set(double[] out, int off, double b0, double b1, double b2, double a0, double a1, double a2) {
        out[off] = b0 / a0;
        out[off + 1] = b1 / a0;
        out[off + 2] = b2 / a0;
        out[off + 3] = a1 / a0;
        out[off + 4] = a2 / a0;
    }
}
