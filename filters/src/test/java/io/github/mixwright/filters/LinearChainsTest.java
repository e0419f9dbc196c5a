package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.Gain;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fusing cookbook stages changes speed, not sound; the chain response is the product of the stages'. */
class LinearChainsTest {
    private static final double FS = 48000;
    private static final FilterType[] TYPES = {FilterType.PEAKING, FilterType.LOW_SHELF, FilterType.HIGH_SHELF,
        FilterType.LOW_PASS, FilterType.HIGH_PASS, FilterType.FIRST_ORDER_LOW_PASS};

    private static AudioBuffer run(Chain chain, AudioBuffer input) {
        AudioBuffer out = input.copy();
        chain.prepare(new ProcessSpec(FS, 1000, input.channels()));
        for (int start = 0; start < out.frames(); start += 1000) {
            chain.process(out.view(start, Math.min(1000, out.frames() - start)));
        }
        return out;
    }

    @Test
    void fusedStagesSoundLikeTheStagesWithinFloatRounding() {
        qt().withFixedSeed(71L).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Processor> a = new ArrayList<>();
            List<Processor> b = new ArrayList<>();
            for (int k = r.nextInt(1, 7); k > 0; k--) {
                if (r.nextInt(5) == 0) {
                    a.add(Gain.ofDb(-3));
                    b.add(Gain.ofDb(-3));
                    continue;
                }
                FilterType t = TYPES[r.nextInt(TYPES.length)];
                double hz = 40 * Math.pow(400, r.nextDouble());
                double q = 0.5 + 2 * r.nextDouble();
                double db = r.nextDouble(-12, 12);
                for (List<Processor> list : List.of(a, b)) {
                    CookbookFilter f = CookbookFilter.of(t).setFrequencyHz(hz);
                    if (t.usesQ()) {
                        f.setQ(q);
                    }
                    if (t.usesGain()) {
                        f.setGainDb(db);
                    }
                    list.add(f);
                }
            }
            Chain plain = Chain.of(a);
            Chain fused = LinearChains.fuseCookbookStages(Chain.of(b), FS);
            assertTrue(fused.size() <= plain.size());
            AudioBuffer input = AudioBuffer.allocate(2, 6000);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 6000; i++) {
                    input.set(c, i, (float) (r.nextDouble() - 0.5));
                }
            }
            AudioBuffer x = run(plain, input);
            AudioBuffer y = run(fused, input);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 6000; i++) {
                    assertEquals(x.get(c, i), y.get(c, i), 2e-5, "channel " + c + ", frame " + i + " of " + plain);
                }
            }
        });
    }

    @Test
    void nothingToFuseOrABypassLeavesTheChainAlone() {
        Chain single = Chain.of(CookbookFilter.of(FilterType.PEAKING), Gain.ofDb(1));
        assertSame(single, LinearChains.fuseCookbookStages(single, FS));
        Chain bypassed = Chain.of(CookbookFilter.of(FilterType.PEAKING), CookbookFilter.of(FilterType.LOW_SHELF));
        bypassed.setBypassed(1, true);
        assertSame(bypassed, LinearChains.fuseCookbookStages(bypassed, FS));
        Chain two = Chain.of(CookbookFilter.of(FilterType.PEAKING), CookbookFilter.of(FilterType.LOW_SHELF));
        Chain fused = LinearChains.fuseCookbookStages(two, FS);
        assertEquals(1, fused.size());
        assertTrue(fused.stage(0) instanceof BiquadCascade);
        assertThrows(IllegalArgumentException.class, () -> LinearChains.response(Chain.of(), FS));
    }
}
