package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.ProcessorSettings;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hostile numbers: NaN, infinities, denormals, impulses and full-scale squares, at random settings of
 * every effect (and at every parameter's extremes). The output is always finite, and a burst of
 * non-finite samples does exactly what silence would: the rest of the output is the output of the
 * input with those samples zeroed, so it is back to normal at once, well within {@code tailFrames}.
 */
class HostileInputTest {
    private static final double RATE = 48_000;
    private static final int FRAMES = 24_000;

    private static List<ProcessorDescriptor> effects() {
        return ProcessorRegistry.load().all().stream()
                .filter(d -> d.create().getClass().getPackageName().equals("io.github.mixwright.effects"))
                .collect(Collectors.toList());
    }

    /** Music-like noise with a NaN burst, lone infinities, a denormal stretch, impulses and a full-scale square. */
    static AudioBuffer hostile(int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, FRAMES);
        for (int c = 0; c < channels; c++) {
            float[] x = b.channel(c);
            for (int i = 0; i < FRAMES; i++) {
                float v;
                if (i < 4000) {
                    v = (float) (0.5 * (r.nextDouble() * 2 - 1));
                } else if (i < 4200) {
                    v = Float.NaN;
                } else if (i < 8000) {
                    v = i % 501 == 0 ? Float.POSITIVE_INFINITY : i % 777 == 0 ? Float.NEGATIVE_INFINITY
                            : (float) (0.3 * (r.nextDouble() * 2 - 1));
                } else if (i < 12_000) {
                    v = (i % 2 == 0 ? 1 : -1) * Float.MIN_VALUE * (1 + r.nextInt(1000));
                } else if (i < 16_000) {
                    v = i % 1200 == 0 ? 1f : 0f;
                } else if (i < 20_000) {
                    v = (i / (30 + 7 * c)) % 2 == 0 ? 1f : -1f;
                } else {
                    v = 0f;
                }
                x[i] = v;
            }
        }
        return b;
    }

    private static AudioBuffer run(ParameterizedProcessor<?> p, AudioBuffer input, int block) {
        AudioBuffer out = input.copy();
        p.prepare(new ProcessSpec(RATE, block, input.channels()));
        for (int s = 0; s < FRAMES; s += block) {
            p.process(out.view(s, Math.min(block, FRAMES - s)));
        }
        return out;
    }

    private static ParameterizedProcessor<?> make(ProcessorDescriptor d, SplittableRandom r, int mode) {
        ProcessorSettings s = ProcessorSettings.defaults(d);
        if (d.name().equals("convolver")) {
            s = s.with("ir", EffectsProcessorContractTest.contractResponse().toString());
        }
        for (ParameterSpec spec : d.parameters()) {
            if (spec.path()) {
                continue;
            }
            double v = mode == 0 ? spec.min() : mode == 1 ? spec.max()
                    : spec.integer() ? spec.min() + r.nextInt((int) (spec.max() - spec.min()) + 1)
                    : spec.min() + (spec.max() - spec.min()) * r.nextDouble();
            s = s.with(spec.name(), v);
        }
        return s.create();
    }

    @Test
    void hostileInputGivesFiniteOutputAndABurstActsAsSilence() {
        for (ProcessorDescriptor d : effects()) {
            qt().withFixedSeed(d.name().hashCode()).withExamples(8).forAll(longs().all()).checkAssert(seed -> {
                SplittableRandom r = new SplittableRandom(seed);
                int mode = r.nextInt(4);
                int channels = 1 + r.nextInt(2);
                AudioBuffer input = hostile(channels, seed);
                AudioBuffer cleaned = input.copy();
                for (int c = 0; c < channels; c++) {
                    float[] x = cleaned.channel(c);
                    for (int i = 0; i < FRAMES; i++) {
                        x[i] = Float.isFinite(x[i]) ? x[i] : 0f;
                    }
                }
                long settingsSeed = r.nextLong();
                ParameterizedProcessor<?> p = make(d, new SplittableRandom(settingsSeed), mode);
                AudioBuffer out = run(p, input, 1 + r.nextInt(2048));
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < FRAMES; i++) {
                        if (!Float.isFinite(out.get(c, i))) {
                            fail(p + ": output " + out.get(c, i) + " at frame " + i + ", channel " + c);
                        }
                    }
                }
                AudioBuffer reference = run(make(d, new SplittableRandom(settingsSeed), mode), cleaned, 4096);
                assertTrue(reference.sameSamples(out), () -> p + ": the hostile samples did more than silence would");
            });
        }
    }
}
