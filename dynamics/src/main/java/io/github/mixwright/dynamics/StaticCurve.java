package io.github.mixwright.dynamics;

import io.github.mixwright.core.Checks;

/**
 * The static curve of a downward compressor: the gain it applies, in dB, to a steady input level
 * (Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor Design: A Tutorial and Analysis",
 * JAES 60(6), 2012, equation 4). With threshold {@code T}, ratio {@code R} and knee width {@code W},
 * for an input level {@code x} (dB):
 * <ul>
 *   <li>{@code x <= T - W/2}: 0 dB, exactly;</li>
 *   <li>{@code T - W/2 < x < T + W/2}: {@code (1/R - 1) (x - T + W/2)^2 / (2 W)};</li>
 *   <li>{@code x >= T + W/2}: {@code (1/R - 1) (x - T)}.</li>
 * </ul>
 * The gain never rises with the input level (gain reduction never decreases), and the curve is
 * continuous with a continuous slope through the knee. A ratio of {@value #INFINITE_RATIO} or more is
 * infinity: the output stays at the threshold.
 *
 * @param thresholdDb threshold, dBFS, [-120, 24]
 * @param ratio ratio, [1, {@value #INFINITE_RATIO}]
 * @param kneeDb knee width, dB, [0, 48]
 */
public record StaticCurve(double thresholdDb, double ratio, double kneeDb) {
    /** The ratio treated as infinity (a slope of 0 above the threshold). */
    public static final double INFINITE_RATIO = 1000;

    /** Validates the curve. */
    public StaticCurve {
        Checks.inRange("threshold", thresholdDb, -120, 24);
        Checks.inRange("ratio", ratio, 1, INFINITE_RATIO);
        Checks.inRange("knee", kneeDb, 0, 48);
    }

    /** {@code 1/R - 1}: the slope of the gain above the knee, -1 for an infinite ratio. */
    static double slope(double ratio) {
        return ratio >= INFINITE_RATIO ? -1 : 1 / ratio - 1;
    }

    /** The gain in dB (0 or less) for a steady input level {@code levelDb}. */
    public double gainDb(double levelDb) {
        return gainDb(levelDb, thresholdDb, slope(ratio), kneeDb);
    }

    /** The curve with its parameters passed in, {@code slope = 1/R - 1}, for the per-sample paths. */
    static double gainDb(double levelDb, double thresholdDb, double slope, double kneeDb) {
        double over = levelDb - thresholdDb;
        double half = kneeDb / 2;
        if (over <= -half) {
            return 0;
        }
        if (over < half) {
            double d = over + half;
            return slope * d * d / (2 * kneeDb);
        }
        return slope * over;
    }
}
