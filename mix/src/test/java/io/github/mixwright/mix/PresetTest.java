package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The presets against the table of the platforms' targets, and the targets' ranges. */
class PresetTest {
    /** The table of issue 11: preset, LUFS, dBTP. */
    private static final Map<String, double[]> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("spotify", new double[] {-14, -1});
        TABLE.put("apple-music", new double[] {-16, -1});
        TABLE.put("youtube", new double[] {-14, -1});
        TABLE.put("amazon-music", new double[] {-14, -2});
        TABLE.put("tidal", new double[] {-14, -1});
        TABLE.put("deezer", new double[] {-15, -1});
        TABLE.put("soundcloud", new double[] {-14, -1});
        TABLE.put("ebu-r128", new double[] {-23, -1});
        TABLE.put("atsc-a85", new double[] {-24, -2});
        TABLE.put("podcast", new double[] {-16, -1});
    }

    @Test
    void everyPresetIsTheTablesInItsOrder() {
        assertEquals(List.copyOf(TABLE.keySet()),
                Arrays.stream(Preset.values()).map(Preset::id).collect(Collectors.toList()));
        for (Map.Entry<String, double[]> row : TABLE.entrySet()) {
            Preset p = Preset.of(row.getKey());
            assertEquals(new MasterTarget(row.getValue()[0], row.getValue()[1]), p.target(), row.getKey());
            assertSame(p, Preset.of(row.getKey().toUpperCase()));
        }
        assertEquals("-14 LUFS, -1 dBTP", Preset.SPOTIFY.target().toString());
    }

    @Test
    void anUnknownNameListsThePresets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.of("spotfy"));
        assertEquals("unknown preset 'spotfy'; the presets are " + String.join(", ", TABLE.keySet()), e.getMessage());
    }

    @Test
    void targetsOutOfRangeNameTheValueAndTheRange() {
        assertEquals("integratedLufs 3 is out of range [-70, 0]",
                assertThrows(IllegalArgumentException.class, () -> new MasterTarget(3, -1)).getMessage());
        assertEquals("ceilingDbtp -21 is out of range [-20, 0]",
                assertThrows(IllegalArgumentException.class, () -> new MasterTarget(-14, -21)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MasterTarget(Double.NaN, -1));
        assertThrows(IllegalArgumentException.class, () -> new MasterTarget(-14, Double.POSITIVE_INFINITY));
        // The ends of both ranges are allowed.
        new MasterTarget(-70, -20);
        new MasterTarget(0, 0);
    }
}
