package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.ProcessSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The linear-phase EQ: exact symmetry, fidelity to its target where the target is smooth at the
 * FIR's resolution, processor output equal to the analytic response, exact latency and block-size
 * invariance.
 *
 * <p>Smoothness criterion ("smooth at the FIR's resolution"): at frequency {@code f}, the target in dB,
 * sampled every fs/(8N) over {@code [f - 3 fs/N, f + 3 fs/N]} (folded at 0 and fs/2, where the FIR's
 * response is mirrored), stays within {@value #SMOOTH_DB} dB of the straight line (dB against Hz)
 * joining its ends. Ramps of any slope pass; corners and peaks narrower than the window do not, since a
 * window of N taps smooths over about ±2.7 fs/N. There the realised magnitude must be within 0.1 dB
 * of the target (exploration over 80 random curves: worst 0.06 dB with this criterion; a criterion of
 * total change under 0.5 dB instead admits apexes of point curves that are off by 0.1 dB).
 */
class LinearPhaseEqTest {
    private static final double FS = 48_000;
    private static final double SMOOTH_DB = 0.2;
    /** Few shrink cycles: a failure is reported quickly instead of after minutes of shrinking long signals. */
    private static final int SHRINK_CYCLES = 10;
    /**
     * Fewest of the 601 frequencies a random point curve leaves smooth enough to check (the corners
     * at its points are not): the worst of the twelve seeded curves here leaves 336.
     */
    private static final int MIN_CHECKED_OF_601 = 300;

    /**
     * User points and the curve {@link LinearPhaseEq#fromPoints} documents for them, written out here:
     * linear in dB against {@code log10(Hz)} between neighbouring points, the first point's level below
     * it (down to 0 Hz), the last one's above it.
     */
    record Points(double[] hz, double[] db) {
        double dbAt(double f) {
            int last = hz.length - 1;
            if (f <= hz[0]) {
                return db[0];
            }
            if (f >= hz[last]) {
                return db[last];
            }
            int i = 0;
            while (f >= hz[i + 1]) {
                i++;
            }
            double t = Math.log(f / hz[i]) / Math.log(hz[i + 1] / hz[i]);
            return db[i] + t * (db[i + 1] - db[i]);
        }

        LinearPhaseEq eq(int length) {
            return LinearPhaseEq.fromPoints(hz, db, length);
        }
    }

    /** A random curve of 2 to 8 points from 20 Hz to 20 kHz, -15 to +15 dB. */
    private static Points randomPoints(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(2, 9);
        double[] hz = new double[n];
        double[] db = new double[n];
        double[] logs = r.doubles(n, Math.log10(20), Math.log10(20_000)).sorted().toArray();
        for (int i = 0; i < n; i++) {
            hz[i] = Math.pow(10, logs[i]) * (1 + 1e-9 * i);
            db[i] = r.nextDouble(-15, 15);
        }
        return new Points(hz, db);
    }

    private static LinearPhaseEq randomPoints(long seed, int length) {
        return randomPoints(seed).eq(length);
    }

    /**
     * The target of a point curve is the documented interpolation of the points: at the points
     * themselves, half-way in log frequency, held flat outside, for a fixed curve whose values are
     * worked out by hand and for random curves against {@link Points#dbAt}.
     */
    @Test
    void pointTargetsInterpolateThePointsLinearlyInDbOverLogFrequency() {
        LinearPhaseEq fixed = LinearPhaseEq.fromPoints(new double[] {100, 1000, 4000}, new double[] {0, 10, -2});
        double[][] expected = { // Hz, dB
            {1, 0}, {50, 0}, {100, 0}, {Math.sqrt(100 * 1000), 5}, {Math.pow(10, 2.25), 2.5}, {1000, 10},
            {2000, 4}, {4000, -2}, {20_000, -2}, {FS / 2, -2}};
        for (double[] e : expected) {
            assertEquals(e[1], fixed.targetDb(e[0], FS), 1e-9, e[0] + " Hz");
        }
        int checked = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Points p = randomPoints(seed);
            LinearPhaseEq eq = p.eq(LinearPhaseEq.MIN_LENGTH);
            for (int i = 0; i < p.hz().length; i++) {
                assertEquals(p.db()[i], eq.targetDb(p.hz()[i], FS), 1e-9, "seed " + seed + ", point " + i);
                checked++;
            }
            for (int k = 0; k <= 200; k++) {
                double hz = 5 * Math.pow(FS / 2 / 5, k / 200.0);
                assertEquals(p.dbAt(hz), eq.targetDb(hz, FS), 1e-9, "seed " + seed + ", " + hz + " Hz");
                checked++;
            }
        }
        assertTrue(checked >= 20 * 203, checked + " values checked");
    }

    @Test
    void tapsAreExactlySymmetric() {
        qt().withFixedSeed(41).withExamples(8).withShrinkCycles(SHRINK_CYCLES)
                .forAll(longs().all(), integers().between(LinearPhaseEq.MIN_LENGTH, LinearPhaseEq.MAX_LENGTH))
                .checkAssert((seed, length) -> {
                    LinearPhaseEq eq = randomPoints(seed, length);
                    double[] t = eq.taps(FS);
                    assertEquals(length % 2 == 0 ? length - 1 : length, t.length);
                    for (int i = 0; i < t.length; i++) {
                        assertEquals(Double.doubleToRawLongBits(t[i]), Double.doubleToRawLongBits(t[t.length - 1 - i]),
                                "tap " + i);
                    }
                });
    }

    /**
     * Random point curves at three lengths (each length enumerated, four curves each): the realised
     * magnitude follows the interpolated points within 0.1 dB wherever they are smooth enough, and
     * most of the 601 frequencies are.
     */
    @ParameterizedTest
    @ValueSource(ints = {4096, 8192, 32768})
    void pointCurvesAreFollowedWithin01DbWhereSmooth(int length) {
        qt().withFixedSeed(42 + length).withExamples(4).withShrinkCycles(SHRINK_CYCLES)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    Points p = randomPoints(seed);
                    LinearPhaseEq eq = p.eq(length);
                    int checked = assertFollowsTarget(eq.frequencyResponse(FS), p::dbAt, eq.length());
                    assertTrue(checked >= MIN_CHECKED_OF_601, "seed " + seed + ": only " + checked
                            + " frequencies were smooth enough to check");
                });
    }

    @Test
    void responseTargetsAreFollowedWithin01DbWhereSmooth() {
        // A 100 Hz high-pass, a +9 dB bell at 2.5 kHz (Q 2) and a -6 dB bell at 60 Hz (Q 4), all RBJ.
        FrequencyResponse target = highPass(100, 0.7071).then(peaking(2500, 9, 2)).then(peaking(60, -6, 4));
        LinearPhaseEq eq = LinearPhaseEq.fromResponse(target, 16_384);
        FrequencyResponse realised = eq.frequencyResponse(FS);
        int checked = assertFollowsTarget(realised, target::magnitudeDb, eq.length());
        assertTrue(checked > 300, "only " + checked + " frequencies were smooth enough to check");
        LinearPhaseEq viaRate = LinearPhaseEq.fromResponses(rate -> target, 16_384);
        assertTrue(Arrays.equals(eq.taps(FS), viaRate.taps(FS)));
        assertThrows(IllegalArgumentException.class, () -> eq.prepare(new ProcessSpec(44_100, 64, 1)));
    }

    @Test
    void bandsAreFollowedLikeTheParametricEqResponse() {
        List<EqBand> bands = List.of(EqBand.of(FilterType.HIGH_PASS, 40, 0.7071, 0),
                EqBand.of(FilterType.PEAKING, 1000, 1.5, -4), EqBand.of(FilterType.HIGH_SHELF, 8000, 0.7071, 3));
        LinearPhaseEq eq = LinearPhaseEq.fromBands(bands, 8192);
        FrequencyResponse parametric = ParametricEq.of(bands).frequencyResponse(FS);
        assertEquals(parametric.magnitudeDb(1000), eq.targetDb(1000, FS), 1e-12);
        int checked = assertFollowsTarget(eq.frequencyResponse(FS), parametric::magnitudeDb, eq.length());
        assertTrue(checked > 300, "only " + checked + " frequencies were smooth enough to check");
    }

    /**
     * Checks the log-spaced frequencies from 5 Hz to fs/2 (601 of them) where {@code targetDb}, the
     * test's own target, meets the smoothness criterion: the realised magnitude within 0.1 dB of it.
     * Returns how many were checked, which every caller bounds from below.
     */
    private static int assertFollowsTarget(FrequencyResponse realised, DoubleUnaryOperator targetDb, int n) {
        double span = 3 * FS / n;
        int checked = 0;
        for (int i = 0; i <= 600; i++) {
            double hz = 5 * Math.pow(FS / 2 / 5, i / 600.0);
            double from = folded(targetDb, hz - span);
            double to = folded(targetDb, hz + span);
            double bend = 0;
            for (double g = hz - span; g <= hz + span; g += FS / (8.0 * n)) {
                double chord = from + (to - from) * (g - hz + span) / (2 * span);
                bend = Math.max(bend, Math.abs(folded(targetDb, g) - chord));
            }
            if (bend < SMOOTH_DB) {
                double error = realised.magnitudeDb(hz) - targetDb.applyAsDouble(hz);
                assertTrue(Math.abs(error) <= 0.1, "N " + n + ", " + hz + " Hz: " + error + " dB off target");
                checked++;
            }
        }
        return checked;
    }

    /** The target as the FIR sees it: even about 0 and about fs/2. */
    private static double folded(DoubleUnaryOperator targetDb, double hz) {
        double f = Math.abs(hz);
        return targetDb.applyAsDouble(f > FS / 2 ? FS - f : f);
    }

    @Test
    void impulseComesOutCentredAtTheLatencyAndMatchesTheAnalyticResponse() {
        for (int length : new int[] {4096, 8192, 65_536}) {
            impulseResponseMatches(randomPoints(length, length));
        }
    }

    private static void impulseResponseMatches(LinearPhaseEq eq) {
        int latency = eq.latencyFrames();
        assertEquals((eq.length() - 1) / 2 + eq.partitionFrames(), latency);
        int frames = latency + eq.length();
        AudioBuffer b = AudioBuffer.allocate(1, frames);
        b.set(0, 0, 1f);
        eq.prepare(new ProcessSpec(FS, 4096, 1));
        for (int s = 0; s < frames; s += 4096) {
            eq.process(b.view(s, Math.min(4096, frames - s)));
        }
        double[] taps = eq.taps(FS);
        int c = (eq.length() - 1) / 2;
        int argMax = 0;
        for (int i = 0; i < frames; i++) {
            int k = i - (latency - c);
            double expected = k >= 0 && k < taps.length ? taps[k] : 0;
            assertEquals(expected, b.get(0, i), 1e-7 + 1e-6 * Math.abs(expected), "frame " + i);
            if (Math.abs(b.get(0, i)) > Math.abs(b.get(0, argMax))) {
                argMax = i;
            }
        }
        assertEquals(latency, argMax);
        FrequencyResponse analytic = eq.frequencyResponse(FS);
        for (int j = 0; j <= 60; j++) {
            double hz = 10 * Math.pow(FS / 2 / 10, j / 60.0);
            double w = 2 * Math.PI * hz / FS;
            double re = 0;
            double im = 0;
            for (int i = 0; i < frames; i++) {
                re += b.get(0, i) * Math.cos(w * i);
                im -= b.get(0, i) * Math.sin(w * i);
            }
            Complex h = analytic.response(hz);
            assertEquals(h.re(), re, 1e-5, hz + " Hz, real part");
            assertEquals(h.im(), im, 1e-5, hz + " Hz, imaginary part");
            assertEquals(latency / FS, analytic.groupDelaySeconds(hz), 0);
        }
    }

    @Test
    void blockSizeDoesNotChangeOutput() {
        LinearPhaseEq eq = randomPoints(3, 4096);
        SplittableRandom r = new SplittableRandom(5);
        AudioBuffer input = AudioBuffer.allocate(2, 20_000);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < input.frames(); i++) {
                input.set(c, i, (float) r.nextDouble(-1, 1));
            }
        }
        AudioBuffer reference = null;
        for (int block : new int[] {1, 7, 64, 4096}) {
            AudioBuffer out = input.copy();
            eq.prepare(new ProcessSpec(FS, block, 2));
            for (int s = 0; s < out.frames(); s += block) {
                eq.process(out.view(s, Math.min(block, out.frames() - s)));
            }
            if (reference == null) {
                reference = out;
            } else {
                assertTrue(reference.sameSamples(out), "blocks of " + block + " differ from blocks of 1");
            }
        }
        AudioBuffer ragged = input.copy();
        eq.prepare(new ProcessSpec(FS, 4096, 2));
        for (int s = 0, block = 1; s < ragged.frames(); s += block) {
            block = Math.min(r.nextInt(1, 4097), ragged.frames() - s);
            eq.process(ragged.view(s, block));
        }
        assertTrue(reference.sameSamples(ragged), "blocks of varying size differ from blocks of 1");
        AudioBuffer again = input.copy();
        eq.reset();
        for (int s = 0; s < again.frames(); s += 4096) {
            eq.process(again.view(s, Math.min(4096, again.frames() - s)));
        }
        assertTrue(reference.sameSamples(again), "output after reset differs");
    }

    @Test
    void misuseIsReported() {
        assertThrows(IllegalArgumentException.class, () -> randomPoints(1, 4095));
        assertThrows(IllegalArgumentException.class, () -> randomPoints(1, 65_537));
        assertThrows(IllegalArgumentException.class,
                () -> LinearPhaseEq.fromPoints(new double[] {100, 50}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearPhaseEq.fromPoints(new double[] {100}, new double[] {0, 1}));
        LinearPhaseEq eq = randomPoints(1, 4096);
        assertThrows(IllegalStateException.class, () -> eq.process(AudioBuffer.allocate(1, 8)));
        eq.prepare(new ProcessSpec(FS, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> eq.process(AudioBuffer.allocate(1, 9)));
        assertThrows(IllegalArgumentException.class, () -> eq.process(AudioBuffer.allocate(2, 8)));
    }

    /** RBJ cookbook peaking EQ, written out here so the test does not depend on other filters. */
    static FrequencyResponse peaking(double hz, double db, double q) {
        double a = Math.pow(10, db / 40);
        double w = 2 * Math.PI * hz / FS;
        double alpha = Math.sin(w) / (2 * q);
        return BiquadCoefficients.of(FS, 1 + alpha * a, -2 * Math.cos(w), 1 - alpha * a,
                1 + alpha / a, -2 * Math.cos(w), 1 - alpha / a);
    }

    /** RBJ cookbook high-pass. */
    static FrequencyResponse highPass(double hz, double q) {
        double w = 2 * Math.PI * hz / FS;
        double alpha = Math.sin(w) / (2 * q);
        double cos = Math.cos(w);
        return BiquadCoefficients.of(FS, (1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }
}
