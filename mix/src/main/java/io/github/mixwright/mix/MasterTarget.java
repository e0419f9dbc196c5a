package io.github.mixwright.mix;

import io.github.mixwright.core.Checks;

/**
 * What a master is made to meet: an integrated loudness (ITU-R BS.1770-4, gated) and a true-peak
 * ceiling (BS.1770-4 Annex 2), as a platform or a broadcast standard asks for them. A value; see
 * {@link Preset} for the platforms' own.
 *
 * @param integratedLufs the integrated loudness, LUFS, in [{@value #MIN_LUFS}, {@value #MAX_LUFS}]
 * @param ceilingDbtp the highest true peak, dBTP, in [{@value #MIN_CEILING_DBTP}, {@value #MAX_CEILING_DBTP}]
 *     (the true-peak limiter's range)
 */
public record MasterTarget(double integratedLufs, double ceilingDbtp) {
    /** Quietest target, LUFS. */
    public static final double MIN_LUFS = -70;
    /** Loudest target, LUFS. */
    public static final double MAX_LUFS = 0;
    /** Lowest ceiling, dBTP. */
    public static final double MIN_CEILING_DBTP = -20;
    /** Highest ceiling, dBTP. */
    public static final double MAX_CEILING_DBTP = 0;

    /**
     * @throws IllegalArgumentException naming the value out of range and the range
     */
    public MasterTarget {
        Checks.inRange("integratedLufs", integratedLufs, MIN_LUFS, MAX_LUFS);
        Checks.inRange("ceilingDbtp", ceilingDbtp, MIN_CEILING_DBTP, MAX_CEILING_DBTP);
    }

    /** The target, as {@code -14 LUFS, -1 dBTP}. */
    @Override
    public String toString() {
        return Checks.format(integratedLufs) + " LUFS, " + Checks.format(ceilingDbtp) + " dBTP";
    }
}
