package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The channel rules, stated once in {@link AdaptedChain}. */
class AdaptedChainTest {
    private static final double FS = 48000;

    @Test
    void anyCountStagesKeepTheInputsCount() {
        for (int channels = 1; channels <= 6; channels++) {
            AdaptedChain a = AdaptedChain.of(Chain.of(Gain.ofDb(-6), new Polarity()), channels);
            assertEquals(channels, a.outputChannels());
            assertEquals(channels, a.channelsAt(1));
        }
    }

    @Test
    void aStereoStageMakesAMonoSignalDualMonoFromThatStageOn() {
        // gain at 1 channel, then pan needs 2: dual mono, then the panner places it.
        AdaptedChain a = AdaptedChain.of(Chain.of(Gain.ofDb(-6), new Panner().setPosition(1)
                .set("mode", "mono").set("law", "0db")), 1);
        assertEquals(2, a.outputChannels());
        assertEquals(1, a.channelsAt(0));
        assertEquals(2, a.channelsAt(1));
        a.prepare(new ProcessSpec(FS, 64, 2));
        AudioBuffer block = AudioBuffer.allocate(2, 64);
        for (int i = 0; i < 64; i++) {
            block.set(0, i, 0.5f);
            block.set(1, i, 123f); // ignored on entry
        }
        a.process(block);
        float half = (float) (0.5 * Decibels.toGain(-6));
        // Hard right at the 0 dB law: left silent, right the (attenuated) mono signal.
        assertEquals(0f, block.get(0, 63), 1e-7);
        assertEquals(half, block.get(1, 63), 1e-6);
    }

    @Test
    void otherMismatchesNameTheStageAndTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptedChain.of(Chain.of(Gain.ofDb(-1), new StereoWidth()), 6));
        assertTrue(e.getMessage().contains("stage 2 (width) needs 2 channels; the signal has 6"), e.getMessage());
    }

    @Test
    void bypassedStagesAreStillFittedAndBlocksAreChecked() {
        Chain chain = Chain.of(new StereoWidth().setAmount(0));
        chain.setBypassed(0, true);
        AdaptedChain a = AdaptedChain.of(chain, 1);
        assertEquals(2, a.outputChannels());
        assertThrows(IllegalArgumentException.class, () -> a.prepare(new ProcessSpec(FS, 64, 1)));
        a.prepare(new ProcessSpec(FS, 64, 2));
        AudioBuffer block = AudioBuffer.allocate(2, 8);
        block.set(0, 3, 0.25f);
        a.process(block);
        assertEquals(0.25f, block.get(1, 3));
        assertThrows(IllegalArgumentException.class, () -> a.process(AudioBuffer.allocate(1, 8)));
    }
}
