package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/**
 * The compressor against its formulas: the static curve of Giannoulis et al. (equation 4), the
 * one-pole time-constant convention (63 % of a step in the set time), link, lookahead, side-chain,
 * mix and make-up.
 */
class CompressorTest {
    private static final double RATE = 48_000;

    private static AudioBuffer run(Compressor c, AudioBuffer x, int block) {
        c.prepare(new ProcessSpec(RATE, block, x.channels()));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); at += block) {
            c.process(y.view(at, Math.min(block, y.frames() - at)));
        }
        return y;
    }

    private static AudioBuffer sine(double dbfs, double hz, double seconds, int channels) {
        int n = (int) (seconds * RATE);
        float[][] x = new float[channels][n];
        double a = Math.pow(10, dbfs / 20);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = (float) (a * Math.sin(2 * Math.PI * hz * i / RATE));
            }
        }
        return AudioBuffer.wrap(x);
    }

    /** RMS gain in dB of y over x across the last {@code seconds} of channel c. */
    private static double gainDb(AudioBuffer x, AudioBuffer y, int c, double seconds) {
        int n = x.frames();
        int from = n - (int) (seconds * RATE);
        double ex = 0;
        double ey = 0;
        for (int i = from; i < n; i++) {
            ex += x.get(c, i) * (double) x.get(c, i);
            ey += y.get(c, i) * (double) y.get(c, i);
        }
        return 10 * Math.log10(ey / ex);
    }

    /**
     * Steady-state gain for 1 kHz sines from -60 to 0 dBFS matches the static curve, knee included,
     * within 0.1 dB: peak detector (level = the sine's peak) and RMS detector (level = peak - 3.01 dB).
     * Below the knee the output is the input exactly; gain reduction never falls as the level rises.
     */
    @Test
    void steadyStateGainFollowsTheStaticCurve() {
        for (boolean rms : new boolean[] {false, true}) {
            StaticCurve curve = new StaticCurve(-24, 4, 10);
            double previous = 1;
            for (double level = -60; level <= 0; level += 1) {
                Compressor c = new Compressor().setThresholdDb(-24).setRatio(4).setKneeDb(10)
                        .setAttackMs(0.05).setReleaseMs(rms ? 300 : 3000)
                        .setDetector(rms ? Compressor.Detector.RMS : Compressor.Detector.PEAK).setRmsWindowMs(200);
                AudioBuffer x = sine(level, 1000, 1.5, 1);
                AudioBuffer y = run(c, x, 4096);
                double detected = rms ? level + 20 * Math.log10(Math.sqrt(0.5)) : level;
                double expected = curve.gainDb(detected);
                double measured = gainDb(x, y, 0, 0.2);
                assertEquals(expected, measured, 0.1, (rms ? "rms " : "peak ") + level + " dBFS");
                if (expected == 0) {
                    assertArrayEquals(x.channel(0), y.channel(0), "below the knee: the input, bit for bit");
                }
                assertTrue(measured <= previous + 1e-9, "gain reduction never falls as the level rises");
                previous = measured;
            }
        }
    }

    /** The curve itself: 0 below the knee, continuous, never rising, the ratio's slope above the knee. */
    @Test
    void staticCurveProperties() {
        qt().withFixedSeed(51L).withExamples(300)
                .forAll(doubles().between(-60, 0), doubles().between(1, 1000), doubles().between(0, 24),
                        doubles().between(-100, 20))
                .checkAssert((t, r, w, x) -> {
                    StaticCurve curve = new StaticCurve(t, r, w);
                    double g = curve.gainDb(x);
                    assertTrue(g <= 0);
                    assertTrue(curve.gainDb(x + 0.01) <= g + 1e-12, "never rises");
                    assertEquals(g, curve.gainDb(x + 1e-7), 1e-5, "continuous");
                    if (x <= t - w / 2) {
                        assertEquals(0, g, 0);
                    }
                    if (x >= t + w / 2) {
                        double slope = r >= StaticCurve.INFINITE_RATIO ? -1 : 1 / r - 1;
                        assertEquals(slope * (x - t), g, 1e-9);
                    }
                });
        assertEquals(-1.5, new StaticCurve(-20, 4, 0).gainDb(-18), 1e-12);
        assertEquals(-10, new StaticCurve(-20, 1000, 0).gainDb(-10), 1e-12, "1000 is infinity");
        assertEquals((0.25 - 1) * 5 * 5 / 20, new StaticCurve(-20, 4, 10).gainDb(-20), 1e-12, "knee centre");
    }

    /** Gain reduction in dB at every sample, from a DC input (no ripple): 20 log10(in / out). */
    private static double[] reductionOfDc(Compressor c, double[] levelsDb, double seconds) {
        int per = (int) (seconds * RATE);
        float[][] x = new float[1][per * levelsDb.length];
        for (int k = 0; k < levelsDb.length; k++) {
            java.util.Arrays.fill(x[0], k * per, (k + 1) * per, (float) Math.pow(10, levelsDb[k] / 20));
        }
        AudioBuffer in = AudioBuffer.wrap(x);
        AudioBuffer out = run(c, in, 1000);
        double[] gr = new double[in.frames()];
        for (int i = 0; i < gr.length; i++) {
            gr[i] = 20 * Math.log10(in.get(0, i) / (double) out.get(0, i));
        }
        return gr;
    }

    /** Time from {@code from} for the reduction to cover 63 % of its way from start to end value. */
    private static double timeTo63(double[] gr, int from, double start, double end) {
        double mark = start + (1 - Math.exp(-1)) * (end - start);
        for (int i = from; i < gr.length; i++) {
            if (end > start ? gr[i] >= mark : gr[i] <= mark) {
                return (i - from + 1) / RATE * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Attack and release on level steps: a DC step from -40 to -10 dBFS (20 dB of reduction at an
     * infinite ratio and a -30 dBFS threshold) and back, for several settings: the reduction covers 63 %
     * of the step within 10 % of the set time.
     */
    @Test
    void attackAndReleaseFollowTheTimeConstantConvention() {
        double[][] settings = {{1, 50}, {10, 100}, {30, 500}, {0.5, 20}};
        for (double[] s : settings) {
            Compressor c = new Compressor().setThresholdDb(-30).setRatio(1000).setKneeDb(0)
                    .setAttackMs(s[0]).setReleaseMs(s[1]);
            double[] gr = reductionOfDc(c, new double[] {-40, -10, -40}, 1.5);
            int up = (int) (1.5 * RATE);
            int down = 2 * up;
            double attack = timeTo63(gr, up, 0, 20);
            double release = timeTo63(gr, down, gr[down - 1], 0);
            assertEquals(s[0], attack, Math.max(0.1 * s[0], 1000 / RATE), "attack " + s[0]);
            assertEquals(s[1], release, 0.1 * s[1], "release " + s[1]);
            assertEquals(20, gr[down - 1], 0.01, "settles at the curve's reduction");
        }
    }

    /**
     * Program-dependent release: after a 50 ms burst the release takes about the set time; after 5 s of
     * compression it is much slower.
     */
    @Test
    void autoReleaseSlowsAfterSustainedCompression() {
        double[] burst = reductionOfDcSegments(true, 0.05);
        double[] sustained = reductionOfDcSegments(true, 5);
        double afterBurst = timeTo63(burst, (int) (1.05 * RATE), burst[(int) (1.05 * RATE) - 1], 0);
        double afterSustained = timeTo63(sustained, (int) (6 * RATE), sustained[(int) (6 * RATE) - 1], 0);
        assertEquals(100, afterBurst, 15, "short burst: about the release time");
        assertTrue(afterSustained > 2.5 * afterBurst, afterSustained + " ms vs " + afterBurst);
        double[] plain = reductionOfDcSegments(false, 5);
        assertEquals(100, timeTo63(plain, (int) (6 * RATE), plain[(int) (6 * RATE) - 1], 0), 10);
    }

    private static double[] reductionOfDcSegments(boolean auto, double loudSeconds) {
        Compressor c = new Compressor().setThresholdDb(-30).setRatio(1000).setKneeDb(0)
                .setAttackMs(1).setReleaseMs(100).setAutoRelease(auto);
        int quiet = (int) RATE;
        int loud = (int) (loudSeconds * RATE);
        float[][] x = new float[1][quiet + loud + 3 * quiet];
        java.util.Arrays.fill(x[0], (float) 0.01);
        java.util.Arrays.fill(x[0], quiet, quiet + loud, (float) Math.pow(10, -10 / 20.0));
        AudioBuffer in = AudioBuffer.wrap(x);
        AudioBuffer out = run(c, in, 512);
        double[] gr = new double[in.frames()];
        for (int i = 0; i < gr.length; i++) {
            gr[i] = 20 * Math.log10(in.get(0, i) / (double) out.get(0, i));
        }
        return gr;
    }

    /** 100 % link: identical gain on every channel, whatever each channel holds; 0 % link: independent. */
    @Test
    void fullLinkGivesOneGain() {
        AudioBuffer x = sine(-6, 440, 1, 2);
        for (int i = 0; i < x.frames(); i++) {
            x.set(1, i, x.get(1, i) * 0.05f + (float) (0.01 * Math.sin(i * 0.3)));
        }
        AudioBuffer linked = run(new Compressor().setThresholdDb(-30), x, 512);
        for (int i = 0; i < x.frames(); i++) {
            if (x.get(0, i) != 0 && x.get(1, i) != 0) {
                double g0 = linked.get(0, i) / (double) x.get(0, i);
                double g1 = linked.get(1, i) / (double) x.get(1, i);
                assertEquals(g0, g1, 1e-6 * Math.abs(g0), "frame " + i);
            }
        }
        AudioBuffer unlinked = run(new Compressor().setThresholdDb(-30).setLinkPercent(0), x, 512);
        assertTrue(gainDb(x, unlinked, 1, 0.2) > gainDb(x, unlinked, 0, 0.2) + 10,
                "unlinked, the quiet channel is compressed less");
    }

    /** Lookahead delays the audio by exactly its latency, and the gain is down before the transient. */
    @Test
    void lookaheadDelaysTheAudio() {
        Compressor c = new Compressor().setLookaheadMs(5).setRatio(1);
        float[][] x = new float[1][2000];
        x[0][100] = 0.5f;
        AudioBuffer y = run(c, AudioBuffer.wrap(x), 64);
        assertEquals(240, c.latencyFrames());
        assertEquals(0.5f, y.get(0, 340));
        AudioBuffer step = AudioBuffer.wrap(new float[][] {new float[4800]});
        java.util.Arrays.fill(step.channel(0), 2400, 4800, 0.5f);
        Compressor ahead = new Compressor().setLookaheadMs(5).setThresholdDb(-30).setAttackMs(1);
        AudioBuffer out = run(ahead, step, 256);
        assertTrue(out.get(0, 2400 + 240) < 0.5f * 0.5f, "already reduced when the step comes out");
    }

    /**
     * With every parameter steady the compressor reads them once per block and runs long chunks; the
     * output is bit for bit that of the same values read at every control point (constant automation
     * forces that path), for random settings (lookahead, link, detector, key filter, mix, make-up)
     * and random block sizes, including blocks shorter than the lookahead.
     */
    @Test
    void steadyParametersGiveTheOutputOfControlPoints() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(77);
        for (int trial = 0; trial < 40; trial++) {
            int channels = 1 + r.nextInt(3);
            AudioBuffer x = AudioBuffer.allocate(channels, 12_000);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < x.frames(); i++) {
                    double envelope = (i / 3000) % 2 == 0 ? 0.6 : 0.02;
                    x.set(c, i, (float) (envelope * (r.nextDouble() * 2 - 1)));
                }
            }
            x.set(r.nextInt(channels), r.nextInt(x.frames()), Float.NaN);
            java.util.Map<String, Double> setting = new java.util.LinkedHashMap<>();
            setting.put("threshold", -40 + 35 * r.nextDouble());
            setting.put("ratio", r.nextBoolean() ? 1000.0 : 1 + 9 * r.nextDouble());
            setting.put("knee", r.nextBoolean() ? 0.0 : 12 * r.nextDouble());
            setting.put("attack", 0.05 + 20 * r.nextDouble());
            setting.put("release", 5 + 200 * r.nextDouble());
            setting.put("autorelease", (double) r.nextInt(2));
            setting.put("detector", (double) r.nextInt(2));
            setting.put("makeup", -6 + 12 * r.nextDouble());
            setting.put("automakeup", (double) r.nextInt(2));
            setting.put("link", r.nextBoolean() ? 100.0 : 100 * r.nextDouble());
            setting.put("keyhp", r.nextInt(3) == 0 ? 200.0 : 0.0);
            setting.put("mix", r.nextBoolean() ? 100.0 : 100 * r.nextDouble());
            double lookahead = r.nextBoolean() ? 0 : 5 * r.nextDouble();
            Compressor steady = new Compressor();
            Compressor automated = new Compressor();
            for (var e : setting.entrySet()) {
                steady.parameter(e.getKey()).setImmediate(e.getValue());
                automated.automate(e.getKey(), io.github.mixwright.core.Automation.constant(e.getValue()));
            }
            steady.setLookaheadMs(lookahead);
            automated.setLookaheadMs(lookahead);
            AudioBuffer a = runInRandomBlocks(steady, x, new java.util.SplittableRandom(trial));
            AudioBuffer b = runInRandomBlocks(automated, x, new java.util.SplittableRandom(trial));
            for (int c = 0; c < channels; c++) {
                assertArrayEquals(b.channel(c), a.channel(c), "trial " + trial + " " + setting + " lookahead " + lookahead);
            }
        }
    }

    private static AudioBuffer runInRandomBlocks(Compressor c, AudioBuffer x, java.util.SplittableRandom r) {
        c.prepare(new ProcessSpec(RATE, 2048, x.channels()));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); ) {
            int n = Math.min(y.frames() - at, r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(2048));
            c.process(y.view(at, n));
            at += n;
        }
        return y;
    }

    /** An external key drives the gain; a mono key keys every channel; the key filter changes the level. */
    @Test
    void externalKeyAndKeyFilter() {
        AudioBuffer quiet = sine(-40, 1000, 1, 2);
        AudioBuffer key = sine(-6, 1000, 1, 1);
        Compressor c = new Compressor().setThresholdDb(-30).setRatio(10).setKneeDb(0).setAttackMs(0.1).setReleaseMs(3000);
        c.prepare(new ProcessSpec(RATE, 4800, 2));
        AudioBuffer y = quiet.copy();
        for (int at = 0; at < y.frames(); at += 4800) {
            c.process(y.view(at, 4800), key.view(at, 4800));
        }
        double expected = new StaticCurve(-30, 10, 0).gainDb(-6);
        assertEquals(expected, gainDb(quiet, y, 0, 0.2), 0.1);
        assertEquals(expected, gainDb(quiet, y, 1, 0.2), 0.1);
        assertTrue(c.maxGainReductionDb() >= -expected - 0.1);
        AudioBuffer low = sine(-6, 60, 1, 1);
        double unfiltered = gainDb(low, run(new Compressor().setThresholdDb(-30), low, 4800), 0, 0.2);
        double filtered = gainDb(low, run(new Compressor().setThresholdDb(-30).setKeyHighPassHz(1000), low, 4800), 0, 0.2);
        assertTrue(filtered > unfiltered + 10, "a 1 kHz key high-pass ignores 60 Hz: " + filtered + " vs " + unfiltered);
        AudioBuffer bad = AudioBuffer.allocate(3, 4800);
        assertThrows(IllegalArgumentException.class, () -> c.process(quiet.view(0, 4800), bad));
        assertThrows(IllegalArgumentException.class, () -> c.process(quiet.view(0, 4800), key.view(0, 100)));
    }

    /**
     * A non-finite key sample (NaN of either sign, or an infinity) is silence to the detector: the
     * output equals that of the same key with a 0 there, for the peak and RMS detectors, linked and not.
     */
    @Test
    void nonFiniteKeySamplesAreSilence() {
        AudioBuffer audio = sine(-6, 1000, 0.2, 2);
        float[] bad = {Float.NaN, Float.intBitsToFloat(0xffc0_0000), Float.intBitsToFloat(0x7fa0_0001),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float value : bad) {
            for (String setting : new String[] {"peak-linked", "peak-unlinked", "rms-linked"}) {
                AudioBuffer key = sine(-3, 300, 0.2, 2);
                AudioBuffer silent = key.copy();
                for (int i = 3000; i < 3100; i++) {
                    key.set(i % 2, i, value);
                    silent.set(i % 2, i, 0f);
                }
                AudioBuffer a = compressKeyed(audio, key, setting);
                AudioBuffer b = compressKeyed(audio, silent, setting);
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(b.channel(c), a.channel(c), setting + " with " + Float.floatToRawIntBits(value));
                }
            }
        }
    }

    /**
     * A finite key beyond the float's square root (1e25 squares to 1e50, past the float range) is read
     * in double precision: a limiting compressor at -30 dB reduces by its level over the threshold.
     */
    @Test
    void hugeFiniteKeyIsReadInDoublePrecision() {
        AudioBuffer audio = sine(-6, 1000, 0.1, 2);
        AudioBuffer key = AudioBuffer.allocate(2, audio.frames());
        for (int i = 2000; i < 2200; i++) {
            key.set(0, i, 1e25f);
        }
        Compressor c = new Compressor().setThresholdDb(-30).setRatio(1000).setKneeDb(0).setAttackMs(0.01);
        c.prepare(new ProcessSpec(RATE, 1024, 2));
        AudioBuffer y = audio.copy();
        for (int at = 0; at < y.frames(); at += 1024) {
            int n = Math.min(1024, y.frames() - at);
            c.process(y.view(at, n), key.view(at, n));
        }
        assertEquals(20 * Math.log10(1e25f) + 30, c.maxGainReductionDb(), 1e-6);
        for (int i = 0; i < y.frames(); i++) {
            assertTrue(Float.isFinite(y.get(0, i)) && Float.isFinite(y.get(1, i)), "frame " + i);
        }
    }

    private static AudioBuffer compressKeyed(AudioBuffer audio, AudioBuffer key, String setting) {
        Compressor c = new Compressor().setThresholdDb(-30).setAttackMs(1).setReleaseMs(50)
                .setLinkPercent(setting.endsWith("unlinked") ? 0 : 100)
                .setDetector(setting.startsWith("rms") ? Compressor.Detector.RMS : Compressor.Detector.PEAK).setRmsWindowMs(5);
        c.prepare(new ProcessSpec(RATE, 1000, 2));
        AudioBuffer y = audio.copy();
        for (int at = 0; at < y.frames(); at += 1000) {
            int n = Math.min(1000, y.frames() - at);
            c.process(y.view(at, n), key.view(at, n));
        }
        return y;
    }

    /** Mix 0 is the dry signal exactly; ratio 1 is the identity; manual and automatic make-up add up. */
    @Test
    void mixAndMakeup() {
        AudioBuffer x = sine(-3, 500, 0.5, 2);
        assertArrayEquals(x.channel(0), run(new Compressor().setMixPercent(0), x, 256).channel(0));
        assertArrayEquals(x.channel(1), run(new Compressor().setRatio(1), x, 100).channel(1));
        double wet = gainDb(x, run(new Compressor().setThresholdDb(-20).setAttackMs(0.1).setReleaseMs(2000), x, 256), 0, 0.1);
        double half = gainDb(x, run(new Compressor().setThresholdDb(-20).setAttackMs(0.1).setReleaseMs(2000)
                .setMixPercent(50), x, 256), 0, 0.1);
        assertEquals(20 * Math.log10((1 + Math.pow(10, wet / 20)) / 2), half, 0.05, "parallel: the average of dry and wet");
        double auto = gainDb(x, run(new Compressor().setThresholdDb(-20).setAttackMs(0.1).setReleaseMs(2000)
                .setMakeupDb(2).setAutoMakeup(true), x, 256), 0, 0.1);
        assertEquals(wet + 2 - new StaticCurve(-20, 4, 6).gainDb(0), auto, 0.05);
    }

    @Test
    void meteringAndMisuse() {
        Compressor c = new Compressor().setThresholdDb(-40).setRatio(1000).setKneeDb(0).setAttackMs(0.01);
        run(c, sine(-10, 100, 0.5, 1), 512);
        assertEquals(30, c.maxGainReductionDb(), 0.1);
        assertTrue(c.gainReductionDb() > 0);
        c.reset();
        assertEquals(0, c.maxGainReductionDb());
        assertEquals("ratio 0.5 is out of range [1, 1000]",
                assertThrows(IllegalArgumentException.class, () -> new Compressor().setRatio(0.5)).getMessage());
        assertThrows(IllegalStateException.class, () -> new Compressor().process(AudioBuffer.allocate(1, 10)));
    }
}
