package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.Crossover;
import io.github.mixwright.filters.CrossoverSplitter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The multiband compressor: flat (the LR4 all-pass) at ratio 1, each band compressed by its own
 * static curve and nothing else, the same as its parts (a crossover and one compressor per band),
 * and its parameter checks.
 */
class MultibandCompressorTest {
    private static final int IMPULSE_FRAMES = 16384;

    private static AudioBuffer run(MultibandCompressor m, AudioBuffer x, double rate, int block) {
        m.prepare(new ProcessSpec(rate, block, x.channels()));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); at += block) {
            m.process(y.view(at, Math.min(block, y.frames() - at)));
        }
        return y;
    }

    /** The discrete-time Fourier transform of {@code x[from..]} at {@code hz}, as a complex number. */
    private static Complex dft(float[] x, int from, double hz, double rate) {
        double w = 2 * Math.PI * hz / rate;
        double re = 0;
        double im = 0;
        // Rotate a phasor rather than call sin/cos per sample; renormalise now and then against drift.
        double c = 1;
        double s = 0;
        double cw = Math.cos(w);
        double sw = Math.sin(w);
        for (int i = from; i < x.length; i++) {
            re += x[i] * c;
            im -= x[i] * s;
            double nc = c * cw - s * sw;
            s = s * cw + c * sw;
            c = nc;
            if ((i & 1023) == 0) {
                double r = Math.hypot(c, s);
                c /= r;
                s /= r;
            }
        }
        return new Complex(re, im);
    }

    /** Crossover frequencies log-uniform in [20 Hz, 20 kHz], at least 1 % apart, in random order. */
    private static double[] randomCrossovers(SplittableRandom random, int count) {
        double[] f = new double[count];
        boolean apart;
        do {
            for (int j = 0; j < count; j++) {
                f[j] = 20 * Math.pow(1000, random.nextDouble());
            }
            double[] sorted = f.clone();
            Arrays.sort(sorted);
            apart = true;
            for (int j = 1; j < count; j++) {
                apart &= sorted[j] > 1.01 * sorted[j - 1];
            }
        } while (!apart);
        return f;
    }

    /**
     * Every ratio 1: an impulse comes out as the crossover's all-pass, flat within 0.01 dB from 20 Hz to
     * 20 kHz (log-spaced probes plus the crossover frequencies), at 44.1 and 48 kHz, for 2 to 5 bands
     * with random crossover frequencies given in random order. Thresholds are at their lowest, so
     * every band is far above its threshold: ratio 1 alone keeps the gain at 0 dB.
     */
    @Test
    void everyRatioOneIsFlat() {
        for (double rate : new double[] {44100, 48000}) {
            for (int bands = 2; bands <= 5; bands++) {
                int count = bands;
                qt().withFixedSeed(50L + 10 * count + (long) rate).withExamples(4)
                        .forAll(integers().allPositive())
                        .checkAssert(seed -> {
                            SplittableRandom random = new SplittableRandom(seed);
                            MultibandCompressor m = new MultibandCompressor()
                                    .setCrossoversHz(randomCrossovers(random, count - 1)).setKneeDb(0);
                            for (int k = 1; k <= count; k++) {
                                m.setRatio(k, 1).setThresholdDb(k, -80).setAttackMs(k, 0.01 + random.nextDouble() * 50);
                            }
                            AudioBuffer x = AudioBuffer.allocate(2, IMPULSE_FRAMES);
                            x.set(0, 0, 1f);
                            x.set(1, 0, -0.5f);
                            AudioBuffer y = run(m, x, rate, 1000);
                            Crossover xo = m.crossover();
                            double[] f = xo.frequencies();
                            double[] probes = Arrays.copyOf(f, f.length + 100);
                            for (int i = 0; i < 100; i++) {
                                probes[f.length + i] = 20 * Math.pow(1000, i / 99.0);
                            }
                            for (int c = 0; c < 2; c++) {
                                double scale = c == 0 ? 1 : 0.5;
                                for (double hz : probes) {
                                    double db = 20 * Math.log10(dft(y.channel(c), 0, hz, rate).abs() / scale);
                                    assertEquals(0, db, 0.01, xo + ", channel " + c + " at " + hz + " Hz");
                                }
                            }
                        });
            }
        }
    }

    /**
     * A loud 60 Hz tone and a quiet 5 kHz tone, only the low band's threshold low: the 5 kHz tone keeps
     * its level within 0.1 dB, and the 60 Hz tone is reduced as the static curve says within 0.2 dB.
     * The low band carries 60 Hz at |B1(60)| of its level and the second band the rest, in phase (LR4),
     * so the output at 60 Hz is {@code |g B1 + B2 + B3|} with {@code g} the curve's gain at the low
     * band's level.
     */
    @Test
    void aBandCompressesOnlyItsBand() {
        double rate = 48000;
        int n = (int) (1.5 * rate);
        double low = Math.pow(10, -6 / 20.0);
        double high = Math.pow(10, -30 / 20.0);
        AudioBuffer x = AudioBuffer.allocate(2, n);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                x.set(c, i, (float) (low * Math.sin(2 * Math.PI * 60 * i / rate) + high * Math.sin(2 * Math.PI * 5000 * i / rate)));
            }
        }
        MultibandCompressor m = new MultibandCompressor()
                .setThresholdDb(1, -30).setRatio(1, 4).setAttackMs(1, 0.05).setReleaseMs(1, 5000)
                .setThresholdDb(2, 0).setThresholdDb(3, 0);
        AudioBuffer y = run(m, x, rate, 512);
        int from = n - (int) (0.2 * rate); // 12 periods of 60 Hz, 1000 of 5 kHz
        Crossover xo = m.crossover();
        Complex b1 = xo.band(0).response(60);
        double level = 20 * Math.log10(low * b1.abs());
        double gainDb = m.curve(1).gainDb(level);
        double g = Math.pow(10, gainDb / 20);
        double expected = 20 * Math.log10(b1.times(g).plus(xo.band(1).response(60)).plus(xo.band(2).response(60)).abs());
        for (int c = 0; c < 2; c++) {
            double measured60 = 20 * Math.log10(dft(y.channel(c), from, 60, rate).abs() / dft(x.channel(c), from, 60, rate).abs());
            double measured5k = 20 * Math.log10(dft(y.channel(c), from, 5000, rate).abs() / dft(x.channel(c), from, 5000, rate).abs());
            assertEquals(expected, measured60, 0.2, "60 Hz, channel " + c);
            assertEquals(0, measured5k, 0.1, "5 kHz, channel " + c);
        }
        assertTrue(expected < -10, "the test compresses: " + expected + " dB");
        assertEquals(-gainDb, m.gainReductionDb(1), 0.2);
        assertEquals(0, m.maxGainReductionDb(2));
        assertEquals(0, m.maxGainReductionDb(3));
        assertEquals(0, m.maxGainReductionDb(5), "a band not in use");
    }

    /**
     * The multiband is its parts: a crossover splitter, one {@link Compressor} per band with the band's
     * settings, and the bands summed in double, bit for bit, with settings changed between blocks
     * (glides) and a band parameter automated.
     */
    @Test
    void equalsACrossoverAndOneCompressorPerBand() {
        double rate = 44100;
        int frames = 20000;
        int block = 300;
        SplittableRandom random = new SplittableRandom(5);
        AudioBuffer x = AudioBuffer.allocate(2, frames);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                x.set(c, i, (float) ((random.nextDouble() * 2 - 1) * (i < frames / 2 ? 0.9 : 0.1)
                        + 0.5 * Math.sin(2 * Math.PI * (80 + 1000 * c) * i / rate)));
            }
        }
        double[] xovers = {3000, 150, 700};
        Automation curve = Automation.builder(0, 2).linearTo(0.2, 20).holdTo(0.3, 20).build();
        MultibandCompressor m = new MultibandCompressor().setCrossoversHz(xovers).setKneeDb(3).setLinkPercent(40);
        Compressor[] parts = new Compressor[4];
        for (int k = 1; k <= 4; k++) {
            double t = -10 - 8 * k;
            double r = 1 + k;
            double a = 0.5 * k;
            double rel = 30 * k;
            double mk = k - 2;
            m.setThresholdDb(k, t).setRatio(k, r).setAttackMs(k, a).setReleaseMs(k, rel).setMakeupDb(k, mk);
            parts[k - 1] = new Compressor().setThresholdDb(t).setRatio(r).setAttackMs(a).setReleaseMs(rel)
                    .setMakeupDb(mk).setKneeDb(3).setLinkPercent(40);
        }
        m.automate("ratio3", curve);
        parts[2].automate("ratio", curve);
        m.prepare(new ProcessSpec(rate, block, 2));
        CrossoverSplitter splitter = Crossover.of(rate, 4, 150, 700, 3000).splitter(2);
        for (Compressor p : parts) {
            p.prepare(new ProcessSpec(rate, block, 2));
        }
        AudioBuffer y = x.copy();
        AudioBuffer expected = x.copy();
        AudioBuffer[] bands = new AudioBuffer[4];
        for (int at = 0; at < frames; at += block) {
            if (at == 6000) {
                m.setThresholdDb(1, -40).setMakeupDb(2, 6).setKneeDb(10).setAttackMs(4, 20);
                parts[0].setThresholdDb(-40);
                parts[1].setMakeupDb(6);
                parts[3].setAttackMs(20);
                for (Compressor p : parts) {
                    p.setKneeDb(10);
                }
            }
            int len = Math.min(block, frames - at);
            m.process(y.view(at, len));
            for (int k = 0; k < 4; k++) {
                bands[k] = AudioBuffer.allocate(2, len);
            }
            splitter.split(expected.view(at, len), bands);
            for (int k = 0; k < 4; k++) {
                parts[k].process(bands[k]);
            }
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < len; i++) {
                    double s = 0;
                    for (AudioBuffer b : bands) {
                        s += b.get(c, i);
                    }
                    expected.set(c, at + i, (float) s);
                }
            }
        }
        assertArrayEquals(new double[] {150, 700, 3000}, m.crossover().frequencies(), "sorted");
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(expected.channel(c), y.channel(c), "channel " + c);
        }
        for (int k = 1; k <= 4; k++) {
            assertEquals(parts[k - 1].maxGainReductionDb(), m.maxGainReductionDb(k), "band " + k);
            assertTrue(m.maxGainReductionDb(k) > 0, "band " + k + " compressed");
        }
    }

    @Test
    void parametersAreCheckedWithMessages() {
        assertEquals("bands 6 is out of range [2, 5]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setBands(6)).getMessage());
        assertEquals("bands 1 is out of range [2, 5]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setCrossoversHz()).getMessage());
        assertEquals("xover2 25000 is out of range [20, 20000]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setCrossoversHz(100, 25000)).getMessage());
        assertEquals("band 0 is out of range [1, 5]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setRatio(0, 2)).getMessage());
        assertEquals("threshold2 -90 is out of range [-80, 0]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setThresholdDb(2, -90)).getMessage());
        assertEquals("multiband: ratio5 0.5 is out of range [1, 1000]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().set("ratio5", 0.5)).getMessage());
        assertEquals("knee 30 is out of range [0, 24]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().setKneeDb(30)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().set("xover5", 100))
                .getMessage().contains("multiband has no parameter 'xover5'"));
        assertThrows(IllegalStateException.class, () -> new MultibandCompressor().crossover());
        assertEquals(new StaticCurve(-30, 4, 2), new MultibandCompressor().setThresholdDb(2, -30).setKneeDb(2).curve(2));

        MultibandCompressor same = new MultibandCompressor().setCrossoversHz(1000, 200, 1000);
        assertEquals("xover1 1000 Hz and xover3 1000 Hz coincide: crossover frequencies must differ",
                assertThrows(IllegalArgumentException.class, () -> same.prepare(new ProcessSpec(48000, 64, 1))).getMessage());
        MultibandCompressor high = new MultibandCompressor().setCrossoversHz(100, 1000, 5000, 20000);
        assertEquals("xover4 20000 Hz is out of range [20, 16000): crossover frequencies must be below half the"
                        + " sample rate 32000 Hz",
                assertThrows(IllegalArgumentException.class, () -> high.prepare(new ProcessSpec(32000, 64, 1))).getMessage());
        high.prepare(new ProcessSpec(44100, 64, 1));
        assertEquals(5, high.crossover().bands());
        high.setBands(2);
        high.prepare(new ProcessSpec(32000, 64, 1));
        assertArrayEquals(new double[] {100}, high.crossover().frequencies(), "only xover1 is in use with 2 bands");
        assertEquals(0, high.latencyFrames());
    }

    /**
     * The band structure is fixed at prepare: a band count or crossover changed after prepare makes the
     * next block throw naming it, until prepare; automating one is refused naming it; a band count is a
     * whole number.
     */
    @Test
    void bandStructureIsFixedAtPrepare() {
        MultibandCompressor m = new MultibandCompressor();
        m.prepare(new ProcessSpec(48000, 64, 1));
        assertArrayEquals(new double[] {120, 1000}, m.crossover().frequencies());
        m.setCrossoversHz(300, 2000, 8000);
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> m.process(AudioBuffer.allocate(1, 64)));
        assertTrue(late.getMessage().contains("bands was set to 4 after prepare"), late.getMessage());
        m.prepare(new ProcessSpec(48000, 64, 1));
        m.process(AudioBuffer.allocate(1, 64));
        assertArrayEquals(new double[] {300, 2000, 8000}, m.crossover().frequencies());
        m.setBands(2);
        assertTrue(assertThrows(IllegalStateException.class, () -> m.process(AudioBuffer.allocate(1, 64)))
                .getMessage().contains("bands"));
        assertEquals("multiband: bands 2.5 is not a whole number; allowed range [2, 5]",
                assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor().set("bands", 2.5)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor()
                .automate("bands", Automation.constant(3))).getMessage().contains("bands is fixed at prepare"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultibandCompressor()
                .automate("xover2", Automation.constant(500))).getMessage().contains("xover2 is fixed at prepare"));
    }

    /**
     * The crossovers ring after the input stops: after an impulse, everything beyond the stated tail is
     * under -120 dB of the output's peak (ratio 1 everywhere: the all-pass alone), for the lowest
     * crossover at 20 Hz and at 120 Hz.
     */
    @Test
    void tailBoundsTheRingOut() {
        for (double low : new double[] {20, 120}) {
            MultibandCompressor m = new MultibandCompressor().setCrossoversHz(low, 3000);
            for (int k = 1; k <= 3; k++) {
                m.setRatio(k, 1);
            }
            m.prepare(new ProcessSpec(48000, 4096, 1));
            int tail = m.tailFrames();
            AudioBuffer x = AudioBuffer.allocate(1, tail + 8192);
            x.set(0, 0, 1f);
            for (int at = 0; at < x.frames(); at += 4096) {
                m.process(x.view(at, Math.min(4096, x.frames() - at)));
            }
            double[] ring = RingOut.peakAndAfter(x, tail + 1);
            double peak = ring[0];
            double after = ring[1];
            assertTrue(tail > 0 && after < peak * 1e-6, low + " Hz: tail " + tail + ", after it " + after + " of " + peak);
        }
    }
}
