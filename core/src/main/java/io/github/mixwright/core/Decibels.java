package io.github.mixwright.core;

/**
 * Conversions between decibels and linear amplitude: {@code gain = 10^(dB / 20)}.
 * Silence is {@code -Infinity} dB, never a magic number.
 *
 * <p>Thread-safe (stateless).
 */
public final class Decibels {
    private Decibels() {
    }

    /** Amplitude ratio for {@code db}: {@code 10^(db/20)}; {@code -Infinity} gives 0. NaN gives NaN. */
    public static double toGain(double db) {
        if (db == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        return Math.pow(10, db / 20);
    }

    /** Level in dB of an amplitude {@code gain}: {@code 20 log10(|gain|)}; 0 gives {@code -Infinity}. */
    public static double toDb(double gain) {
        return 20 * Math.log10(Math.abs(gain));
    }

    /** Level in dB of a power ratio: {@code 10 log10(power)}; 0 gives {@code -Infinity}. */
    public static double powerToDb(double power) {
        return 10 * Math.log10(power);
    }
}
