package io.github.mixwright.dynamics;

/**
 * Base-2 logarithm and power for the per-sample paths of the dynamics processors, several times
 * faster than {@link Math#log} and {@link Math#pow} and exact to within 1e-9 dB when used for
 * decibels (the dynamics tests allow 0.1 dB). Both reduce their argument with a 64-entry table, so a
 * short polynomial finishes the job:
 * <ul>
 *   <li>{@link #log2}: {@code x = 2^e m}, m in [1, 2); {@code c} is the table point at or below m (a
 *       multiple of 1/64) and {@code r = m / c - 1} lies in [0, 1/64), so
 *       {@code log2(x) = e + log2(c) + log2(1 + r)}, the last by its series to {@code r^5}: the first
 *       term left out is below {@code 3e-12}.</li>
 *   <li>{@link #exp2}: {@code y = n + k/64 + f} with |f| at most 1/128, so
 *       {@code 2^y = 2^n 2^(k/64) e^(f ln 2)}, the last by its Taylor series to {@code z^4}: the first
 *       term left out is below {@code 4e-14} relative.</li>
 * </ul>
 * The tables are computed from {@link Math} once. Pure arithmetic, so results are the same on every
 * JVM. Stateless and thread-safe.
 */
final class FastLog {
    private static final double LN2 = Math.log(2);
    private static final double INVERSE_LN2 = 1 / LN2;
    private static final int BITS = 6;
    private static final int SIZE = 1 << BITS;
    private static final double TWO_52 = 0x1p52;
    /** {@code 1.5 2^52}: adding it rounds any double under 2^51 in magnitude to an integer. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);
    /** {@code log2(1 + k/64)}. */
    private static final double[] LOG_POINTS = new double[SIZE];
    /** {@code 1 / (1 + k/64)}. */
    private static final double[] INVERSE_POINTS = new double[SIZE];
    /** {@code 2^(k/64)}. */
    private static final double[] POWERS = new double[SIZE];
    /** dB per unit of log2 of a power: {@code 10 log10(2)}. */
    static final double DB_PER_LOG2_POWER = 10 * Math.log10(2);
    /** log2 of the gain per dB: {@code log2(10) / 20}. */
    static final double LOG2_GAIN_PER_DB = Math.log(10) / Math.log(2) / 20;

    static {
        for (int k = 0; k < SIZE; k++) {
            double c = 1 + (double) k / SIZE;
            LOG_POINTS[k] = Math.log(c) / LN2;
            INVERSE_POINTS[k] = 1 / c;
            POWERS[k] = Math.pow(2, (double) k / SIZE);
        }
    }

    private FastLog() {
    }

    /** {@code log2(x)} for a positive, finite, normal {@code x} (the sign bit clear). */
    static double log2(double x) {
        long bits = Double.doubleToRawLongBits(x);
        // The biased exponent e as a double without an int-to-double conversion: 2^52 + e has e in its
        // low mantissa bits. On x86 the conversion instruction also writes into its destination's old
        // contents, which C2 does not clear, so each call waited for an unrelated earlier result: this
        // line made the compressor's detector 4x faster.
        double exponent = Double.longBitsToDouble(TWO_52_BITS | (bits >>> 52)) - (TWO_52 + 1023);
        int k = (int) ((bits >>> (52 - BITS)) & (SIZE - 1));
        double m = Double.longBitsToDouble((bits & 0x000f_ffff_ffff_ffffL) | 0x3ff0_0000_0000_0000L);
        double r = m * INVERSE_POINTS[k] - 1;
        double series = r * (1 - r * (1.0 / 2 - r * (1.0 / 3 - r * (1.0 / 4 - r * (1.0 / 5)))));
        return exponent + LOG_POINTS[k] + series * INVERSE_LN2;
    }

    /**
     * {@code log2(f)} of the float with bits {@code bits}, for a non-negative finite float: the same
     * reduction as {@link #log2}, on the float's 8-bit exponent and 23-bit mantissa, without any
     * conversion instruction. Subnormal floats (under 1.2e-38) read as about -127.
     */
    static double log2OfFloatBits(int bits) {
        double exponent = Double.longBitsToDouble(TWO_52_BITS | (bits >>> 23)) - (TWO_52 + 127);
        int k = (bits >>> (23 - BITS)) & (SIZE - 1);
        double m = Double.longBitsToDouble(((long) (bits & 0x7f_ffff) << 29) | 0x3ff0_0000_0000_0000L);
        double r = m * INVERSE_POINTS[k] - 1;
        double series = r * (1 - r * (1.0 / 2 - r * (1.0 / 3 - r * (1.0 / 4 - r * (1.0 / 5)))));
        return exponent + LOG_POINTS[k] + series * INVERSE_LN2;
    }

    /**
     * {@code 2^y}; {@code y} is clamped to [-1000, 1000]. The rounding of {@code 64 y} to an integer
     * adds and subtracts {@code 1.5 2^52}, which leaves the integer in the sum's low bits: no rounding
     * or conversion instruction, each of which on x86 also waits for its destination's old contents.
     */
    static double exp2(double y) {
        double v = y > 1000 ? 1000 : y < -1000 ? -1000 : y;
        double shifted = v * SIZE + ROUNDER;
        long whole = Double.doubleToRawLongBits(shifted) - ROUNDER_BITS;
        double scaled = shifted - ROUNDER;
        int k = (int) (whole & (SIZE - 1));
        long n = whole >> BITS;
        double z = (v - scaled * (1.0 / SIZE)) * LN2;
        double e = 1 + z * (1 + z * (1.0 / 2 + z * (1.0 / 6 + z * (1.0 / 24))));
        return e * POWERS[k] * Double.longBitsToDouble((n + 1023) << 52);
    }

    /** Decibels of a power (a square or mean square), {@code 10 log10(p)}, for a normal positive {@code p}. */
    static double powerToDb(double p) {
        return DB_PER_LOG2_POWER * log2(p);
    }

    /** The gain of {@code db} decibels, {@code 10^(db / 20)}, for db in [-6000, 6000]. */
    static double dbToGain(double db) {
        return exp2(db * LOG2_GAIN_PER_DB);
    }
}
