package io.github.mixwright.mix;

import io.github.mixwright.loudness.LoudnessResult;
import java.util.ArrayList;
import java.util.List;

/**
 * How a file fares on one platform: whether it meets the preset, and what the platform's playback
 * normalisation will do to it.
 *
 * @param name the preset's id
 * @param targetLufs the preset's loudness
 * @param ceilingDbtp the preset's ceiling
 * @param compliant the file's true peak is at or under the ceiling and its integrated loudness within
 *     {@value #TOLERANCE_LU} LU of the target
 * @param playbackGainDb what the platform's player does to its level ({@link Preset#playbackGainDb}):
 *     -2.1 is "plays it 2.1 dB quieter"
 * @param basis where the normalisation rule comes from ({@link Preset#basis()})
 */
public record PlatformCheck(String name, double targetLufs, double ceilingDbtp, boolean compliant,
        double playbackGainDb, String basis) {
    /** How far from a preset's loudness a file may be and still meet it, LU. */
    public static final double TOLERANCE_LU = 1;

    /** The check of a file measuring {@code r} against {@code preset}. */
    public static PlatformCheck of(Preset preset, LoudnessResult r) {
        MasterTarget t = preset.target();
        boolean compliant = r.truePeakDbtp() <= t.ceilingDbtp()
                && Math.abs(r.integratedLufs() - t.integratedLufs()) <= TOLERANCE_LU;
        return new PlatformCheck(preset.id(), t.integratedLufs(), t.ceilingDbtp(), compliant,
                preset.playbackGainDb(r.integratedLufs(), r.truePeakDbtp()), preset.basis());
    }

    /** The checks of every preset, in the order of {@link Preset#values()}. */
    public static List<PlatformCheck> all(LoudnessResult r) {
        List<PlatformCheck> list = new ArrayList<>();
        for (Preset p : Preset.values()) {
            list.add(of(p, r));
        }
        return list;
    }

    /** A sentence: "spotify plays it 2.1 dB quieter", "... as it is", "... 1.0 dB louder". */
    public String playback() {
        double g = Math.round(playbackGainDb * 10) / 10.0;
        if (g == 0) {
            return name + " plays it as it is";
        }
        return String.format(java.util.Locale.ROOT, "%s plays it %.1f dB %s", name, Math.abs(g),
                g < 0 ? "quieter" : "louder");
    }
}
