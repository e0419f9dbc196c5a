package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.cli.CliTestSupport.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mixwright presets}: the table of the platforms' targets, as text and as JSON. */
class PresetsCommandTest {
    private static final List<String> TABLE = List.of(
            "preset             LUFS     dBTP",
            "spotify             -14       -1",
            "apple-music         -16       -1",
            "youtube             -14       -1",
            "amazon-music        -14       -2",
            "tidal               -14       -1",
            "deezer              -15       -1",
            "soundcloud          -14       -1",
            "ebu-r128            -23       -1",
            "atsc-a85            -24       -2",
            "podcast             -16       -1");

    @Test
    void listsEveryPresetWithItsTargetAndCeiling() {
        Result r = run("presets");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(TABLE, r.out().lines().collect(java.util.stream.Collectors.toList()));
        assertEquals("", r.err());
    }

    @Test
    void jsonHasTheSameRows() {
        Result r = run("presets", "--json");
        assertEquals(0, r.exitCode(), r.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> presets = (List<Map<String, Object>>) ((Map<String, Object>) MiniJson.parse(r.out()))
                .get("presets");
        assertEquals(TABLE.size() - 1, presets.size());
        for (int i = 0; i < presets.size(); i++) {
            String[] row = TABLE.get(i + 1).trim().split("\\s+");
            Map<String, Object> p = presets.get(i);
            assertEquals(row[0], p.get("name"));
            assertEquals(Double.parseDouble(row[1]), ((Number) p.get("targetLufs")).doubleValue(), 0);
            assertEquals(Double.parseDouble(row[2]), ((Number) p.get("ceilingDbtp")).doubleValue(), 0);
        }
    }
}
