package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Laws of gain, panning and width, checked on random inputs (seeded). */
class GainPanWidthPropertiesTest {
    private static final long SEED = 20261124L;

    @Test
    void gainsInDbComposeAdditively() {
        qt().withFixedSeed(SEED).withExamples(2000)
                .forAll(doubles().between(-60, 12), doubles().between(-60, 12))
                .checkAssert((a, b) -> {
                    double product = Decibels.toGain(a) * Decibels.toGain(b);
                    assertEquals(Decibels.toGain(a + b), product, 1e-13 * product);
                    assertEquals(a + b, Decibels.toDb(product), 1e-9);
                });
    }

    @Test
    void twoGainStagesEqualOneOfTheSummedGain() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(doubles().between(-40, 12), doubles().between(-40, 12), longs().all())
                .checkAssert((a, b, seed) -> {
                    AudioBuffer input = noise(2, 512, seed);
                    AudioBuffer twice = run(Chain.of(Gain.ofDb(a), Gain.ofDb(b)), input);
                    AudioBuffer once = run(Gain.ofDb(a + b), input);
                    for (int c = 0; c < 2; c++) {
                        for (int i = 0; i < 512; i++) {
                            // Two float multiplications against one: within 2 float roundings.
                            float expected = once.get(c, i);
                            assertEquals(expected, twice.get(c, i), Math.abs(expected) * 3e-7f + 1e-30f);
                        }
                    }
                });
    }

    @Test
    void zeroDbGainIsBitExact() {
        AudioBuffer input = noise(3, 1000, 5);
        assertTrue(input.sameSamples(run(Gain.ofDb(0), input)));
    }

    @Test
    void gainMatchesTheDecibelFormula() {
        AudioBuffer input = noise(1, 100, 6);
        AudioBuffer out = run(Gain.ofDb(-6.020599913279624), input);
        for (int i = 0; i < 100; i++) {
            assertEquals(input.get(0, i) / 2, out.get(0, i), Math.abs(input.get(0, i)) * 1e-7);
        }
    }

    @Test
    void constantPowerLawKeepsPower() {
        qt().withFixedSeed(SEED).withExamples(5000).forAll(doubles().between(-1, 1)).checkAssert(p -> {
            double l = PanLaw.CONSTANT_POWER.left(p);
            double r = PanLaw.CONSTANT_POWER.right(p);
            assertEquals(1, l * l + r * r, 1e-15);
        });
    }

    @Test
    void linearLawKeepsAmplitude() {
        qt().withFixedSeed(SEED).withExamples(5000).forAll(doubles().between(-1, 1)).checkAssert(p ->
                assertEquals(1, PanLaw.LINEAR.left(p) + PanLaw.LINEAR.right(p), 1e-15));
    }

    @Test
    void lawsHaveTheirNamedCentreLevel() {
        assertEquals(0, Decibels.toDb(PanLaw.ZERO_DB.left(0)), 1e-12);
        assertEquals(-3.0103, Decibels.toDb(PanLaw.CONSTANT_POWER.left(0)), 1e-4);
        assertEquals(-4.5154, Decibels.toDb(PanLaw.MINUS_4_5_DB.left(0)), 1e-4);
        assertEquals(-6.0206, Decibels.toDb(PanLaw.LINEAR.right(0)), 1e-4);
        for (PanLaw law : PanLaw.values()) {
            assertEquals(1, law.left(-1), 1e-15, law.id());
            assertEquals(0, law.right(-1), 1e-15, law.id());
            assertEquals(1, law.right(1), 1e-15, law.id());
            assertEquals(0, law.left(1), 1e-15, law.id());
            assertEquals(law.left(0), law.right(0), 1e-15, law.id());
        }
    }

    @Test
    void lawsAreMonotoneAcrossTheField() {
        qt().withFixedSeed(SEED).withExamples(3000)
                .forAll(doubles().between(-1, 1), doubles().between(-1, 1), integers().between(0, 3))
                .checkAssert((p, q, k) -> {
                    PanLaw law = PanLaw.values()[k];
                    double lo = Math.min(p, q);
                    double hi = Math.max(p, q);
                    assertTrue(law.right(lo) <= law.right(hi));
                    assertTrue(law.left(lo) >= law.left(hi));
                });
    }

    @Test
    void monoPanUsesTheLawAndIgnoresChannelOne() {
        AudioBuffer input = noise(2, 300, 7);
        Panner pan = new Panner().setPosition(0.4).setLaw(PanLaw.CONSTANT_POWER).setMono(true);
        AudioBuffer out = run(pan, input);
        double x = (0.4 + 1) / 2;
        for (int i = 0; i < 300; i++) {
            float m = input.get(0, i);
            assertEquals(m * Math.cos(x * Math.PI / 2), out.get(0, i), 1e-6);
            assertEquals(m * Math.sin(x * Math.PI / 2), out.get(1, i), 1e-6);
        }
    }

    @Test
    void balanceIsIdentityInTheCentreAndNeverBoosts() {
        AudioBuffer input = noise(2, 300, 8);
        assertTrue(input.sameSamples(run(new Panner(), input)));
        qt().withFixedSeed(SEED).withExamples(500)
                .forAll(doubles().between(-1, 1), integers().between(0, 3)).checkAssert((p, k) -> {
                    double[] g = Panner.gains(PanLaw.values()[k], p, false);
                    assertTrue(g[0] <= 1 && g[1] <= 1 && g[0] >= 0 && g[1] >= 0);
                    // The side panned towards keeps full level.
                    assertEquals(1, p >= 0 ? g[1] : g[0], 1e-12);
                });
    }

    @Test
    void widthOneIsIdentityAndWidthZeroIsMono() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            AudioBuffer input = noise(2, 256, seed);
            assertTrue(input.sameSamples(run(new StereoWidth().setAmount(1), input)));
            AudioBuffer mono = run(new StereoWidth().setAmount(0), input);
            for (int i = 0; i < 256; i++) {
                assertEquals(Float.floatToRawIntBits(mono.get(0, i)), Float.floatToRawIntBits(mono.get(1, i)));
                assertEquals((input.get(0, i) + input.get(1, i)) / 2, mono.get(0, i), 1e-6);
            }
        });
    }

    @Test
    void widthScalesTheSideSignal() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(floats().between(-1, 1), floats().between(-1, 1), doubles().between(0, 2))
                .checkAssert((l, r, w) -> {
                    AudioBuffer in = AudioBuffer.wrap(new float[][] {{l}, {r}});
                    AudioBuffer out = run(new StereoWidth().setAmount(w), in);
                    double mid = (l + r) / 2.0;
                    double side = (l - r) / 2.0;
                    assertEquals(mid, (out.get(0, 0) + out.get(1, 0)) / 2.0, 1e-6);
                    assertEquals(w * side, (out.get(0, 0) - out.get(1, 0)) / 2.0, 1e-6);
                });
    }

    @Test
    void polarityInvertsTheChosenChannels() {
        AudioBuffer input = noise(2, 50, 9);
        AudioBuffer all = run(new Polarity(), input);
        Polarity right = new Polarity();
        right.set("channels", "right");
        AudioBuffer onlyRight = run(right, input);
        for (int i = 0; i < 50; i++) {
            assertEquals(-input.get(0, i), all.get(0, i));
            assertEquals(-input.get(1, i), all.get(1, i));
            assertEquals(input.get(0, i), onlyRight.get(0, i));
            assertEquals(-input.get(1, i), onlyRight.get(1, i));
        }
    }

    @Test
    void gainChangesGlideWithoutAJump() {
        Gain gain = Gain.ofDb(0);
        AudioBuffer ones = AudioBuffer.allocate(1, 48_000);
        java.util.Arrays.fill(ones.channel(0), 1f);
        gain.prepare(new ProcessSpec(48_000, 48_000, 1));
        gain.setDb(-40);
        gain.process(ones);
        // 20 ms ramp in dB: 960 samples, each step 40/960 dB, then exactly -40 dB.
        double step = 40.0 / 960;
        for (int i = 1; i < 960; i++) {
            double drop = Decibels.toDb(ones.get(0, i - 1)) - Decibels.toDb(ones.get(0, i));
            assertEquals(step, drop, 1e-4, "frame " + i);
        }
        assertEquals(Decibels.toGain(-40), ones.get(0, 959), 1e-7);
        assertEquals((float) Decibels.toGain(-40), ones.get(0, 20_000));
    }

    static AudioBuffer noise(int channels, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) (random.nextDouble() * 2 - 1));
            }
        }
        return b;
    }

    static AudioBuffer run(Processor p, AudioBuffer input) {
        AudioBuffer out = input.copy();
        p.prepare(new ProcessSpec(48_000, Math.max(1, out.frames()), out.channels()));
        p.process(out);
        return out;
    }
}
