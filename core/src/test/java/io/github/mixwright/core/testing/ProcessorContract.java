package io.github.mixwright.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.ProcessorSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link io.github.mixwright.core.Processor} keeps. Each module's test suite
 * subclasses this with the descriptors it offers and, for each, the settings that make it the
 * identity; the cli module runs it over every processor registered on the class path.
 *
 * <p>The set of names is checked exactly: a run over no processor fails, and so does a run whose
 * descriptors differ from {@link #identities()}'s keys, so a broken services file cannot give a
 * green run. For each processor, with default parameters, with random parameters and with every
 * automatable parameter under random automation, at 1, 2 and 3 channels (or the count it requires):
 * <ul>
 *   <li>blocks of 1, 7, 64 and 4096 frames give bit-identical output;</li>
 *   <li>after {@code reset} the same input gives the same output;</li>
 *   <li>finite input (noise, full-scale square, impulses, silence, values up to 16) gives finite output;</li>
 *   <li>after the input stops, output falls below -120 dB of the input's peak within {@code tailFrames()};</li>
 * </ul>
 * and once per channel count:
 * <ul>
 *   <li>at its identity settings the processor's own output is the input delayed by its reported
 *       latency, within -120 dB: this runs the processor's code, so it fails for a processor whose
 *       neutral setting colours the sound or whose latency is misreported;</li>
 *   <li>bypassed in a {@link Chain} it is skipped, with no latency;</li>
 *   <li>process before prepare is an IllegalStateException; an oversized block an IllegalArgumentException;
 *       automating a parameter fixed at prepare, or changing one after prepare and processing without
 *       preparing again, is an error naming it;</li>
 *   <li>its settings print as chain syntax that parses back to equal settings, and make a processor
 *       with equal settings (a seeded property over random valid values, paths with spaces, quotes
 *       and {@code |} among them).</li>
 * </ul>
 *
 * <p>A processor that cannot run at its defaults (a convolver needs an impulse response file) gets
 * the chain-syntax settings {@link #required()} names on every instance the contract makes.
 */
public abstract class ProcessorContract {
    /** The value of {@link #identities()} for a processor that has no neutral setting (a low-pass). */
    protected static final String NO_IDENTITY = "";
    private static final double MINUS_120_DB = 1e-6;
    private static final int[] BLOCK_SIZES = {1, 7, 64, 4096};
    private static final int FRAMES = 12_000;
    private static final double SAMPLE_RATE = 48_000;

    /** The processors under test. */
    protected abstract Collection<ProcessorDescriptor> descriptors();

    /**
     * Every processor name expected, exactly, each with the chain-syntax parameters (without the name)
     * that make it the identity, e.g. {@code "db=0"} for {@code gain}, or {@link #NO_IDENTITY}.
     */
    protected abstract Map<String, String> identities();

    /**
     * Chain-syntax settings (without the name) every instance of a processor needs to run, such as
     * {@code "ir=/tmp/ir.wav"}; empty by default. The contract leaves these parameters alone.
     */
    protected Map<String, String> required() {
        return Map.of();
    }

    private ParameterizedProcessor<?> fresh(ProcessorDescriptor d) {
        String needed = required().getOrDefault(d.name(), "");
        return needed.isEmpty() ? d.create()
                : ProcessorSettings.parse(d.name() + " " + needed, ProcessorRegistry.of(List.of(d))).create();
    }

    @TestFactory
    protected final Stream<DynamicNode> contract() {
        Collection<ProcessorDescriptor> all = descriptors();
        DynamicNode names = DynamicTest.dynamicTest("registers exactly the expected processors", () -> {
            Set<String> found = new TreeSet<>();
            all.forEach(d -> found.add(d.name()));
            assertFalse(found.isEmpty(), "no processor to test");
            assertEquals(new TreeSet<>(identities().keySet()), found, "registered processors");
        });
        return Stream.concat(Stream.of(names),
                all.stream().map(d -> DynamicContainer.dynamicContainer(d.name(), cases(d))));
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
                if (setting != Setting.AUTOMATED) {
                    tests.add(DynamicTest.dynamicTest("silent within tailFrames, " + name,
                            () -> tailIsSilent(d, setting, channels)));
                }
            }
            tests.add(DynamicTest.dynamicTest("identity settings give the delayed input, " + channels + " ch",
                    () -> identity(d, channels)));
            tests.add(DynamicTest.dynamicTest("bypassed in a chain it is skipped, " + channels + " ch",
                    () -> chainBypass(d, channels)));
            tests.add(DynamicTest.dynamicTest("misuse is reported, " + channels + " ch", () -> misuse(d, channels)));
        }
        tests.add(DynamicTest.dynamicTest("settings round trip through chain syntax", () -> settingsRoundTrip(d)));
        return tests.stream();
    }

    /** How the parameters are set for a case. */
    enum Setting { DEFAULTS, RANDOM, AUTOMATED }

    private ParameterizedProcessor<?> make(ProcessorDescriptor d, Setting setting, long seed) {
        ParameterizedProcessor<?> p = fresh(d);
        SplittableRandom random = new SplittableRandom(seed);
        if (setting == Setting.DEFAULTS) {
            return p;
        }
        for (ParameterSpec spec : d.parameters()) {
            if (spec.path()) {
                continue;
            }
            if (setting == Setting.RANDOM || spec.integer() || !spec.isAutomatable()) {
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

    /** A path that chain syntax has to quote now and then: spaces, quotes, '|', '=', accents, backslashes. */
    static String randomPath(SplittableRandom random) {
        String alphabet = "abcXYZ019 _-./\\|=\"'é";
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static double randomValue(ParameterSpec spec, SplittableRandom random) {
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

    private static AudioBuffer run(ParameterizedProcessor<?> p, AudioBuffer input, int blockSize) {
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
        ParameterizedProcessor<?> p = make(d, setting, 8);
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

    private void tailIsSilent(ProcessorDescriptor d, Setting setting, int channels) {
        ParameterizedProcessor<?> p = make(d, setting, 15);
        p.prepare(new ProcessSpec(SAMPLE_RATE, 4096, channels));
        int tail = p.tailFrames();
        assertTrue(tail >= p.latencyFrames(), () -> d.name() + ": tailFrames " + tail + " is below the latency "
                + p.latencyFrames());
        AudioBuffer input = signal(channels, 16, 1f);
        int frames = FRAMES + tail + 4096;
        AudioBuffer out = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(input.channel(c), 0, out.channel(c), 0, FRAMES);
        }
        for (int start = 0; start < frames; start += 4096) {
            p.process(out.view(start, Math.min(4096, frames - start)));
        }
        for (int c = 0; c < channels; c++) {
            for (int i = FRAMES + tail; i < frames; i++) {
                float v = out.get(c, i);
                if (!(Math.abs(v) <= MINUS_120_DB)) {
                    fail(d.name() + " (" + p + "): output " + v + " at " + (i - FRAMES) + " frames after the input stopped, "
                            + "beyond its tailFrames " + tail + ", channel " + c);
                }
            }
        }
    }

    private void identity(ProcessorDescriptor d, int channels) {
        String settings = identities().get(d.name());
        assertNotNull(settings, () -> d.name() + ": no identity settings declared");
        if (settings.equals(NO_IDENTITY)) {
            return;
        }
        ParameterizedProcessor<?> p = ProcessorSettings.parse(d.name() + " " + required().getOrDefault(d.name(), "")
                + " " + settings, ProcessorRegistry.of(List.of(d))).create();
        p.prepare(new ProcessSpec(SAMPLE_RATE, 1000, channels));
        int latency = p.latencyFrames();
        // A quarter of full scale: a limiter at 0 dBTP must not act on it.
        AudioBuffer input = signal(channels, 14, 0.25f);
        AudioBuffer out = AudioBuffer.allocate(channels, FRAMES + latency);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(input.channel(c), 0, out.channel(c), 0, FRAMES);
        }
        for (int start = 0; start < out.frames(); start += 1000) {
            p.process(out.view(start, Math.min(1000, out.frames() - start)));
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < out.frames(); i++) {
                float expected = i < latency ? 0f : input.get(c, i - latency);
                if (!(Math.abs(out.get(c, i) - expected) <= 0.25 * MINUS_120_DB)) {
                    fail(d.name() + " " + settings + ": not the input delayed by its latency " + latency + " at channel "
                            + c + ", frame " + i + ": " + out.get(c, i) + " vs " + expected);
                }
            }
        }
    }

    private void chainBypass(ProcessorDescriptor d, int channels) {
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
        assertEquals(0, chain.tailFrames(), d.name() + ": bypassed stage reports a tail");
    }

    private void misuse(ProcessorDescriptor d, int channels) {
        ParameterizedProcessor<?> p = fresh(d);
        assertThrows(IllegalStateException.class, () -> p.process(AudioBuffer.allocate(channels, 16)));
        p.prepare(new ProcessSpec(SAMPLE_RATE, 16, channels));
        assertThrows(IllegalArgumentException.class, () -> p.process(AudioBuffer.allocate(channels, 17)));
        assertTrue(p.latencyFrames() >= 0, d.name() + ": negative latency");
        for (ParameterSpec spec : d.parameters()) {
            if (spec.isAutomatable()) {
                continue;
            }
            IllegalArgumentException automated = assertThrows(IllegalArgumentException.class,
                    () -> p.automate(spec.name(), Automation.builder(0, spec.defaultValue()).build()));
            assertTrue(automated.getMessage().contains(spec.name()), automated::getMessage);
            String before = p.parameter(spec.name()).text();
            if (spec.path()) {
                // the same file, spelt another way: the text changed, the processor can still prepare
                p.set(spec.name(), before.isEmpty() ? "./none" : java.nio.file.Path.of(before).resolveSibling(".")
                        .resolve(java.nio.file.Path.of(before).getFileName()).toString());
            } else {
                p.set(spec.name(), spec.defaultValue() == spec.max() ? spec.min() : spec.max());
            }
            IllegalStateException changed = assertThrows(IllegalStateException.class,
                    () -> p.process(AudioBuffer.allocate(channels, 16)), d.name() + " " + spec.name());
            assertTrue(changed.getMessage().contains(spec.name()), changed::getMessage);
            p.prepare(new ProcessSpec(SAMPLE_RATE, 16, channels));
            p.process(AudioBuffer.allocate(channels, 16));
            p.set(spec.name(), before);
            p.prepare(new ProcessSpec(SAMPLE_RATE, 16, channels));
        }
    }

    private void settingsRoundTrip(ProcessorDescriptor d) {
        ProcessorRegistry registry = ProcessorRegistry.of(List.of(d));
        qt().withFixedSeed(d.name().hashCode()).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            ParameterizedProcessor<?> p = d.create();
            for (ParameterSpec spec : d.parameters()) {
                if (random.nextInt(3) > 0) {
                    if (spec.path()) {
                        p.set(spec.name(), randomPath(random));
                    } else {
                        p.set(spec.name(), randomValue(spec, random));
                    }
                }
            }
            ProcessorSettings settings = p.settings();
            ProcessorSettings compact = ProcessorSettings.parse(settings.toString(), registry);
            ProcessorSettings full = ProcessorSettings.parse(settings.toFullString(), registry);
            assertEquals(settings, compact, settings::toString);
            assertEquals(settings, full, settings::toFullString);
            assertEquals(settings, compact.create().settings());
            assertEquals(settings.values(), full.values());
            assertEquals(settings, ChainSpec.parse(settings + " | " + settings, registry).stages().get(1));
        });
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
