package io.github.mixwright.loudness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoudnessMeterTest {
    /** EBU Tech 3341 tolerance for M, S and I. */
    private static final double SPEC = 0.1;
    /** Where the maths gives an exact value. */
    private static final double EXACT = 0.02;

    /** {@code seconds} of a sine with peak {@code dbfs} at {@code hz} in channel {@code c} of {@code into}, from {@code start}. */
    private static void sine(float[][] into, int c, int start, double rate, double hz, double dbfs, double seconds) {
        double a = Math.pow(10, dbfs / 20);
        int n = (int) Math.round(seconds * rate);
        for (int i = 0; i < n; i++) {
            into[c][start + i] = (float) (a * Math.sin(2 * Math.PI * hz * i / rate));
        }
    }

    /** Stereo 1 kHz sine segments as in EBU Tech 3341: levels (dBFS) each lasting the given seconds. */
    private static AudioBuffer stereoSequence(double rate, double[] dbfs, double[] seconds) {
        int total = 0;
        for (double s : seconds) {
            total += (int) Math.round(s * rate);
        }
        float[][] x = new float[2][total];
        int at = 0;
        for (int k = 0; k < dbfs.length; k++) {
            sine(x, 0, at, rate, 1000, dbfs[k], seconds[k]);
            sine(x, 1, at, rate, 1000, dbfs[k], seconds[k]);
            at += (int) Math.round(seconds[k] * rate);
        }
        return AudioBuffer.wrap(x);
    }

    private static LoudnessMeter measure(LoudnessMeter m, AudioBuffer signal, int blockFrames) {
        for (int at = 0; at < signal.frames(); at += blockFrames) {
            m.accept(signal.view(at, Math.min(blockFrames, signal.frames() - at)));
        }
        return m;
    }

    private static void assertLufs(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance, what);
    }

    @Test
    void tech3341Case1And2SteadySine() {
        for (double level : new double[] {-23, -33}) {
            AudioBuffer x = stereoSequence(48_000, new double[] {level}, new double[] {20});
            LoudnessMeter m = measure(new LoudnessMeter(48_000, 2), x, 4096);
            assertLufs(level, m.momentaryLufs(), SPEC, "M");
            assertLufs(level, m.shortTermLufs(), SPEC, "S");
            assertLufs(level, m.integratedLufs(), SPEC, "I");
        }
    }

    @Test
    void tech3341Case3() {
        AudioBuffer x = stereoSequence(48_000, new double[] {-36, -23, -36}, new double[] {10, 60, 10});
        assertLufs(-23, measure(new LoudnessMeter(48_000, 2), x, 4096).integratedLufs(), SPEC, "I");
    }

    @Test
    void tech3341Case4() {
        AudioBuffer x = stereoSequence(48_000, new double[] {-72, -36, -23, -36, -72},
                new double[] {10, 10, 60, 10, 10});
        assertLufs(-23, measure(new LoudnessMeter(48_000, 2), x, 4096).integratedLufs(), SPEC, "I");
    }

    @Test
    void tech3341Case5() {
        AudioBuffer x = stereoSequence(48_000, new double[] {-26, -20, -26}, new double[] {20, 20.1, 20});
        assertLufs(-23, measure(new LoudnessMeter(48_000, 2), x, 4096).integratedLufs(), SPEC, "I");
    }

    /**
     * Tech 3341 case 9: 1 kHz stereo, 1.34 s at -20 dBFS then 1.66 s at -30 dBFS, five times; every 3 s
     * window holds one period, so short-term loudness reads -23.0 at every update once 3 s have passed.
     */
    @Test
    void tech3341Case9ShortTermIsSteady() {
        double rate = 48_000;
        double[] levels = new double[10];
        double[] seconds = new double[10];
        for (int k = 0; k < 5; k++) {
            levels[2 * k] = -20;
            seconds[2 * k] = 1.34;
            levels[2 * k + 1] = -30;
            seconds[2 * k + 1] = 1.66;
        }
        AudioBuffer x = stereoSequence(rate, levels, seconds);
        LoudnessMeter m = new LoudnessMeter(rate, 2);
        int step = 4800;
        for (int at = 0; at + step <= x.frames(); at += step) {
            m.accept(x.view(at, step));
            if (at + step >= 3 * rate) {
                assertLufs(-23, m.shortTermLufs(), SPEC, "S at frame " + (at + step));
            }
        }
    }

    /** Tech 3341 case 6: 5.0 (here 5.1 with a silent LFE), L R -28 dBFS, C -24, Ls Rs -30, 20 s of 1 kHz. */
    @Test
    void tech3341Case6Surround() {
        double rate = 48_000;
        int n = (int) (20 * rate);
        float[][] x = new float[6][n];
        double[] levels = {-28, -28, -24, Double.NaN, -30, -30};
        for (int c = 0; c < 6; c++) {
            if (c != 3) {
                sine(x, c, 0, rate, 1000, levels[c], 20);
            }
        }
        LoudnessMeter m = measure(new LoudnessMeter(rate, 6), AudioBuffer.wrap(x), 4800);
        assertLufs(-23, m.integratedLufs(), SPEC, "I");
    }

    /** The LFE is excluded: a loud LFE changes nothing. */
    @Test
    void lfeIsExcluded() {
        double rate = 48_000;
        float[][] x = new float[6][(int) (2 * rate)];
        sine(x, 0, 0, rate, 1000, -20, 2);
        LoudnessMeter without = measure(new LoudnessMeter(rate, 6), AudioBuffer.wrap(x), 1000);
        sine(x, 3, 0, rate, 60, -1, 2);
        LoudnessMeter with = measure(new LoudnessMeter(rate, 6), AudioBuffer.wrap(x), 1000);
        assertEquals(without.integratedLufs(), with.integratedLufs(), 0);
    }

    /** Expected loudness of sines at {@code hz}: -0.691 + 10 log10(sum G_i A_i^2 / 2 |H(hz)|^2). */
    private static double exactSineLoudness(double rate, double hz, double[] weights, double[] dbfs) {
        double h2 = KWeighting.of(rate).powerGain(hz);
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            double a = Math.pow(10, dbfs[c] / 20);
            sum += weights[c] * a * a / 2 * h2;
        }
        return -0.691 + 10 * Math.log10(sum);
    }

    @ParameterizedTest
    @ValueSource(doubles = {8_000, 44_100, 48_000, 96_000, 192_000})
    void sine997MatchesTheFilterResponse(double rate) {
        double[][] layouts = {{1}, {1, 1}, LoudnessMeter.defaultWeights(6)};
        double[][] levels = {{-18}, {-23, -29}, {-20, -26, -23, -3, -30, -27}};
        for (int l = 0; l < layouts.length; l++) {
            int ch = layouts[l].length;
            float[][] x = new float[ch][(int) Math.round(6 * rate)];
            for (int c = 0; c < ch; c++) {
                sine(x, c, 0, rate, 997, levels[l][c], 6);
            }
            LoudnessMeter m = measure(new LoudnessMeter(rate, ch), AudioBuffer.wrap(x), 999);
            double expected = exactSineLoudness(rate, 997, layouts[l], levels[l]);
            assertLufs(expected, m.integratedLufs(), EXACT, "I " + ch + " ch at " + rate);
            assertLufs(expected, m.momentaryLufs(), EXACT, "M " + ch + " ch at " + rate);
            assertLufs(expected, m.shortTermLufs(), EXACT, "S " + ch + " ch at " + rate);
            assertLufs(expected, m.maxShortTermLufs(), EXACT, "max S");
            assertTrue(m.maxMomentaryLufs() >= m.momentaryLufs());
            assertEquals(Math.pow(10, levels[l][0] / 20), m.samplePeak(0), 1e-3);
        }
    }

    @Test
    void explicitWeightsMatchTheFormula() {
        double rate = 44_100;
        double[] weights = {1, 1, 1, 0, 1.41, 1.41, 1.41, 1.41};
        double[] levels = {-20, -21, -22, -10, -24, -25, -26, -27};
        float[][] x = new float[8][(int) (5 * rate)];
        for (int c = 0; c < 8; c++) {
            sine(x, c, 0, rate, 997, levels[c], 5);
        }
        LoudnessMeter m = measure(new LoudnessMeter(rate, weights), AudioBuffer.wrap(x), 512);
        assertLufs(exactSineLoudness(rate, 997, weights, levels), m.integratedLufs(), EXACT, "I");
        assertArrayEquals(weights, m.weights());
        assertEquals(8, m.channels());
    }

    @Test
    void silenceIsMinusInfinity() {
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        assertEquals(Double.NEGATIVE_INFINITY, m.integratedLufs());
        assertEquals(Double.NEGATIVE_INFINITY, m.momentaryLufs());
        measure(m, AudioBuffer.allocate(2, 5 * 48_000), 4096);
        assertEquals(Double.NEGATIVE_INFINITY, m.momentaryLufs());
        assertEquals(Double.NEGATIVE_INFINITY, m.shortTermLufs());
        assertEquals(Double.NEGATIVE_INFINITY, m.integratedLufs());
        assertEquals(Double.NEGATIVE_INFINITY, m.maxMomentaryLufs());
        assertEquals(Double.NEGATIVE_INFINITY, m.samplePeakDbfs());
        assertEquals(5 * 48_000, m.frames());
    }

    @Test
    void integratedNeedsOneFullBlock() {
        double rate = 48_000;
        float[][] x = new float[1][(int) (0.39 * rate)];
        sine(x, 0, 0, rate, 1000, -10, 0.39);
        LoudnessMeter m = measure(new LoudnessMeter(rate, 1), AudioBuffer.wrap(x), 4096);
        assertEquals(Double.NEGATIVE_INFINITY, m.integratedLufs());
        assertTrue(m.momentaryLufs() > -30, "momentary counts the time before the start as silence");
    }

    /**
     * A -20 LUFS tone followed by as long of -80 dBFS noise: the noise is under the absolute gate, so
     * the integrated loudness is the tone's, less the three 400 ms blocks straddling the change, which
     * hold 3/4, 1/2 and 1/4 of a tone block: the mean energy is (10 T - 1.5) / (10 T) of the tone's.
     */
    @Test
    void gatingIgnoresQuietNoise() {
        double rate = 48_000;
        double seconds = 10;
        int n = (int) (seconds * rate);
        double level = -20 - exactSineLoudness(rate, 997, new double[] {1, 1}, new double[] {0, 0});
        float[][] x = new float[2][2 * n];
        sine(x, 0, 0, rate, 997, level, seconds);
        sine(x, 1, 0, rate, 997, level, seconds);
        Random random = new Random(7);
        double noise = Math.pow(10, -80 / 20.0) * Math.sqrt(3);
        for (int c = 0; c < 2; c++) {
            for (int i = n; i < 2 * n; i++) {
                x[c][i] = (float) (noise * (2 * random.nextDouble() - 1));
            }
        }
        LoudnessMeter m = measure(new LoudnessMeter(rate, 2), AudioBuffer.wrap(x), 4096);
        double blocks = 10 * seconds;
        assertLufs(-20 + 10 * Math.log10((blocks - 1.5) / blocks), m.integratedLufs(), EXACT, "I");
        assertLufs(-20, m.integratedLufs(), SPEC, "I");
        assertTrue(m.momentaryLufs() < -70, "noise momentary " + m.momentaryLufs());
    }

    /** The relative gate: a block 10 LU under the gated loudness still counts, 10.5 LU under does not. */
    @Test
    void relativeGateDropsQuietPassages() {
        double rate = 48_000;
        AudioBuffer x = stereoSequence(rate, new double[] {-20, -45}, new double[] {20, 20});
        double i = measure(new LoudnessMeter(rate, 2), x, 4096).integratedLufs();
        AudioBuffer loudOnly = stereoSequence(rate, new double[] {-20, -200}, new double[] {20, 20});
        assertEquals(measure(new LoudnessMeter(rate, 2), loudOnly, 4096).integratedLufs(), i, 0.01);
    }

    private static AudioBuffer testSignal(double rate, int channels, double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) (seconds * rate);
        float[][] x = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                double t = i / rate;
                double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t);
                x[c][i] = (float) (env * (0.3 * Math.sin(2 * Math.PI * (220 + 110 * c) * t)
                        + 0.1 * (2 * random.nextDouble() - 1)));
            }
        }
        return AudioBuffer.wrap(x);
    }

    private static double[] results(LoudnessMeter m) {
        return new double[] {m.momentaryLufs(), m.shortTermLufs(), m.integratedLufs(), m.maxMomentaryLufs(),
            m.maxShortTermLufs(), m.samplePeak(), m.frames()};
    }

    @Test
    void blockSizeDoesNotChangeAnything() {
        AudioBuffer x = testSignal(44_100, 2, 3.7, 11);
        double[] whole = results(measure(new LoudnessMeter(44_100, 2), x, x.frames()));
        for (int block : new int[] {1, 7, 64, 4096, 4410, 4411}) {
            assertArrayEquals(whole, results(measure(new LoudnessMeter(44_100, 2), x, block)), "block " + block);
        }
    }

    @Test
    void randomCutsGiveBitIdenticalResults() {
        AudioBuffer x = testSignal(48_000, 2, 2.3, 5);
        double[] whole = results(measure(new LoudnessMeter(48_000, 2), x, x.frames()));
        qt().withFixedSeed(31L).withExamples(25)
                .forAll(integers().between(0, Integer.MAX_VALUE))
                .checkAssert(seed -> {
                    Random r = new Random(seed);
                    LoudnessMeter m = new LoudnessMeter(48_000, 2);
                    int at = 0;
                    while (at < x.frames()) {
                        int len = Math.min(x.frames() - at, r.nextInt(9000));
                        m.accept(x.view(at, len));
                        at += len;
                    }
                    assertArrayEquals(whole, results(m));
                });
    }

    /**
     * Loudness is 20 log10 of the gain: exact for power-of-two gains, whose scaling is exact in binary.
     * The seven gains 2^-4 to 2^2 are all checked (a finite domain this small is enumerated, not sampled).
     */
    @Test
    void scalingByPowersOfTwoShiftsLoudnessExactly() {
        AudioBuffer x = testSignal(48_000, 2, 3.5, 9);
        double[] ref = results(measure(new LoudnessMeter(48_000, 2), x, 4096));
        for (int k = -4; k <= 2; k++) {
            AudioBuffer y = x.copy();
            float g = (float) Math.scalb(1.0, k);
            for (int c = 0; c < 2; c++) {
                float[] s = y.channel(c);
                for (int i = 0; i < s.length; i++) {
                    s[i] *= g;
                }
            }
            double[] r = results(measure(new LoudnessMeter(48_000, 2), y, 4096));
            double db = 20 * Math.log10(g);
            for (int i = 0; i < 5; i++) {
                assertEquals(ref[i] + db, r[i], 1e-9, "gain 2^" + k + ", figure " + i);
            }
        }
    }

    /** Policy: NaN and infinite samples are measured as 0 and counted; they leave no trace afterwards. */
    @Test
    void nonFiniteSamplesCountAsSilence() {
        AudioBuffer clean = testSignal(48_000, 2, 2, 3);
        AudioBuffer dirty = clean.copy();
        int[] at = {100, 5_000, 40_000, 40_001, 90_000};
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.NaN};
        for (int k = 0; k < at.length; k++) {
            dirty.set(k % 2, at[k], bad[k]);
            clean.set(k % 2, at[k], 0f);
        }
        LoudnessMeter d = measure(new LoudnessMeter(48_000, 2), dirty, 333);
        LoudnessMeter c = measure(new LoudnessMeter(48_000, 2), clean, 333);
        assertArrayEquals(results(c), results(d));
        assertEquals(at.length, d.nonFiniteSamples());
        assertEquals(0, c.nonFiniteSamples());
        assertTrue(Double.isFinite(d.integratedLufs()));
        assertTrue(d.samplePeak() < 1);
    }

    @Test
    void resetForgetsEverything() {
        AudioBuffer x = testSignal(48_000, 2, 1.5, 4);
        LoudnessMeter m = measure(new LoudnessMeter(48_000, 2), testSignal(48_000, 2, 2, 8), 1000);
        m.reset();
        assertEquals(0, m.frames());
        assertEquals(Double.NEGATIVE_INFINITY, m.integratedLufs());
        assertArrayEquals(results(measure(new LoudnessMeter(48_000, 2), x, 1000)), results(measure(m, x, 1000)));
    }

    @Test
    void rejectsMisuse() {
        assertEquals("sampleRate 1000 is out of range [8000, 384000]",
                assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(1000, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(48_000, 3));
        assertEquals("channels 3 has no default layout (1, 2, 6 or 8): give the channel weights explicitly",
                assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(48_000, 3)).getMessage());
        assertEquals("weights has 1 values for 2 channels", assertThrows(IllegalArgumentException.class,
                () -> LoudnessMeter.builder(48_000, 2).weights(new double[] {1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoudnessMeter.album(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(48_000, new double[0]));
        assertEquals("weights[1] -1 is out of range [0, 100]", assertThrows(IllegalArgumentException.class,
                () -> new LoudnessMeter(48_000, new double[] {1, -1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(48_000, new double[] {Double.NaN}));
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        assertThrows(IllegalArgumentException.class, () -> m.accept(AudioBuffer.allocate(1, 10)));
        assertThrows(IndexOutOfBoundsException.class, () -> m.samplePeak(2));
    }

    /**
     * Tech 3341 case 12: 1 kHz stereo, 0.18 s at -20 dBFS then 0.22 s at -30 dBFS, 25 times; every
     * 400 ms window holds one period, so momentary loudness reads -23.0 at every update once 400 ms
     * (plus the sine's start) have passed.
     */
    @Test
    void tech3341Case12MomentaryIsSteady() {
        double rate = 48_000;
        double[] levels = new double[50];
        double[] seconds = new double[50];
        for (int k = 0; k < 25; k++) {
            levels[2 * k] = -20;
            seconds[2 * k] = 0.18;
            levels[2 * k + 1] = -30;
            seconds[2 * k + 1] = 0.22;
        }
        AudioBuffer x = stereoSequence(rate, levels, seconds);
        LoudnessMeter m = new LoudnessMeter(rate, 2);
        int step = 4800;
        int checked = 0;
        for (int at = 0; at + step <= x.frames(); at += step) {
            m.accept(x.view(at, step));
            if (at + step >= 0.4 * rate) {
                assertLufs(-23, m.momentaryLufs(), SPEC, "M at frame " + (at + step));
                checked++;
            }
        }
        assertTrue(checked > 90);
    }

    /** Loudness of a stereo 1 kHz sine at {@code dbfs} in each channel (the analytic K-weighted level). */
    private static double stereoSineLufs(double rate, double dbfs) {
        return exactSineLoudness(rate, 1000, new double[] {1, 1}, new double[] {dbfs, dbfs});
    }

    /**
     * EBU Tech 3342 cases 1 to 4: stereo 1 kHz sine segments of 20 s. The range is the level difference
     * of the loudest and quietest segments that survive the -20 LU gate: exactly 10, 5, 20 and 15 LU,
     * read within 0.02 LU (the spec allows 1 LU).
     */
    @ParameterizedTest
    @ValueSource(doubles = {44_100, 48_000})
    void tech3342Cases1To4(double rate) {
        double[][] cases = {{-20, -30}, {-20, -15}, {-40, -20}, {-50, -35, -20, -35, -50}};
        double[] expected = {10, 5, 20, 15};
        for (int k = 0; k < cases.length; k++) {
            double[] seconds = new double[cases[k].length];
            Arrays.fill(seconds, 20);
            LoudnessMeter m = measure(new LoudnessMeter(rate, 2), stereoSequence(rate, cases[k], seconds), 4096);
            assertLufs(expected[k], m.loudnessRangeLu(), 1, "Tech 3342 case " + (k + 1));
            assertLufs(expected[k], m.loudnessRangeLu(), EXACT, "Tech 3342 case " + (k + 1) + " (exact)");
        }
    }

    /**
     * The range's gates: the -50 dBFS passage of case 4 is 30 LU below the loudest but passes the
     * relative gate (about -40 LUFS here); a passage 25 LU under the power mean does not count, and one
     * under -70 LUFS never does.
     */
    @Test
    void loudnessRangeGates() {
        double rate = 48_000;
        AudioBuffer twoLevels = stereoSequence(rate, new double[] {-20, -45}, new double[] {30, 30});
        double mean = 10 * Math.log10((Math.pow(10, stereoSineLufs(rate, -20) / 10)
                + Math.pow(10, stereoSineLufs(rate, -45) / 10)) / 2);
        assertTrue(stereoSineLufs(rate, -45) < mean - 20, "the quiet half is under the relative gate");
        LoudnessMeter m = measure(new LoudnessMeter(rate, 2), twoLevels, 4096);
        assertTrue(m.loudnessRangeLu() < 3, "only the crossfade windows widen the range: " + m.loudnessRangeLu());
        AudioBuffer belowAbsolute = stereoSequence(rate, new double[] {-20, -85}, new double[] {30, 30});
        assertTrue(measure(new LoudnessMeter(rate, 2), belowAbsolute, 4096).loudnessRangeLu() < 3);
        assertEquals(0, new LoudnessMeter(rate, 2).loudnessRangeLu());
        AudioBuffer short2s = stereoSequence(rate, new double[] {-20}, new double[] {2.9});
        assertEquals(0, measure(new LoudnessMeter(rate, 2), short2s, 4096).loudnessRangeLu(),
                "no complete 3 s window yet");
    }

    /** True peak through the meter, and PLR = true peak - integrated. */
    @Test
    void truePeakAndPlr() {
        double rate = 48_000;
        float[][] x = new float[2][(int) (5 * rate)];
        double phase = Math.PI / 4;
        for (int i = 0; i < x[0].length; i++) {
            double env = Math.min(1, Math.min(i, x[0].length - 1 - i) / 960.0);
            x[0][i] = (float) (0.5 * env * Math.sin(2 * Math.PI * 12_000 * i / rate + phase));
        }
        LoudnessMeter m = measure(new LoudnessMeter(rate, 2), AudioBuffer.wrap(x), 4096);
        assertEquals(-6.02, m.truePeakDbtp(), EXACT, "fs/4 at 45 degrees");
        assertEquals(20 * Math.log10(0.5 * Math.sqrt(0.5)), m.samplePeakDbfs(), 0.01);
        assertEquals(m.truePeakDbtp() - m.integratedLufs(), m.plrDb(), 1e-12);
        assertEquals(4, m.truePeakFactor());
        assertEquals(0, m.truePeak(1));
        LoudnessMeter off = LoudnessMeter.builder(rate, 2).truePeak(false).build();
        measure(off, AudioBuffer.wrap(x), 4096);
        assertTrue(Double.isNaN(off.truePeakDbtp()));
        assertTrue(Double.isNaN(off.plrDb()));
        assertEquals(0, off.truePeakFactor());
        assertEquals(m.integratedLufs(), off.integratedLufs(), 0);
        assertTrue(Double.isNaN(new LoudnessMeter(rate, 2).plrDb()), "silence has no PLR");
    }

    /** The series holds M and S after every 100 ms step: the same values the meter showed then. */
    @Test
    void seriesRecordsEveryStep() {
        double rate = 44_100;
        AudioBuffer x = testSignal(rate, 2, 4.25, 12);
        LoudnessMeter m = new LoudnessMeter(rate, 2);
        int step = 4410;
        double[] momentary = new double[x.frames() / step];
        double[] shortTerm = new double[momentary.length];
        for (int k = 0; k < momentary.length; k++) {
            m.accept(x.view(k * step, step));
            momentary[k] = m.momentaryLufs();
            shortTerm[k] = m.shortTermLufs();
        }
        m.accept(x.view(momentary.length * step, x.frames() - momentary.length * step));
        LoudnessSeries series = m.series();
        assertEquals(42, series.size());
        assertArrayEquals(momentary, series.momentaryLufs());
        assertArrayEquals(shortTerm, series.shortTermLufs());
        assertEquals(0.1, series.stepSeconds(), 1e-15);
        assertEquals(4.2, series.timeSeconds(41), 1e-12);
        assertEquals(0, new LoudnessMeter(rate, 2).series().size());
    }

    /**
     * Album loudness pools the blocks: two halves measured apart give the whole's integrated loudness
     * up to the blocks that straddle the cut; a file and its copy give the file's own figures.
     */
    @Test
    void albumPoolsBlocksAndWindows() {
        double rate = 48_000;
        AudioBuffer a = stereoSequence(rate, new double[] {-20}, new double[] {30});
        AudioBuffer b = stereoSequence(rate, new double[] {-30}, new double[] {30});
        LoudnessMeter ma = measure(new LoudnessMeter(rate, 2), a, 4096);
        LoudnessMeter mb = measure(new LoudnessMeter(rate, 2), b, 4096);
        LoudnessResult album = LoudnessMeter.album(List.of(ma, mb));
        double ea = Math.pow(10, stereoSineLufs(rate, -20) / 10);
        double eb = Math.pow(10, stereoSineLufs(rate, -30) / 10);
        assertLufs(10 * Math.log10((ea + eb) / 2), album.integratedLufs(), EXACT, "album I");
        assertLufs(10, album.loudnessRangeLu(), EXACT, "album LRA");
        assertEquals(Math.max(ma.truePeakDbtp(), mb.truePeakDbtp()), album.truePeakDbtp(), 0);
        assertEquals(ma.maxMomentaryLufs(), album.maxMomentaryLufs(), 0);
        assertEquals(album.truePeakDbtp() - album.integratedLufs(), album.plrDb(), 1e-12);
        LoudnessResult same = LoudnessMeter.album(List.of(ma, ma));
        assertEquals(ma.integratedLufs(), same.integratedLufs(), 1e-12, "a file twice is the file");
        assertEquals(ma.loudnessRangeLu(), same.loudnessRangeLu(), 1e-12);
        assertEquals(ma.result().truePeakDbtp(), same.truePeakDbtp(), 0);
        LoudnessMeter mono44 = measure(new LoudnessMeter(44_100, 1),
                AudioBuffer.wrap(new float[][] {stereoSequence(44_100, new double[] {-20}, new double[] {10}).channel(0)}),
                1000);
        assertTrue(Double.isFinite(LoudnessMeter.album(List.of(ma, mono44)).integratedLufs()),
                "meters of different rates and layouts combine");
        LoudnessMeter noTp = measure(LoudnessMeter.builder(rate, 2).truePeak(false).build(), a, 4096);
        assertTrue(Double.isNaN(LoudnessMeter.album(List.of(ma, noTp)).truePeakDbtp()));
    }

    /** With an executor the channels are measured in parallel, with bit-identical results. */
    @Test
    void executorGivesBitIdenticalResults() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AudioBuffer x = testSignal(48_000, 6, 3.3, 21);
            for (int block : new int[] {100, 4096, 48_000}) {
                LoudnessMeter serial = measure(new LoudnessMeter(48_000, 6), x, block);
                LoudnessMeter parallel = measure(LoudnessMeter.builder(48_000, 6).executor(pool).build(), x, block);
                assertArrayEquals(results(serial), results(parallel), "block " + block);
                assertEquals(serial.result(), parallel.result());
                assertEquals(serial.truePeak(), parallel.truePeak(), 0);
                assertArrayEquals(serial.series().shortTermLufs(), parallel.series().shortTermLufs());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** 7.1 as L R C LFE Lss Rss Lrs Rrs, and WAV channel masks: 5.1 back, 5.1 side, 7.1, quad. */
    @Test
    void layoutsAndChannelMasks() {
        assertArrayEquals(new double[] {1, 1, 1, 0, 1.41, 1.41, 1, 1}, LoudnessMeter.defaultWeights(8));
        assertArrayEquals(new double[] {1, 1, 1, 0, 1.41, 1.41}, LoudnessMeter.weightsForWaveMask(0x3F, 6));
        assertArrayEquals(new double[] {1, 1, 1, 0, 1.41, 1.41}, LoudnessMeter.weightsForWaveMask(0x60F, 6));
        assertArrayEquals(new double[] {1, 1, 1, 0, 1, 1, 1.41, 1.41}, LoudnessMeter.weightsForWaveMask(0x63F, 8));
        assertArrayEquals(new double[] {1, 1, 1.41, 1.41}, LoudnessMeter.weightsForWaveMask(0x33, 4));
        assertArrayEquals(new double[] {1, 1}, LoudnessMeter.weightsForWaveMask(0, 2));
        assertArrayEquals(new double[] {1}, LoudnessMeter.weightsForWaveMask(0x4, 1), "front centre");
        assertThrows(IllegalArgumentException.class, () -> LoudnessMeter.weightsForWaveMask(0, 4));
        double rate = 48_000;
        float[][] x = new float[8][(int) (5 * rate)];
        double[] levels = {-26, -27, -28, -5, -30, -31, -32, -33};
        for (int c = 0; c < 8; c++) {
            sine(x, c, 0, rate, 997, levels[c], 5);
        }
        LoudnessMeter m = measure(new LoudnessMeter(rate, 8), AudioBuffer.wrap(x), 4800);
        assertLufs(exactSineLoudness(rate, 997, LoudnessMeter.defaultWeights(8), levels), m.integratedLufs(),
                EXACT, "7.1");
    }
}
