package io.github.mixwright.mix;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The delivery targets of streaming platforms and broadcast standards, by the names the command and
 * session files use ({@link #id()}):
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>LUFS</th><th>dBTP</th></tr>
 *   <tr><td>spotify</td><td>-14</td><td>-1</td></tr>
 *   <tr><td>apple-music</td><td>-16</td><td>-1</td></tr>
 *   <tr><td>youtube</td><td>-14</td><td>-1</td></tr>
 *   <tr><td>amazon-music</td><td>-14</td><td>-2</td></tr>
 *   <tr><td>tidal</td><td>-14</td><td>-1</td></tr>
 *   <tr><td>deezer</td><td>-15</td><td>-1</td></tr>
 *   <tr><td>soundcloud</td><td>-14</td><td>-1</td></tr>
 *   <tr><td>ebu-r128</td><td>-23</td><td>-1</td></tr>
 *   <tr><td>atsc-a85</td><td>-24</td><td>-2</td></tr>
 *   <tr><td>podcast</td><td>-16</td><td>-1</td></tr>
 * </table>
 */
public enum Preset {
    SPOTIFY("spotify", -14, -1, Normalization.UP_TO_PEAK,
            "official: https://support.spotify.com/us/artists/article/loudness-normalization"),
    APPLE_MUSIC("apple-music", -16, -1, Normalization.BOTH_WAYS,
            "secondary (Apple publishes no rule): production-expert.com, masteringthemix.com"),
    YOUTUBE("youtube", -14, -1, Normalization.DOWN_ONLY,
            "secondary (YouTube publishes no rule): admiralbumblebee.com, charlesgaddis.com"),
    AMAZON_MUSIC("amazon-music", -14, -2, Normalization.DOWN_ONLY,
            "secondary (Amazon publishes no rule; turning up not documented): apu.software"),
    TIDAL("tidal", -14, -1, Normalization.DOWN_ONLY,
            "secondary: meterplugs.com (2016, from Tidal): quieter tracks are not raised"),
    DEEZER("deezer", -15, -1, Normalization.DOWN_ONLY,
            "secondary (Deezer publishes no rule; turning up not documented): apu.software"),
    SOUNDCLOUD("soundcloud", -14, -1, Normalization.NONE,
            "secondary, conflicting (no normalisation, or -14 LUFS): soundontime.com, apu.software"),
    EBU_R128("ebu-r128", -23, -1, Normalization.BOTH_WAYS,
            "official: EBU R 128 (2020), https://tech.ebu.ch/publications/r128"),
    ATSC_A85("atsc-a85", -24, -2, Normalization.BOTH_WAYS,
            "ATSC A/85:2013 (-24 LKFS); the -2 dBTP ceiling is common delivery practice"),
    PODCAST("podcast", -16, -1, Normalization.BOTH_WAYS,
            "Apple Podcasts audio requirements: -16 LUFS, true peak at most -1 dBTP");

    /** What a platform's player does to a file's level to play it at its reference loudness. */
    public enum Normalization {
        /** Turned down when louder; turned up when quieter only as far as keeps the true peak at or under the ceiling. */
        UP_TO_PEAK,
        /** Turned down when louder, never up. */
        DOWN_ONLY,
        /** Turned down or up to the reference (a broadcaster's or a player's full normalisation). */
        BOTH_WAYS,
        /** Played as it is. */
        NONE
    }

    private final String id;
    private final MasterTarget target;
    private final Normalization normalization;
    private final String basis;

    Preset(String id, double lufs, double ceilingDbtp, Normalization normalization, String basis) {
        this.id = id;
        this.target = new MasterTarget(lufs, ceilingDbtp);
        this.normalization = normalization;
        this.basis = basis;
    }

    /** What the platform's playback does to a file's level (see {@link #playbackGainDb}). */
    public Normalization normalization() {
        return normalization;
    }

    /** Where the normalisation rule comes from: whether the platform states it, and the sources. */
    public String basis() {
        return basis;
    }

    /**
     * The gain, dB, the platform's playback applies to a file of integrated loudness {@code integratedLufs}
     * and true peak {@code truePeakDbtp}, by its {@link #normalization()}: negative when it plays the file
     * quieter. The reference is the preset's target. For {@link Normalization#UP_TO_PEAK} a positive gain
     * stops where the true peak would pass the ceiling (Spotify: "we only adjust ... so the peaks stay
     * below -1 dB TP" in its normal setting, no limiter). A silent file (-Infinity LUFS) gets 0.
     */
    public double playbackGainDb(double integratedLufs, double truePeakDbtp) {
        if (!Double.isFinite(integratedLufs)) {
            return 0;
        }
        double full = target.integratedLufs() - integratedLufs;
        switch (normalization) {
            case NONE: return 0;
            case DOWN_ONLY: return Math.min(0, full);
            case BOTH_WAYS: return full;
            default:
                return full <= 0 ? full : Math.max(0, Math.min(full, target.ceilingDbtp() - truePeakDbtp));
        }
    }

    /** The preset's name, lower case with hyphens: {@code apple-music}. */
    public String id() {
        return id;
    }

    /** Its integrated loudness and true-peak ceiling. */
    public MasterTarget target() {
        return target;
    }

    /**
     * The preset named {@code name} ({@link #id()}; letter case aside).
     *
     * @throws IllegalArgumentException naming the unknown name and listing the presets
     */
    public static Preset of(String name) {
        Objects.requireNonNull(name, "name");
        String id = name.toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; the presets are "
                + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")));
    }
}
