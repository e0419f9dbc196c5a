package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The N-band crossover: bands sum to flat magnitude (within 0.01 dB) analytically and when an
 * impulse is split and summed, and each processed band follows its analytic response.
 */
class CrossoverTest {
    private static final double[] RATES = {44100, 48000, 96000};
    private static final int[] ORDERS = {2, 4, 8};
    private static final int IMPULSE_FRAMES = 16384;

    /** Random strictly increasing crossover frequencies, log-uniform in [30 Hz, 0.45 fs]. */
    static Crossover randomCrossover(long seed, int bands) {
        SplittableRandom random = new SplittableRandom(seed);
        double fs = RATES[random.nextInt(RATES.length)];
        int order = ORDERS[random.nextInt(ORDERS.length)];
        double[] f = new double[bands - 1];
        do {
            for (int j = 0; j < f.length; j++) {
                f[j] = 30 * Math.pow(0.45 * fs / 30, random.nextDouble());
            }
            Arrays.sort(f);
        } while (!strictlyIncreasing(f));
        return Crossover.of(fs, order, f);
    }

    private static boolean strictlyIncreasing(double[] f) {
        for (int j = 1; j < f.length; j++) {
            if (!(f[j] > f[j - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Probe frequencies: log-spaced from 10 Hz to 0.45 fs, plus the crossover frequencies. */
    private static double[] probes(Crossover x, int count) {
        double fs = x.sampleRate();
        double[] p = Arrays.copyOf(x.frequencies(), x.bands() - 1 + count);
        for (int i = 0; i < count; i++) {
            p[x.bands() - 1 + i] = 10 * Math.pow(0.45 * fs / 10, i / (count - 1.0));
        }
        return p;
    }

    @Test
    void analyticBandsSumToFlatMagnitude() {
        qt().withFixedSeed(41L).withExamples(300)
                .forAll(integers().between(2, 6), integers().allPositive())
                .checkAssert((bands, seed) -> {
                    Crossover x = randomCrossover(seed, bands);
                    for (int k = 0; k < bands; k++) {
                        assertTrue(x.band(k).isStable(), x + " band " + k);
                    }
                    for (double f : probes(x, 200)) {
                        assertEquals(0, x.sum().magnitudeDb(f), 0.01, x + " at " + f + " Hz");
                        // In fact exact to rounding:
                        assertEquals(0, x.sum().response(f).minus(x.allPass().response(f)).abs(), 1e-9, x + " at " + f);
                    }
                });
    }

    @Test
    void splitImpulseSumsToFlatMagnitudeAndBandsFollowTheirResponses() {
        qt().withFixedSeed(42L).withExamples(40)
                .forAll(integers().between(2, 6), integers().allPositive())
                .checkAssert((bands, seed) -> {
                    Crossover x = randomCrossover(seed, bands);
                    int channels = 2;
                    AudioBuffer input = AudioBuffer.allocate(channels, IMPULSE_FRAMES);
                    input.set(0, 0, 1f);
                    input.set(1, 0, -0.5f);
                    AudioBuffer[] out = new AudioBuffer[bands];
                    for (int k = 0; k < bands; k++) {
                        out[k] = AudioBuffer.allocate(channels, IMPULSE_FRAMES);
                    }
                    splitInRandomBlocks(x.splitter(channels), input, out, new SplittableRandom(seed));
                    double[] probes = probes(x, 60);
                    for (int c = 0; c < channels; c++) {
                        double scale = c == 0 ? 1 : 0.5;
                        double[] sum = new double[IMPULSE_FRAMES];
                        for (AudioBuffer b : out) {
                            for (int i = 0; i < IMPULSE_FRAMES; i++) {
                                sum[i] += b.get(c, i);
                            }
                        }
                        for (double f : probes) {
                            double db = CookbookTesting.dft(sum, f, x.sampleRate()).abs() / scale;
                            assertEquals(0, 20 * Math.log10(db), 0.01, x + " channel " + c + " at " + f + " Hz");
                        }
                    }
                    for (int k = 0; k < bands; k++) {
                        double[] h = new double[IMPULSE_FRAMES];
                        for (int i = 0; i < IMPULSE_FRAMES; i++) {
                            h[i] = out[k].get(0, i);
                        }
                        for (double f : probes) {
                            double expected = x.band(k).magnitudeDb(f);
                            if (expected > -60) {
                                double measured = CookbookTesting.dft(h, f, x.sampleRate()).magnitudeDb();
                                assertEquals(expected, measured, 0.01, x + " band " + k + " at " + f + " Hz");
                            }
                        }
                    }
                });
    }

    private static void splitInRandomBlocks(CrossoverSplitter s, AudioBuffer input, AudioBuffer[] out, SplittableRandom r) {
        AudioBuffer[] views = new AudioBuffer[out.length];
        for (int start = 0; start < input.frames(); ) {
            int n = Math.min(input.frames() - start, 1 + r.nextInt(700));
            for (int k = 0; k < out.length; k++) {
                views[k] = out[k].view(start, n);
            }
            s.split(input.view(start, n), views);
            start += n;
        }
    }

    @Test
    void resetClearsTheState() {
        Crossover x = Crossover.of(48000, 4, 200, 2000);
        CrossoverSplitter s = x.splitter(1);
        AudioBuffer in = AudioBuffer.allocate(1, 512);
        in.set(0, 0, 1f);
        AudioBuffer[] a = {AudioBuffer.allocate(1, 512), AudioBuffer.allocate(1, 512), AudioBuffer.allocate(1, 512)};
        AudioBuffer[] b = {AudioBuffer.allocate(1, 512), AudioBuffer.allocate(1, 512), AudioBuffer.allocate(1, 512)};
        s.split(in, a);
        s.reset();
        s.split(in, b);
        for (int k = 0; k < 3; k++) {
            assertTrue(a[k].sameSamples(b[k]), "band " + k);
        }
    }

    @Test
    void badDesignsAreRejected() {
        assertEquals("crossover frequency 100 is out of range (100, 24000): crossover frequencies must be strictly increasing",
                assertThrows(IllegalArgumentException.class, () -> Crossover.of(48000, 4, 100, 100)).getMessage());
        assertEquals("bands 7 is out of range [2, 6]",
                assertThrows(IllegalArgumentException.class, () -> Crossover.of(48000, 4, 1, 2, 3, 4, 5, 6)).getMessage());
        assertEquals("bands 1 is out of range [2, 6]",
                assertThrows(IllegalArgumentException.class, () -> Crossover.of(48000, 4)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Crossover.of(48000, 6, 1000));
        assertThrows(IllegalArgumentException.class, () -> Crossover.of(48000, 4, 30000));
    }
}
