package io.github.mixwright.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link io.github.mixwright.core.Processor} keeps. Each module's test suite
 * subclasses this with the descriptors it offers; the cli module runs it over every processor
 * registered on the class path.
 *
 * <p>For each processor, with default parameters, with random parameters and with every numeric
 * parameter under random automation, at 1, 2 and 3 channels (or the count it requires):
 * <ul>
 *   <li>blocks of 1, 7, 64 and 4096 frames give bit-identical output;</li>
 *   <li>after {@code reset} the same input gives the same output;</li>
 *   <li>bypassed in a {@link Chain} it is the identity;</li>
 *   <li>finite input (noise, full-scale square, impulses, silence, values up to 16) gives finite output;</li>
 *   <li>process before prepare is an IllegalStateException; an oversized block an IllegalArgumentException.</li>
 * </ul>
 */
public abstract class ProcessorContract {
    private static final int[] BLOCK_SIZES = {1, 7, 64, 4096};
    private static final int FRAMES = 12_000;
    private static final double SAMPLE_RATE = 48_000;

    /** The processors under test. */
    protected abstract Collection<ProcessorDescriptor> descriptors();

    @TestFactory
    protected final Stream<DynamicNode> contract() {
        return descriptors().stream().map(d -> DynamicContainer.dynamicContainer(d.name(), cases(d)));
    }

    private Stream<DynamicNode> cases(ProcessorDescriptor d) {
        List<DynamicNode> tests = new ArrayList<>();
        int[] channelCounts = d.channels() == 0 ? new int[] {1, 2, 3} : new int[] {d.channels()};
        for (int channels : channelCounts) {
            for (Setting setting : Setting.values()) {
                String name = setting.name().toLowerCase() + ", " + channels + " ch";
                tests.add(DynamicTest.dynamicTest("block-size invariance, " + name,
                        () -> blockSizeInvariance(d, setting, channels)));
                tests.add(DynamicTest.dynamicTest("reset repeats output, " + name,
                        () -> resetRepeats(d, setting, channels)));
                tests.add(DynamicTest.dynamicTest("finite in, finite out, " + name,
                        () -> finiteOut(d, setting, channels)));
            }
            tests.add(DynamicTest.dynamicTest("bypass is identity, " + channels + " ch", () -> bypassIdentity(d, channels)));
            tests.add(DynamicTest.dynamicTest("misuse is reported, " + channels + " ch", () -> misuse(d, channels)));
        }
        return tests.stream();
    }

    /** How the parameters are set for a case. */
    enum Setting { DEFAULTS, RANDOM, AUTOMATED }

    private static ParameterizedProcessor make(ProcessorDescriptor d, Setting setting, long seed) {
        ParameterizedProcessor p = d.create();
        SplittableRandom random = new SplittableRandom(seed);
        if (setting == Setting.DEFAULTS) {
            return p;
        }
        for (ParameterSpec spec : d.parameters()) {
            if (setting == Setting.RANDOM || spec.isChoice() || !spec.isAutomatable()) {
                p.parameter(spec.name()).set(randomValue(spec, random));
            } else {
                Automation.Builder b = Automation.builder(0, randomValue(spec, random));
                double t = 0;
                for (int k = 0; k < 4; k++) {
                    t += random.nextDouble(0.01, 0.08);
                    double v = randomValue(spec, random);
                    switch (k % 3) {
                        case 0: b.linearTo(t, v); break;
                        case 1: b.sCurveTo(t, v); break;
                        default: b.holdTo(t, v); break;
                    }
                }
                p.automate(spec.name(), b.build());
            }
        }
        return p;
    }

    private static double randomValue(ParameterSpec spec, SplittableRandom random) {
        if (spec.isChoice()) {
            return random.nextInt(spec.choices().size());
        }
        if (spec.integer()) {
            return spec.min() + random.nextInt((int) (spec.max() - spec.min()) + 1);
        }
        return spec.min() + (spec.max() - spec.min()) * random.nextDouble();
    }

    /** Noise, a full-scale square, impulses and a stretch of silence, with per-channel differences. */
    static AudioBuffer signal(int channels, long seed, float scale) {
        SplittableRandom random = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, FRAMES);
        for (int c = 0; c < channels; c++) {
            float[] x = b.channel(c);
            for (int i = 0; i < FRAMES; i++) {
                float v;
                if (i < 3000) {
                    v = (float) (random.nextDouble() * 2 - 1);
                } else if (i < 6000) {
                    v = ((i / (7 + c)) % 2 == 0) ? 1f : -1f;
                } else if (i < 9000) {
                    v = i % 997 == 0 ? 1f : 0f;
                } else if (i < 10000) {
                    v = 0f;
                } else {
                    v = (float) Math.sin(2 * Math.PI * (440 + 110 * c) * i / SAMPLE_RATE);
                }
                x[i] = v * scale;
            }
        }
        return b;
    }

    private static AudioBuffer run(ParameterizedProcessor p, AudioBuffer input, int blockSize) {
        AudioBuffer out = input.copy();
        p.prepare(new ProcessSpec(SAMPLE_RATE, blockSize, input.channels()));
        for (int start = 0; start < out.frames(); start += blockSize) {
            p.process(out.view(start, Math.min(blockSize, out.frames() - start)));
        }
        return out;
    }

    private void blockSizeInvariance(ProcessorDescriptor d, Setting setting, int channels) {
        AudioBuffer input = signal(channels, 11, 1f);
        AudioBuffer reference = null;
        for (int blockSize : BLOCK_SIZES) {
            AudioBuffer out = run(make(d, setting, 7), input, blockSize);
            if (reference == null) {
                reference = out;
            } else if (!reference.sameSamples(out)) {
                fail(d.name() + ": blocks of " + blockSize + " frames differ from blocks of " + BLOCK_SIZES[0]
                        + " at " + firstDifference(reference, out));
            }
        }
    }

    private void resetRepeats(ProcessorDescriptor d, Setting setting, int channels) {
        AudioBuffer input = signal(channels, 12, 1f);
        ParameterizedProcessor p = make(d, setting, 8);
        p.prepare(new ProcessSpec(SAMPLE_RATE, 512, channels));
        AudioBuffer first = input.copy();
        AudioBuffer second = input.copy();
        for (int start = 0; start < FRAMES; start += 512) {
            p.process(first.view(start, Math.min(512, FRAMES - start)));
        }
        p.reset();
        for (int start = 0; start < FRAMES; start += 512) {
            p.process(second.view(start, Math.min(512, FRAMES - start)));
        }
        assertTrue(first.sameSamples(second), () -> d.name() + ": output after reset differs at "
                + firstDifference(first, second));
    }

    private void finiteOut(ProcessorDescriptor d, Setting setting, int channels) {
        for (float scale : new float[] {1f, 16f, 1e-30f}) {
            AudioBuffer out = run(make(d, setting, 9), signal(channels, 13, scale), 256);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < out.frames(); i++) {
                    float v = out.get(c, i);
                    if (!Float.isFinite(v)) {
                        fail(d.name() + ": input scaled by " + scale + " gave " + v + " at channel " + c + ", frame " + i);
                    }
                }
            }
        }
    }

    private void bypassIdentity(ProcessorDescriptor d, int channels) {
        AudioBuffer input = signal(channels, 14, 1f);
        Chain chain = Chain.of(make(d, Setting.RANDOM, 10));
        chain.setBypassed(0, true);
        chain.prepare(new ProcessSpec(SAMPLE_RATE, 1000, channels));
        AudioBuffer out = input.copy();
        for (int start = 0; start < FRAMES; start += 1000) {
            chain.process(out.view(start, 1000));
        }
        assertTrue(input.sameSamples(out), d.name() + ": bypassed stage changed the signal");
        assertEquals(0, chain.latencyFrames(), d.name() + ": bypassed stage reports latency");
    }

    private void misuse(ProcessorDescriptor d, int channels) {
        ParameterizedProcessor p = d.create();
        assertThrows(IllegalStateException.class, () -> p.process(AudioBuffer.allocate(channels, 16)));
        p.prepare(new ProcessSpec(SAMPLE_RATE, 16, channels));
        assertThrows(IllegalArgumentException.class, () -> p.process(AudioBuffer.allocate(channels, 17)));
        assertTrue(p.latencyFrames() >= 0, d.name() + ": negative latency");
    }

    private static String firstDifference(AudioBuffer a, AudioBuffer b) {
        for (int c = 0; c < a.channels(); c++) {
            for (int i = 0; i < a.frames(); i++) {
                if (Float.floatToRawIntBits(a.get(c, i)) != Float.floatToRawIntBits(b.get(c, i))) {
                    return "channel " + c + ", frame " + i + ": " + a.get(c, i) + " vs " + b.get(c, i);
                }
            }
        }
        return "nowhere";
    }
}
