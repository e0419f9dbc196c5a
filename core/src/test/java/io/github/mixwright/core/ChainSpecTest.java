package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The chain syntax of the command line, parsed from the processor descriptors. */
class ChainSpecTest {
    private final ProcessorRegistry registry = ProcessorRegistry.load();

    @Test
    void registryFindsTheCoreProcessorsThroughTheServiceLoader() {
        assertTrue(registry.contains("gain"));
        assertTrue(registry.contains("pan"));
        assertTrue(registry.contains("width"));
        assertTrue(registry.contains("polarity"));
    }

    @Test
    void parsesStagesAndParameters() {
        ChainSpec spec = ChainSpec.parse("gain db=-3 | pan position=-0.3 law=-6db | width amount=1.2", registry);
        assertEquals("gain db=-3 | pan position=-0.3 law=-6db | width amount=1.2", spec.toString());
        assertEquals("pan position=-0.3 law=-6db mode=balance", spec.stages().get(1).toFullString());
        assertEquals(2, spec.requiredChannels());
        Chain chain = spec.build();
        assertEquals(3, chain.size());
        assertEquals(-3, ((Gain) chain.stage(0)).db(), 0.0);
        assertEquals(0, ChainSpec.parse("  ", registry).build().size());
    }

    @Test
    void parsedChainProcessesLikeTheHandBuiltOne() {
        AudioBuffer input = GainPanWidthPropertiesTest.noise(2, 400, 3);
        AudioBuffer parsed = GainPanWidthPropertiesTest.run(
                ChainSpec.parse("gain db=-3 | pan position=-0.3 | width amount=1.2", registry).build(), input);
        AudioBuffer built = GainPanWidthPropertiesTest.run(
                Chain.of(Gain.ofDb(-3), new Panner().setPosition(-0.3), new StereoWidth().setAmount(1.2)), input);
        assertTrue(parsed.sameSamples(built));
    }

    @Test
    void errorsNameTheStageTheParameterAndTheRange() {
        assertMessage("stage 1 (gain): db 99 is out of range [-120, 24]", "gain db=99");
        assertMessage("stage 2 (pan): position 'left' is not a number; allowed range [-1, 1]", "gain | pan position=left");
        assertMessage("stage 2 (pan): law '-5db' is not one of 0db, -3db, -4.5db, -6db", "gain | pan law=-5db");
        assertMessage("stage 1: unknown processor 'gian'; known processors are gain, pan, polarity, width", "gian db=1");
        assertMessage("stage 1 (gain): gain has no parameter 'dB'; its parameters are db", "gain dB=1");
        assertMessage("stage 1 (gain): expected name=value, got 'db'", "gain db");
        assertMessage("stage 2 of the chain is empty: stages are separated by '|'", "gain || pan");
        assertMessage("stage 1 (gain): parameter db is given twice", "gain db=1 db=2");
    }

    private void assertMessage(String expected, String chain) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChainSpec.parse(chain, registry));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void stereoProcessorsRefuseOtherChannelCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Panner().prepare(new ProcessSpec(48_000, 64, 1)));
        assertEquals("pan needs 2 channels; channels 1 is out of range [2, 2]", e.getMessage());
    }

    @Test
    void chainSumsLatencyAndSkipsBypassedStages() {
        Processor late = new Processor() {
            @Override public void prepare(ProcessSpec spec) { }
            @Override public void process(AudioBuffer block) { block.clear(); }
            @Override public void reset() { }
            @Override public int latencyFrames() { return 5; }
        };
        Chain chain = Chain.of(late, Gain.ofDb(-6), late);
        assertEquals(10, chain.latencyFrames());
        chain.setBypassed(0, true);
        chain.setBypassed(2, true);
        assertEquals(0, chain.latencyFrames());
        AudioBuffer input = GainPanWidthPropertiesTest.noise(1, 10, 1);
        AudioBuffer out = GainPanWidthPropertiesTest.run(chain, input);
        assertEquals(input.get(0, 3) * (float) Decibels.toGain(-6), out.get(0, 3), 1e-7);
    }

    /** A chain lends its pool to every stage that takes one, nested chains included, and takes it back. */
    @Test
    void chainLendsItsExecutorToParallelStages() {
        java.util.List<java.util.concurrent.Executor> lent = new java.util.ArrayList<>();
        ParallelProcessor parallel = new ParallelProcessor() {
            @Override public void setExecutor(java.util.concurrent.Executor executor) { lent.add(executor); }
            @Override public void prepare(ProcessSpec spec) { }
            @Override public void process(AudioBuffer block) { }
            @Override public void reset() { }
        };
        java.util.concurrent.Executor pool = Runnable::run;
        Chain chain = Chain.of(Gain.ofDb(-6), parallel, Chain.of(parallel));
        chain.setExecutor(pool);
        assertEquals(java.util.List.of(pool, pool), lent);
        chain.setExecutor(null);
        assertEquals(null, lent.get(3));
    }
}
