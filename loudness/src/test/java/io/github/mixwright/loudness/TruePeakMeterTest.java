package io.github.mixwright.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.filters.KaiserWindow;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * True peak (BS.1770-4 Annex 2) against the EBU Tech 3341 true-peak cases 15 to 23 and against
 * signals whose values between samples are known exactly: a sine's true peak is its amplitude, a 4x
 * grid reads it at most {@code cos(pi f / (L fs))} low, and a sum of sines under a Hann envelope reads
 * its exact maximum over the meter's grid within the interpolator's documented flatness. None of the
 * references uses the meter's own coefficients.
 */
class TruePeakMeterTest {
    /** Tech 3341 true-peak tolerance: +0.2 / -0.4 dB. */
    private static final double ABOVE = 0.2;
    private static final double BELOW = 0.4;
    /** Shrinking a seed only draws other signals: a failure is reported at once instead. */
    private static final int SHRINK_CYCLES = 1;

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
     * Any sine up to 0.45 fs, any phase, at every rate class (enumerated, 30 random sines each): the
     * reading lies between the grid's worst case {@code A cos(pi f / (L fs))} and {@code A}, within the
     * interpolator's 0.05 dB passband ripple.
     */
    @ParameterizedTest
    @ValueSource(doubles = {44_100, 48_000, 88_200, 96_000, 192_000})
    void sinesReadTheirAmplitudeWithinTheGridLoss(double rate) {
        qt().withFixedSeed(41L + (long) rate).withExamples(30).withShrinkCycles(SHRINK_CYCLES)
                .forAll(doubles().between(0.001, 0.45), doubles().between(0, 360))
                .checkAssert((relative, phase) -> {
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
     * How far the meter may read from the exact value of a sine at one of its grid positions, as a
     * fraction of the sine's amplitude, up to {@value #FLAT_BAND} fs. The meter documents every output
     * position flat within 0.025 dB there, a gain error of {@code 10^(0.025/20) - 1 = 0.0029}. Its
     * half-sample values are exactly in phase (a symmetric filter centred on the position); the
     * quarter positions mix samples and half-sample values, whose gains differ by that same error at
     * most, so their phase error is bounded by it as well: in all, twice the gain error.
     */
    private static final double GRID_ERROR = 2 * (Math.pow(10, 0.025 / 20) - 1);
    /** Upper edge of the band where {@link #GRID_ERROR} holds, as a fraction of the rate. */
    private static final double FLAT_BAND = 0.4;

    /** A sum of sines under a Hann envelope, known exactly between its samples. */
    record Burst(double start, double length, double[] hz, double[] amplitude, double[] phase) {
        /** The signal at {@code t} samples (fractional), exactly. */
        double at(double t, double rate) {
            double u = (t - start) / length;
            if (u <= 0 || u >= 1) {
                return 0;
            }
            double env = Math.sin(Math.PI * u) * Math.sin(Math.PI * u);
            double sum = 0;
            for (int k = 0; k < hz.length; k++) {
                sum += amplitude[k] * Math.sin(2 * Math.PI * hz[k] * t / rate + phase[k]);
            }
            return env * sum;
        }

        double amplitudeSum() {
            double s = 0;
            for (double a : amplitude) {
                s += a;
            }
            return s;
        }
    }

    /**
     * Two bursts of one to four sines each, below {@value #FLAT_BAND} fs less the envelope's width, at
     * random levels, apart or overlapping: a quieter burst after a louder one is what the meter's
     * skipping shortcut skips when its samples cannot beat the peak found so far.
     */
    private static Burst[] randomBursts(Random r, double rate) {
        Burst[] bursts = new Burst[2];
        double start = r.nextInt(200);
        for (int b = 0; b < 2; b++) {
            int k = 1 + r.nextInt(4);
            double[] hz = new double[k];
            double[] amplitude = new double[k];
            double[] phase = new double[k];
            double length = rate * (0.02 + 0.05 * r.nextDouble());
            double level = Math.pow(10, -r.nextDouble());
            for (int i = 0; i < k; i++) {
                // The envelope spreads each line by 2 / length (its main lobe), kept inside the flat band.
                hz[i] = 20 + r.nextDouble() * (FLAT_BAND * rate - 20 - 2 * rate / length);
                amplitude[i] = level * r.nextDouble() / k;
                phase[i] = r.nextDouble() * 2 * Math.PI;
            }
            bursts[b] = new Burst(start, length, hz, amplitude, phase);
            start += length * (0.5 + r.nextDouble());
        }
        return bursts;
    }

    /** The bursts sampled, with room after them for the meter's ringing. */
    private static float[] sampled(Burst[] bursts, double rate) {
        double end = 0;
        for (Burst b : bursts) {
            end = Math.max(end, b.start() + b.length());
        }
        float[] x = new float[(int) Math.ceil(end) + 64];
        for (int n = 0; n < x.length; n++) {
            double v = 0;
            for (Burst b : bursts) {
                v += b.at(n, rate);
            }
            x[n] = (float) v;
        }
        return x;
    }

    /**
     * The exact largest magnitude of the bursts on an {@code L}-times grid ({@code t = n + j / L}):
     * what an ideal interpolator reads there. An independent oracle: the signal's own formula, no
     * interpolation filter.
     */
    private static double exactGridPeak(Burst[] bursts, double rate, int factor, int frames) {
        double peak = 0;
        for (int n = 0; n < frames; n++) {
            for (int j = 0; j < factor; j++) {
                double t = n + (double) j / factor;
                double v = 0;
                for (Burst b : bursts) {
                    v += b.at(t, rate);
                }
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    private static double largestWhenFedInRandomBlocks(float[] x, double rate, Random r) {
        TruePeakMeter m = new TruePeakMeter(rate, 1);
        AudioBuffer whole = AudioBuffer.wrap(new float[][] {x});
        for (int at = 0; at < x.length; ) {
            int len = Math.min(x.length - at, r.nextInt(3000));
            m.accept(whole.view(at, len));
            at += len;
        }
        return m.truePeak();
    }

    /**
     * Band-limited signals whose value between samples is known exactly, at every rate class
     * (enumerated, 25 signals each), cut into random blocks: the meter reads the exact maximum over its
     * own grid (4x, 2x, or the samples above 192 kHz) within {@link #GRID_ERROR} times the amplitudes
     * that can add up at one position, so neither the interpolator, nor block edges, nor the skipping
     * shortcut, nor the pending tail lose or invent a peak; and it is never below the sample peak.
     */
    @ParameterizedTest
    @ValueSource(doubles = {44_100, 48_000, 88_200, 96_000, 192_000, 384_000})
    void readsTheExactGridPeakOfBandLimitedSignals(double rate) {
        int factor = TruePeakMeter.factorFor(rate);
        qt().withFixedSeed(42L + (long) rate).withExamples(25).withShrinkCycles(SHRINK_CYCLES)
                .forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Burst[] bursts = randomBursts(r, rate);
            float[] x = sampled(bursts, rate);
            double read = largestWhenFedInRandomBlocks(x, rate, r);
            double exact = exactGridPeak(bursts, rate, factor, x.length);
            double allowed = GRID_ERROR * (bursts[0].amplitudeSum() + bursts[1].amplitudeSum()) + 1e-6;
            if (factor == 1) {
                allowed = 1e-6;   // no interpolation: the samples, rounded to float
            }
            assertEquals(exact, read, allowed, "seed " + seed + ": exact grid peak " + exact + ", read " + read);
            double samplePeak = 0;
            for (float v : x) {
                samplePeak = Math.max(samplePeak, Math.abs(v));
            }
            assertTrue(read >= samplePeak, "below the sample peak");
        });
    }

    /**
     * The skipping shortcut, head on: a 1 kHz tone at 0.8 sets the peak; then the fs/4 sine at 45
     * degrees, amplitude 1, whose samples (0.707) are all below 0.8 but whose peak, 1, lies half-way
     * between them, on the meter's grid. The second run must be interpolated although its samples
     * cannot beat the peak.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 100, 1024, 4096})
    void aQuieterRunWithAHigherPeakBetweenSamplesIsNotSkipped(int block) {
        double rate = 48_000;
        AudioBuffer tone = sine(rate, 1000, 0, 0.8, 0.1);
        AudioBuffer quarter = sine(rate, rate / 4, 45, 1, 0.1);
        int n = tone.frames();
        float[][] x = new float[1][2 * n];
        System.arraycopy(tone.channel(0), 0, x[0], 0, n);
        System.arraycopy(quarter.channel(0), 0, x[0], n, n);
        double read = measure(rate, AudioBuffer.wrap(x), block).truePeak();
        assertEquals(1, read, GRID_ERROR * 1 + 1e-6, "blocks of " + block);
    }

    /** Random cuts into blocks give the reading of the whole signal in one block, bit for bit. */
    @Test
    void blockSizeDoesNotChangeTheReading() {
        Random r = new Random(9);
        for (double rate : new double[] {48_000, 96_000}) {
            float[] x = sampled(randomBursts(r, rate), rate);
            double whole = measure(rate, AudioBuffer.wrap(new float[][] {x}), x.length).truePeak();
            for (int k = 0; k < 10; k++) {
                assertEquals(whole, largestWhenFedInRandomBlocks(x, rate, r), 0, "rate " + rate + ", cut " + k);
            }
        }
    }

    /**
     * A full-scale alternating pair at the very end is still seen, with its ringing between and after
     * the last samples (an ideal reconstruction overshoots there by 0.67 dB); and a query in the middle
     * of the stream does not change what the meter reads at its end.
     */
    @Test
    void lastSamplesAreNotMissedAndQueriesLeaveNoTrace() {
        float[][] x = new float[1][1000];
        x[0][999] = 1;
        x[0][998] = -1;
        x[0][500] = 0.9f;
        x[0][501] = -0.9f;
        TruePeakMeter m = measure(48_000, AudioBuffer.wrap(x), 1000);
        assertTrue(m.truePeakDbtp() > 0.5, "alternating full-scale pair overshoots: " + m.truePeakDbtp());
        TruePeakMeter queried = new TruePeakMeter(48_000, 1);
        AudioBuffer b = AudioBuffer.wrap(x);
        queried.accept(b.view(0, 502));
        double early = queried.truePeak();
        queried.accept(b.view(502, 498));
        assertTrue(early > 0.9 && early < m.truePeak(), "the peak pending at 502 frames is seen then: " + early);
        assertEquals(m.truePeak(), queried.truePeak(), 0, "a query in the middle changes nothing");
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
