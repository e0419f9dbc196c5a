package io.github.mixwright.loudness;

/**
 * The figures of a {@link LoudnessMeter} (or of an {@linkplain LoudnessMeter#album album} of them).
 * Loudness is {@code -Infinity} for silence; {@code truePeakDbtp} and {@code plrDb} are NaN when true
 * peak was not measured, and {@code plrDb} also when nothing was loud enough to be integrated.
 *
 * @param integratedLufs gated integrated loudness, LUFS
 * @param loudnessRangeLu loudness range (EBU Tech 3342), LU
 * @param truePeakDbtp true peak, dBTP
 * @param samplePeakDbfs sample peak, dBFS
 * @param maxMomentaryLufs highest momentary loudness, LUFS
 * @param maxShortTermLufs highest short-term loudness, LUFS
 * @param plrDb peak-to-loudness ratio (true peak minus integrated), dB
 */
public record LoudnessResult(double integratedLufs, double loudnessRangeLu, double truePeakDbtp,
        double samplePeakDbfs, double maxMomentaryLufs, double maxShortTermLufs, double plrDb) {
}
