package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chain-syntax processors: registered under their names, their processed impulse responses
 * follow their analytic responses, and a frequency above Nyquist is clamped rather than fatal.
 */
class ShapingProcessorsTest {
    @Test
    void registeredUnderTheirNames() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        for (String name : List.of("svf", "dcblock", "butterworth", "linkwitz-riley")) {
            assertTrue(registry.contains(name), name);
        }
        ParameterizedProcessor lr = registry.get("linkwitz-riley").create();
        lr.set("order", "8");
        lr.set("type", "highpass");
        lr.set("freq", "120");
        assertEquals(8, ((LinkwitzRileyFilter) lr).sections(48000).order());
        assertEquals("linkwitz-riley type=highpass freq=120 order=8", lr.toString());
    }

    private static double[] impulseResponse(ParameterizedProcessor p, double fs, int frames) {
        p.prepare(new ProcessSpec(fs, 1000, 1));
        AudioBuffer b = AudioBuffer.allocate(1, frames);
        b.set(0, 0, 1f);
        for (int start = 0; start < frames; start += 1000) {
            p.process(b.view(start, Math.min(1000, frames - start)));
        }
        double[] h = new double[frames];
        for (int i = 0; i < frames; i++) {
            h[i] = b.get(0, i);
        }
        return h;
    }

    @Test
    void processedResponsesFollowTheDesigns() {
        qt().withFixedSeed(71L).withExamples(40)
                .forAll(integers().between(1, 16), doubles().between(100, 20000), integers().between(0, 3))
                .checkAssert((order, hz, kind) -> {
                    double fs = 48000;
                    SectionFilterProcessor p = kind < 2
                            ? new ButterworthFilter().setOrder(order).setFrequencyHz(hz).setHighPass(kind == 1)
                            : new LinkwitzRileyFilter().setOrder(new int[] {2, 4, 8}[order % 3]).setFrequencyHz(hz)
                                    .setHighPass(kind == 3);
                    double[] h = impulseResponse(p, fs, 32768);
                    SecondOrderSections design = p.sections(fs);
                    assertTrue(design.isStable());
                    for (int i = 0; i < 30; i++) {
                        double probe = 20 * Math.pow(0.45 * fs / 20, i / 29.0);
                        double expected = design.magnitudeDb(probe);
                        if (expected > -60) {
                            assertEquals(expected, CookbookTesting.dft(h, probe, fs).magnitudeDb(), 0.01, p + " at " + probe);
                        }
                    }
                });
    }

    @Test
    void frequenciesAboveNyquistAreClampedAtPrepare() {
        ButterworthFilter bw = new ButterworthFilter().setFrequencyHz(30000).setOrder(16);
        assertEquals(Butterworth.lowPass(44100, 0.49 * 44100, 16).sections(), bw.sections(44100).sections());
        LinkwitzRileyFilter lr = new LinkwitzRileyFilter().setFrequencyHz(40000).setHighPass(true);
        assertEquals(LinkwitzRiley.highPass(22050, 0.49 * 22050, 4).sections(), lr.sections(22050).sections());
        for (ParameterizedProcessor p : List.<ParameterizedProcessor>of(bw, lr, new DcBlocker().setFrequencyHz(200),
                new StateVariableFilter().setFrequencyHz(40000))) {
            for (double h : impulseResponse(p, 8000, 4000)) {
                assertTrue(Double.isFinite(h) && Math.abs(h) < 10, p.toString());
            }
        }
    }
}
