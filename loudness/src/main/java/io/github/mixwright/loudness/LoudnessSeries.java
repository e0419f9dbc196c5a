package io.github.mixwright.loudness;

/**
 * Momentary and short-term loudness at the end of every 100 ms step of a {@link LoudnessMeter}, LUFS
 * ({@code -Infinity} for silence). Element {@code k} is at {@link #timeSeconds(int) (k + 1) * stepSeconds}.
 * The arrays are the record's own: callers must not change them.
 *
 * @param stepSeconds the step, {@code round(rate / 10) / rate} seconds
 * @param momentaryLufs momentary loudness (400 ms) per step
 * @param shortTermLufs short-term loudness (3 s) per step
 */
public record LoudnessSeries(double stepSeconds, double[] momentaryLufs, double[] shortTermLufs) {
    /**
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public LoudnessSeries {
        if (momentaryLufs.length != shortTermLufs.length) {
            throw new IllegalArgumentException("momentary has " + momentaryLufs.length + " values, short-term "
                    + shortTermLufs.length);
        }
    }

    /** Number of steps. */
    public int size() {
        return momentaryLufs.length;
    }

    /** Time at the end of step {@code k}, seconds from the start. */
    public double timeSeconds(int k) {
        return (k + 1) * stepSeconds;
    }
}
