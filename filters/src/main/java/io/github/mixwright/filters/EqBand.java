package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import java.util.Objects;

/**
 * One band of a {@link ParametricEq}: a {@link FilterType} with its frequency, gain and Q.
 *
 * <p>The frequency is only checked to be positive and finite (at most 1 MHz), not against a Nyquist
 * frequency, because a band list is usually written before the sample rate is known;
 * {@link #coefficients(double)} and {@link ParametricEq} clamp it to {@code 0.499 sampleRate} (and up to
 * {@code 1e-5 sampleRate}, which only matters at sample rates in the MHz).
 * Immutable and thread-safe.
 *
 * @param type the shape
 * @param frequencyHz corner or centre frequency in Hz, (0, 1e6]
 * @param q quality factor, [0.025, 100]; used by the second-order types
 * @param gainDb gain in dB, [-48, 48]; used by peaking and shelving types
 * @param enabled whether the band acts; a disabled band is the identity
 */
public record EqBand(FilterType type, double frequencyHz, double q, double gainDb, boolean enabled) {
    /** Highest frequency accepted before clamping. */
    static final double MAX_FREQUENCY_HZ = 1e6;

    /** Validates the band. */
    public EqBand {
        Objects.requireNonNull(type, "type");
        if (!(frequencyHz > 0 && frequencyHz <= MAX_FREQUENCY_HZ)) {
            throw new IllegalArgumentException("frequencyHz " + Checks.format(frequencyHz) + " is out of range (0, "
                    + Checks.format(MAX_FREQUENCY_HZ) + "]");
        }
        Cookbook.checkGain(gainDb);
        Cookbook.checkQ(q);
    }

    /**
     * An enabled band. The arguments come in the order of every filter factory in this module
     * ({@link Biquad#of(FilterType, double, double, double)}, {@link FilterType#coefficients}):
     * type, frequency, Q, gain.
     */
    public static EqBand of(FilterType type, double frequencyHz, double q, double gainDb) {
        return new EqBand(type, frequencyHz, q, gainDb, true);
    }

    /** The same band, enabled or not. */
    public EqBand withEnabled(boolean on) {
        return new EqBand(type, frequencyHz, q, gainDb, on);
    }

    /**
     * The section at {@code sampleRate}, with the frequency clamped to [1e-5, 0.499] x {@code sampleRate};
     * the identity when disabled.
     */
    public BiquadCoefficients coefficients(double sampleRate) {
        if (!enabled) {
            return BiquadCoefficients.identity(sampleRate);
        }
        return type.coefficients(sampleRate, clampFrequency(frequencyHz, sampleRate), q, gainDb);
    }

    /**
     * Clamps to [1e-5, 0.499] x {@code sampleRate}, inside the range the designs accept, so that a band
     * written without knowing the rate never fails while processing.
     */
    static double clampFrequency(double hz, double sampleRate) {
        return Math.max(Cookbook.minFrequency(sampleRate), Math.min(hz, 0.499 * sampleRate));
    }
}
