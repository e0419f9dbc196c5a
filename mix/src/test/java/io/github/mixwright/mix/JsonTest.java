package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON: escaping, numbers, nesting; checked by parsing it back. */
class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String nasty = "a \"quoted\" \\path\\ with\ttab\nnewline \u0001 and é";

        String json = Json.write(nasty);

        assertEquals("\"a \\\"quoted\\\" \\\\path\\\\ with\\ttab\\nnewline \\u0001 and é\"", json);
        assertEquals(nasty, JsonParser.parse(json));
    }

    @Test
    void writesNumbersAsJsonNumbersAndNonFiniteAsNull() {
        assertEquals("[1, 48000, 0.5, -120.0, 1.0E-5, null, null]",
                Json.write(Arrays.asList(1, 48_000L, 0.5, -120.0, 1e-5, Double.NaN, Double.POSITIVE_INFINITY)));
        assertEquals(Arrays.asList(1L, 48_000L, 0.5, -120.0, 1e-5, null, null),
                JsonParser.parse(Json.write(Arrays.asList(1, 48_000L, 0.5, -120.0, 1e-5, Double.NaN, 1 / 0.0))));
    }

    @Test
    void nestsObjectsAndListsWithIndentation() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "gain");
        inner.put("choices", List.of("a", "b"));
        inner.put("empty", List.of());
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("ok", true);
        outer.put("items", List.of(inner, Map.of()));

        String json = Json.write(outer);

        assertEquals("{\n"
                + "  \"ok\": true,\n"
                + "  \"items\": [\n"
                + "    {\n"
                + "      \"name\": \"gain\",\n"
                + "      \"choices\": [\"a\", \"b\"],\n"
                + "      \"empty\": []\n"
                + "    },\n"
                + "    {}\n"
                + "  ]\n"
                + "}", json);
        assertEquals(outer, JsonParser.parse(json));
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
