package io.github.mixwright.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.filters.KaiserWindow;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * True peak (BS.1770-4 Annex 2) against the EBU Tech 3341 true-peak cases 15 to 23 and against the
 * analytic peak of sines: a sine's true peak is its amplitude; a 4x grid reads it at most
 * {@code cos(pi f / (L fs))} low.
 */
class TruePeakMeterTest {
    /** Tech 3341 true-peak tolerance: +0.2 / -0.4 dB. */
    private static final double ABOVE = 0.2;
    private static final double BELOW = 0.4;

    private static void assertWithinSpec(double expectedDb, double actualDb, String what) {
        assertTrue(actualDb <= expectedDb + ABOVE && actualDb >= expectedDb - BELOW,
                what + ": " + actualDb + " dBTP, expected " + expectedDb + " +" + ABOVE + "/-" + BELOW);
    }

    /**
     * A stereo sine {@code amplitude sin(2 pi f n / fs + phase)} faded in and out over 20 ms (raised
     * cosine): an abrupt start is not a sine, and its band-limited reconstruction overshoots.
     */
    private static AudioBuffer sine(double rate, double hz, double phaseDegrees, double amplitude, double seconds) {
        int n = (int) Math.round(seconds * rate);
        int fade = (int) Math.round(0.02 * rate);
        float[][] x = new float[2][n];
        double phase = Math.toRadians(phaseDegrees);
        for (int i = 0; i < n; i++) {
            int edge = Math.min(i, n - 1 - i);
            double env = edge < fade ? 0.5 - 0.5 * Math.cos(Math.PI * edge / fade) : 1;
            x[0][i] = (float) (env * amplitude * Math.sin(2 * Math.PI * hz * i / rate + phase));
            x[1][i] = x[0][i];
        }
        return AudioBuffer.wrap(x);
    }

    private static TruePeakMeter measure(double rate, AudioBuffer x, int block) {
        TruePeakMeter m = new TruePeakMeter(rate, x.channels());
        for (int at = 0; at < x.frames(); at += block) {
            m.accept(x.view(at, Math.min(block, x.frames() - at)));
        }
        return m;
    }

    /**
     * Tech 3341 cases 15 to 19: sines at fs/4, fs/6 and fs/8 whose peaks fall between samples, at every
     * rate class (4x below 96 kHz, 2x up to 192 kHz). The peak lies on the oversampled grid, so the
     * exact value -6.02 (or +2.98) dB is read within 0.02 dB.
     */
    @ParameterizedTest
    @ValueSource(doubles = {44_100, 48_000, 96_000, 192_000})
    void tech3341Cases15To19(double rate) {
        double[][] cases = { // divisor of fs, phase in degrees, amplitude, Tech 3341 expectation
            {4, 0, 0.5, -6}, {4, 45, 0.5, -6}, {6, 60, 0.5, -6}, {8, 67.5, 0.5, -6}, {4, 45, 1.41, 3}};
        for (int k = 0; k < cases.length; k++) {
            double[] c = cases[k];
            TruePeakMeter m = measure(rate, sine(rate, rate / c[0], c[1], c[2], 1), 4096);
            String what = "case " + (15 + k) + " at " + rate;
            assertWithinSpec(c[3], m.truePeakDbtp(), what);
            assertEquals(20 * Math.log10(c[2]), m.truePeakDbtp(), 0.02, what);
            assertEquals(m.truePeak(0), m.truePeak(1), 0, what);
        }
    }

    /**
     * Tech 3341 cases 20 to 23: a 0 dBTP band-limited pulse whose peak sits at sample offset 0, 1/4,
     * 2/4 and 3/4. The pulse is {@code sinc(b (t - t0))}, flat to {@code b/2} fs with {@code b/2} 0.4 fs
     * or 19.2 kHz, whichever is lower, under a wide Kaiser window, so its continuous peak is exactly 1
     * at {@code t0}. On the 4x grid the peak is read exactly; at 96 kHz (2x) offsets 1/4 and 3/4 fall
     * between the grid points.
     */
    @ParameterizedTest
    @ValueSource(doubles = {44_100, 48_000, 96_000})
    void tech3341Cases20To23InterSamplePulses(double rate) {
        double b = Math.min(0.8, 2 * 19_200 / rate);
        for (int offset = 0; offset < 4; offset++) {
            double t0 = 2000 + offset / 4.0;
            float[][] x = new float[2][4000];
            for (int i = 0; i < x[0].length; i++) {
                double t = i - t0;
                double window = KaiserWindow.value(t, 400, 8);
                double s = t == 0 ? 1 : Math.sin(b * Math.PI * t) / (b * Math.PI * t);
                x[0][i] = (float) (s * window);
                x[1][i] = (float) (-s * window);
            }
            TruePeakMeter m = measure(rate, AudioBuffer.wrap(x), 1000);
            String what = "case " + (20 + offset) + " at " + rate;
            assertWithinSpec(0, m.truePeakDbtp(), what);
            if (TruePeakMeter.factorFor(rate) == 4) {
                assertEquals(0, m.truePeakDbtp(), 0.02, what + " (the peak is on the 4x grid)");
            }
            if (offset == 2) {
                double samplePeakDb = 20 * Math.log10(Math.sin(b / 2 * Math.PI) / (b / 2 * Math.PI));
                assertTrue(samplePeakDb < -0.5, "the samples miss the peak by " + samplePeakDb);
            }
        }
    }

    /**
     * Any sine up to 0.45 fs, any phase, any rate class: the reading lies between the grid's worst
     * case {@code A cos(pi f / (L fs))} and {@code A}, within the interpolator's 0.05 dB passband ripple.
     */
    @Test
    void sinesReadTheirAmplitudeWithinTheGridLoss() {
        qt().withFixedSeed(41L).withExamples(150)
                .forAll(integers().between(0, 4), doubles().between(0.001, 0.45), doubles().between(0, 360))
                .checkAssert((rateIndex, relative, phase) -> {
                    double rate = new double[] {44_100, 48_000, 88_200, 96_000, 192_000}[rateIndex];
                    double hz = relative * rate;
                    int factor = TruePeakMeter.factorFor(rate);
                    TruePeakMeter m = measure(rate, sine(rate, hz, phase, 0.5, 0.2), 777);
                    double amplitudeDb = 20 * Math.log10(0.5);
                    double gridLossDb = 20 * Math.log10(Math.cos(Math.PI * relative / factor));
                    double read = m.truePeakDbtp();
                    String what = hz + " Hz at " + rate + ", phase " + phase + ": " + read;
                    assertTrue(read <= amplitudeDb + 0.05, what);
                    assertTrue(read >= amplitudeDb + gridLossDb - 0.05, what);
                });
    }

    /** The passband of every output position: within 0.025 dB of unity up to 0.4 fs, 0.04 dB up to 0.45 fs. */
    @Test
    void interpolatorPassbandIsFlat() {
        for (double rate : new double[] {48_000, 96_000}) {
            TruePeakMeter m = new TruePeakMeter(rate, 1);
            for (int k = 1; k < m.factor(); k++) {
                for (double rel = 0; rel <= 0.45; rel += 0.0025) {
                    double db = 20 * Math.log10(m.phaseMagnitude(k, rel * rate));
                    assertEquals(0, db, rel <= 0.4 ? 0.025 : 0.04, "phase " + k + " at " + rel + " fs, rate " + rate);
                }
            }
        }
    }

    /**
     * A brute-force reference in double precision, straight from the definition: the half-way values
     * {@code h[n]} from the first stage's pairs over the zero-padded signal, then (at 4x) the quarter
     * values from the second stage's pairs over the interleaved sequence; no chunks, no shortcut.
     */
    private static double referencePeak(float[] x, int factor) {
        float[] g = TruePeakMeter.halfSamplePairs();
        float[] q = TruePeakMeter.quarterSamplePairs();
        int pad = 64;
        int len = x.length + 2 * pad;
        double[] z = new double[2 * len];
        for (int n = 0; n < x.length; n++) {
            z[2 * (n + pad)] = x[n];
        }
        for (int n = 0; n < len; n++) {
            double h = 0;
            for (int j = 0; j < g.length; j++) {
                h += g[j] * (at(z, 2 * (n - j)) + at(z, 2 * (n + 1 + j)));
            }
            z[2 * n + 1] = h;
        }
        double peak = 0;
        for (double v : z) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (factor == 4) {
            for (int m = 0; m < 2 * len; m++) {
                double v = 0;
                for (int j = 0; j < q.length; j++) {
                    v += q[j] * (at(z, m - j) + at(z, m + 1 + j));
                }
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return factor == 1 ? Math.abs(max(x)) : peak;
    }

    private static double at(double[] z, int i) {
        return i >= 0 && i < z.length ? z[i] : 0;
    }

    private static double max(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Random signals (noise bursts, clipped squares, impulses) cut into random blocks: the meter equals
     * the brute-force reference to float rounding, so neither the skipping shortcut nor block edges nor
     * the pending tail lose a peak; and it is never below the sample peak.
     */
    @Test
    void matchesBruteForceAtAnyBlockSize() {
        qt().withFixedSeed(42L).withExamples(60)
                .forAll(integers().between(0, Integer.MAX_VALUE), integers().between(0, 2))
                .checkAssert((seed, rateIndex) -> {
                    double rate = new double[] {48_000, 96_000, 384_000}[rateIndex];
                    Random r = new Random(seed);
                    int n = 1 + r.nextInt(5000);
                    float[] x = new float[n];
                    int kind = r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        double v = kind == 0 ? r.nextGaussian() * 0.2 * (1 + Math.sin(i / 300.0))
                                : kind == 1 ? Math.signum(Math.sin(i * 0.37)) * 0.9
                                : (r.nextInt(200) == 0 ? (r.nextBoolean() ? 1 : -1) * r.nextDouble() : 0);
                        x[i] = (float) v;
                    }
                    TruePeakMeter m = new TruePeakMeter(rate, 1);
                    int at = 0;
                    while (at < n) {
                        int len = Math.min(n - at, r.nextInt(3000));
                        m.accept(AudioBuffer.wrap(new float[][] {x}).view(at, len));
                        at += len;
                    }
                    double expected = referencePeak(x, m.factor());
                    assertEquals(expected, m.truePeak(), 1e-5 * expected, "kind " + kind + ", " + n + " samples");
                    double samplePeak = 0;
                    for (float v : x) {
                        samplePeak = Math.max(samplePeak, Math.abs(v));
                    }
                    assertTrue(m.truePeak() >= samplePeak);
                });
    }

    /** A full-scale impulse at the very end is still seen, with its ringing between the last samples. */
    @Test
    void lastSamplesAreNotMissed() {
        float[][] x = new float[1][1000];
        x[0][999] = 1;
        x[0][998] = -1;
        TruePeakMeter m = measure(48_000, AudioBuffer.wrap(x), 1000);
        assertTrue(m.truePeakDbtp() > 0.5, "alternating full-scale pair overshoots: " + m.truePeakDbtp());
        assertEquals(m.truePeak(), m.truePeak(), 0, "queries do not change the state");
    }

    @Test
    void factorsFollowTheRateClasses() {
        assertEquals(4, TruePeakMeter.factorFor(44_100));
        assertEquals(4, TruePeakMeter.factorFor(88_200));
        assertEquals(2, TruePeakMeter.factorFor(96_000));
        assertEquals(2, TruePeakMeter.factorFor(192_000));
        assertEquals(1, TruePeakMeter.factorFor(384_000));
    }

    @Test
    void silenceAndNonFiniteSamples() {
        TruePeakMeter m = new TruePeakMeter(48_000, 2);
        assertEquals(Double.NEGATIVE_INFINITY, m.truePeakDbtp());
        float[][] x = new float[2][100];
        x[0][10] = Float.NaN;
        x[1][20] = Float.POSITIVE_INFINITY;
        x[1][50] = 0.25f;
        m.accept(AudioBuffer.wrap(x));
        assertTrue(Double.isFinite(m.truePeakDbtp()));
        assertTrue(m.truePeak() < 0.3);
        assertEquals(0, m.truePeak(0));
        m.reset();
        assertEquals(0, m.truePeak());
    }

    @Test
    void rejectsMisuse() {
        assertEquals("sampleRate 1000 is out of range [8000, 768000]",
                assertThrows(IllegalArgumentException.class, () -> new TruePeakMeter(1000, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TruePeakMeter(48_000, 0));
        TruePeakMeter m = new TruePeakMeter(48_000, 2);
        assertThrows(IllegalArgumentException.class, () -> m.accept(AudioBuffer.allocate(1, 10)));
        assertThrows(IndexOutOfBoundsException.class, () -> m.truePeak(2));
    }
}
