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
    SPOTIFY("spotify", -14, -1),
    APPLE_MUSIC("apple-music", -16, -1),
    YOUTUBE("youtube", -14, -1),
    AMAZON_MUSIC("amazon-music", -14, -2),
    TIDAL("tidal", -14, -1),
    DEEZER("deezer", -15, -1),
    SOUNDCLOUD("soundcloud", -14, -1),
    EBU_R128("ebu-r128", -23, -1),
    ATSC_A85("atsc-a85", -24, -2),
    PODCAST("podcast", -16, -1);

    private final String id;
    private final MasterTarget target;

    Preset(String id, double lufs, double ceilingDbtp) {
        this.id = id;
        this.target = new MasterTarget(lufs, ceilingDbtp);
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
