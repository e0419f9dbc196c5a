package io.github.mixwright.filters;

import static io.github.mixwright.filters.CookbookTesting.RATES;
import static io.github.mixwright.filters.CookbookTesting.logUniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The biquad processors: linearity and time invariance, the denormal flush, cascades, rate checks,
 * and the registered chain-syntax processors.
 */
class BiquadProcessorTest {
    private static final FilterType[] TYPES = FilterType.values();

    private static BiquadCoefficients random(SplittableRandom r) {
        double fs = RATES[r.nextInt(RATES.length)];
        return TYPES[r.nextInt(TYPES.length)].coefficients(fs, logUniform(20, 0.45 * fs, r.nextDouble()),
                logUniform(0.1, 20, r.nextDouble()), r.nextDouble(-24, 24));
    }

    private static float[] noise(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        return x;
    }

    private static float[] run(Processor p, double fs, float[]... channels) {
        AudioBuffer b = AudioBuffer.allocate(channels.length, channels[0].length);
        for (int c = 0; c < channels.length; c++) {
            System.arraycopy(channels[c], 0, b.channel(c), 0, channels[c].length);
        }
        p.prepare(new ProcessSpec(fs, b.frames(), b.channels()));
        p.process(b);
        return b.channel(0).clone();
    }

    @Test
    void linear() {
        qt().withFixedSeed(401L).withExamples(300).forAll(longs().all(), doubles().between(-2, 2), doubles().between(-2, 2))
                .checkAssert((seed, a, b) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    BiquadCoefficients c = random(r);
                    float[] x1 = noise(r, 2000, 0.5);
                    float[] x2 = noise(r, 2000, 0.5);
                    float[] sum = new float[2000];
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] = (float) (a * x1[i] + b * x2[i]);
                    }
                    float[] y1 = run(Biquad.of(c), c.sampleRate(), x1);
                    float[] y2 = run(Biquad.of(c), c.sampleRate(), x2);
                    float[] ys = run(Biquad.of(c), c.sampleRate(), sum);
                    double peak = 0;
                    double err = 0;
                    for (int i = 0; i < ys.length; i++) {
                        peak = Math.max(peak, Math.abs(ys[i]));
                        err = Math.max(err, Math.abs(ys[i] - (a * y1[i] + b * y2[i])));
                    }
                    // Float input and output: rounding of about 1e-7 of the signal's size, times the filter's gain.
                    assertTrue(err <= 1e-5 * (peak + 1), c + ": error " + err + " peak " + peak);
                });
    }

    @Test
    void timeInvariantBitForBit() {
        qt().withFixedSeed(402L).withExamples(300).forAll(longs().all(), integers().between(1, 999))
                .checkAssert((seed, delay) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    BiquadCoefficients c = random(r);
                    float[] x = noise(r, 3000, 1);
                    float[] shifted = new float[3000 + delay];
                    System.arraycopy(x, 0, shifted, delay, 3000);
                    float[] y = run(Biquad.of(c), c.sampleRate(), x);
                    float[] ys = run(Biquad.of(c), c.sampleRate(), shifted);
                    for (int i = 0; i < delay; i++) {
                        assertEquals(0f, ys[i]);
                    }
                    for (int i = 0; i < 3000; i++) {
                        assertEquals(y[i], ys[i + delay], c::toString);
                    }
                });
    }

    @Test
    void decayingTailsReachExactSilence() {
        // A 20 Hz, Q 5 resonance at 96 kHz decays by e every 0.08 s: it passes 1e-30 after about 6 s.
        // Without the flush its state would then crawl through subnormal doubles for minutes more.
        BiquadCoefficients c = BiquadCoefficients.lowPass(96000, 20, 5);
        Biquad p = Biquad.of(c);
        p.prepare(new ProcessSpec(96000, 96000, 1));
        AudioBuffer b = AudioBuffer.allocate(1, 96000);
        b.set(0, 0, 1f);
        for (int second = 0; second < 9; second++) {
            p.process(b);
            if (second == 0) {
                assertTrue(b.get(0, 95999) != 0);
            }
            b.clear();
        }
        p.process(b);
        assertArrayEquals(new float[96000], b.channel(0), "exactly zero once flushed");
    }

    @Test
    void cascadeIsTheProductOfItsSections() {
        qt().withFixedSeed(403L).withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double fs = RATES[r.nextInt(RATES.length)];
            List<BiquadCoefficients> sections = new ArrayList<>();
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                sections.add(TYPES[r.nextInt(TYPES.length)].coefficients(fs, logUniform(50, 0.45 * fs, r.nextDouble()),
                        logUniform(0.3, 5, r.nextDouble()), r.nextDouble(-12, 12)));
            }
            BiquadCascade cascade = BiquadCascade.of(sections);
            int length = 1 << 16;
            float[] impulse = new float[length];
            impulse[0] = 1;
            float[] h = run(cascade, fs, impulse);
            double[] hd = new double[length];
            for (int i = 0; i < length; i++) {
                hd[i] = h[i];
            }
            for (int i = 0; i < 10; i++) {
                double f = logUniform(20, 0.45 * fs, r.nextDouble());
                double analytic = cascade.frequencyResponse(fs).magnitudeDb(f);
                double product = 0;
                for (BiquadCoefficients s : sections) {
                    product += s.magnitudeDb(f);
                }
                assertEquals(product, analytic, 1e-9);
                if (analytic > -60) {
                    assertEquals(analytic, CookbookTesting.dft(hd, f, fs).magnitudeDb(), 0.01, sections::toString);
                }
            }
        });
    }

    @Test
    void fixedCoefficientsNeedTheirOwnRate() {
        Biquad p = Biquad.of(BiquadCoefficients.peaking(48000, 1000, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> p.prepare(new ProcessSpec(44100, 64, 1)));
        assertThrows(IllegalArgumentException.class, () -> p.frequencyResponse(44100));
        assertThrows(IllegalStateException.class, () -> p.process(AudioBuffer.allocate(1, 4)));
        assertThrows(IllegalArgumentException.class, () -> BiquadCascade.of(BiquadCoefficients.identity(48000),
                BiquadCoefficients.identity(44100)));
        p.prepare(new ProcessSpec(48000, 64, 2));
        assertThrows(IllegalArgumentException.class, () -> p.process(AudioBuffer.allocate(2, 65)));
        assertThrows(IllegalArgumentException.class, () -> p.setCoefficients(BiquadCoefficients.identity(96000)));
    }

    @Test
    void designedSectionsFollowTheRateAndClampAboveNyquist() {
        Biquad p = Biquad.of(FilterType.LOW_PASS, 30000, 0.7071, 0);
        p.prepare(new ProcessSpec(44100, 64, 1));
        assertEquals(BiquadCoefficients.lowPass(44100, 0.499 * 44100, 0.7071), p.coefficients());
        p.prepare(new ProcessSpec(96000, 64, 1));
        assertEquals(BiquadCoefficients.lowPass(96000, 30000, 0.7071), p.coefficients());
    }

    @Test
    void theIssueChainRunsAndMatchesItsResponse() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        for (String name : List.of("lowpass", "highpass", "bandpass", "notch", "allpass", "peak", "lowshelf",
                "highshelf", "lowpass1", "highpass1", "lowshelf1", "highshelf1")) {
            assertTrue(registry.contains(name), name);
        }
        String text = "highpass freq=80 q=0.707 | peak freq=3000 gain=2 q=1.2 | highshelf freq=10000 gain=1.5";
        for (double fs : new double[] {22050, 44100, 48000, 96000}) {
            Chain chain = ChainSpec.parse(text, registry).build();
            int n = 1 << 15;
            float[] impulse = new float[n];
            impulse[0] = 1;
            float[] h = run(chain, fs, impulse, impulse.clone());
            double[] hd = new double[n];
            for (int i = 0; i < n; i++) {
                hd[i] = h[i];
                assertTrue(Float.isFinite(h[i]));
            }
            BiquadCoefficients hp = BiquadCoefficients.highPass(fs, 80, 0.707);
            BiquadCoefficients pk = BiquadCoefficients.peaking(fs, 3000, 1.2, 2);
            BiquadCoefficients hs = BiquadCoefficients.highShelf(fs, Math.min(10000, 0.499 * fs), 0.7071, 1.5);
            for (double f : new double[] {30, 80, 1000, 3000, 8000, 10000}) {
                double expected = hp.magnitudeDb(f) + pk.magnitudeDb(f) + hs.magnitudeDb(f);
                assertEquals(expected, CookbookTesting.dft(hd, f, fs).magnitudeDb(), 0.01, fs + " Hz at " + f);
            }
        }
    }

    @Test
    void describedFilterReportsTheResponseOfItsTargets() {
        CookbookFilter f = CookbookFilter.of(FilterType.PEAKING).setFrequencyHz(2000).setQ(2).setGainDb(-6);
        LinearProcessor lp = f;
        assertEquals(BiquadCoefficients.peaking(48000, 2000, 2, -6), lp.frequencyResponse(48000));
        assertEquals("peak freq=2000 q=2 gain=-6", f.toString());
        assertEquals(CookbookFilter.descriptors().size() + 2, new IirProcessors().processors().size());
        assertThrows(IllegalArgumentException.class, () -> f.set("freq", 5));
        assertThrows(IllegalArgumentException.class, () -> CookbookFilter.of(FilterType.LOW_PASS).set("gain", 1));
    }

    @Test
    void describedFiltersGlideWithoutClicks() {
        qt().withFixedSeed(404L).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            FilterType type = TYPES[r.nextInt(TYPES.length)];
            CookbookFilter f = CookbookFilter.of(type);
            f.set("freq", logUniform(40, 16000, r.nextDouble()));
            double fs = 48000;
            double hz = logUniform(100, 1000, r.nextDouble());
            int n = 24000;
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (0.25 * Math.sin(2 * Math.PI * hz * i / fs));
            }
            AudioBuffer b = AudioBuffer.wrap(new float[][] {x});
            f.prepare(new ProcessSpec(fs, 480, 1));
            for (int start = 0; start < n; start += 480) {
                if (start >= 2400 && r.nextInt(3) == 0) {
                    f.set("freq", logUniform(40, 16000, r.nextDouble()));
                    if (type.usesQ()) {
                        f.set("q", logUniform(0.3, 6, r.nextDouble()));
                    }
                    if (type.usesGain()) {
                        f.set("gain", r.nextDouble(-18, 18));
                    }
                }
                f.process(b.view(start, 480));
            }
            assertEquals(null, CookbookTesting.firstClick(x, hz, fs, 0.25, 2400), () -> type + " at " + hz + " Hz");
        });
    }
}
