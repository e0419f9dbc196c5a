package io.github.mixwright.cli;

import static io.github.mixwright.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code processors}: every registered processor and parameter, as text and as JSON. */
class ProcessorsCommandTest {

    @Test
    void textListsEveryProcessorWithEveryParameter() {
        Result r = run("processors");

        assertEquals(0, r.exitCode(), r.err());
        for (ProcessorDescriptor d : ProcessorRegistry.load().all()) {
            assertTrue(r.out().contains(d.name() + " - " + d.summary()), d.name());
            for (ParameterSpec p : d.parameters()) {
                // Numbered copies (b2freq ... b32freq) are summarised by their first.
                String first = p.name().replaceFirst("[0-9]+", "1");
                if (p.name().equals(first) || d.parameters().stream().noneMatch(q -> q.name().equals(first))) {
                    assertTrue(r.out().contains(p.description()), p.name());
                }
            }
        }
        assertTrue(r.out().contains("    b1freq   [1, 200000] Hz, default 1000 Hz, control rate"), r.out());
        assertTrue(r.out().contains("the same for each of b2freq to b32freq"), r.out());
        assertTrue(r.out().contains("    taps     [4096, 65536], whole, default 8192, fixed at prepare"), r.out());
        assertTrue(r.out().contains("    db  [-120, 24] dB, default 0 dB"), r.out());
        assertTrue(r.out().contains("    law       one of 0db, -3db, -4.5db, -6db, default -3db"), r.out());
        assertTrue(r.out().contains("width - Scales the stereo side signal: 0 mono, 1 unchanged, 2 twice as wide"
                + " (needs 2 channels)"), r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonDescribesRangesChoicesAndDefaults() {
        Result r = run("processors", "--json");

        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, Object>> list = (List<Map<String, Object>>) MiniJson.object(r.out()).get("processors");
        // every registered processor (other modules add theirs), sorted by name
        assertEquals(ProcessorRegistry.load().all().stream().map(ProcessorDescriptor::name).collect(Collectors.toList()),
                list.stream().map(m -> m.get("name")).collect(Collectors.toList()));
        Map<String, Map<String, Object>> byName = list.stream()
                .collect(Collectors.toMap(m -> (String) m.get("name"), m -> m));
        assertTrue(byName.keySet().containsAll(List.of("gain", "pan", "polarity", "width")), byName.keySet().toString());
        Map<String, Object> gain = byName.get("gain");
        assertEquals(0L, gain.get("channels"));
        assertEquals(Map.of("name", "db", "unit", "dB", "min", -120.0, "max", 24.0, "default", 0.0,
                "rate", "audio", "integer", false, "description", "gain in decibels"),
                ((List<Object>) gain.get("parameters")).get(0));
        Map<String, Object> pan = byName.get("pan");
        assertEquals(2L, pan.get("channels"));
        Map<String, Object> law = (Map<String, Object>) ((List<Object>) pan.get("parameters")).get(1);
        assertEquals(List.of("0db", "-3db", "-4.5db", "-6db"), law.get("choices"));
        assertEquals("-3db", law.get("default"));
    }

    @Test
    void usesOnlyTheRegistryItIsGiven() {
        Result r = run(ProcessorRegistry.of(List.of(LookaheadProcessor.DESCRIPTOR)), "processors");

        assertEquals("lookahead - Test-only pure delay that reports its latency\n"
                + "    frames  [0, 1000000], default 0\n"
                + "        delay in frames\n\n", r.out().replace(System.lineSeparator(), "\n"));
    }
}
