package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.Oversampler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The limiter's peak detector against its documented designs, accuracy and timing. */
class TruePeakLimiterDetectorTest {
    /** Largest deviation from unit gain of a midpoint interpolator's response up to {@code edge} (of its input rate). */
    private static double rippleUpTo(float[] pairs, double edge) {
        double worst = 0;
        for (int k = 0; k <= 4000; k++) {
            double w = 2 * Math.PI * edge * k / 4000;
            double h = 0;
            for (int t = 0; t < pairs.length; t++) {
                h += 2 * pairs[t] * Math.cos(w * (t + 0.5));
            }
            worst = Math.max(worst, Math.abs(h - 1));
        }
        return worst;
    }

    @Test
    void theStagesMeetTheirDocumentedFlatness() {
        float[][] stages = TruePeakDetector.stages();
        assertTrue(rippleUpTo(stages[0], 0.45) < 2e-5, "steep first stage to 0.45 fs");
        assertTrue(rippleUpTo(stages[1], 0.40) < 0.005, "short first stage to 0.4 fs");
        // The later stages run at 2 fs and 4 fs: 0.5 fs is a quarter and an eighth of their rates.
        assertTrue(rippleUpTo(stages[2], 0.25) < 1e-4, "stage 2 to 0.5 fs");
        assertTrue(rippleUpTo(stages[3], 0.125) < 1e-4, "stage 3 to 0.5 fs");
        assertEquals(33, TruePeakDetector.STEEP_PAIRS);
        assertEquals(37, TruePeakDetector.LATENCY);
    }

    /** The steep stage is the oversampler's: upsampled by 2 through both, a signal gives the same midpoints. */
    @Test
    void theSteepStageIsTheOversamplersFirstStage() {
        Oversampler up = new Oversampler(2);
        int n = 400;
        up.prepare(new ProcessSpec(48_000, n, 1));
        AudioBuffer x = AudioBuffer.allocate(1, n);
        for (int i = 0; i < 200; i++) {
            x.set(0, i, (float) Math.sin(0.37 * i * i / 50.0));
        }
        AudioBuffer high = AudioBuffer.allocate(1, 2 * n);
        up.upsample(x, high);
        float[] g = TruePeakDetector.stages()[0];
        int delay = 2 * up.upsampleLatencyFrames();
        for (int a = 40; a < 160; a++) {
            double mid = 0;
            for (int t = 0; t < g.length; t++) {
                mid += g[t] * ((a - t >= 0 ? x.get(0, a - t) : 0) + x.get(0, a + 1 + t));
            }
            assertEquals(high.get(0, 2 * a + 1 + delay), mid, 1e-5, "midpoint after " + a);
        }
    }

    /**
     * The Hann reconstruction as pairs reproduces libebur128's 49-tap filter taken directly:
     * {@code sinc(m / F) (1 - cos(2 pi j / 48)) / 2}, {@code m = j - 24}, the output at phase {@code f} being
     * {@code sum_j c_j x[n - floor(j / F)]} over {@code j = f (mod F)}.
     */
    @Test
    void theHannPairsAreLibebur128sFilter() {
        for (double rate : new double[] {48_000, 96_000}) {
            int factor = rate < 96_000 ? 4 : 2;
            float[][] h = TruePeakDetector.hannPairs(rate);
            double[] x = new double[40];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.sin(1.3 * i) + 0.5 * Math.cos(0.4 * i * i);
            }
            int n = 30;
            for (int f = 1; f < factor; f++) {
                double direct = 0;
                for (int j = f; j < 49; j += factor) {
                    double m = j - 24;
                    double c = Math.sin(m * Math.PI / factor) / (m * Math.PI / factor) * 0.5 * (1 - Math.cos(2 * Math.PI * j / 48));
                    direct += c * x[n - j / factor];
                }
                // Output phase f at n sits f / F past sample n - 24 / F.
                int m = n - 24 / factor;
                double pairs;
                if (factor == 2 || f == 2) {
                    pairs = 0;
                    for (int j = 1; j <= h[0].length; j++) {
                        pairs += h[0][j - 1] * (x[m + j] + x[m + 1 - j]);
                    }
                } else {
                    double sym = 0;
                    double anti = 0;
                    for (int j = 1; j <= h[1].length; j++) {
                        sym += h[1][j - 1] * (x[m + j] + x[m + 1 - j]);
                        anti += h[2][j - 1] * (x[m + j] - x[m + 1 - j]);
                    }
                    pairs = f == 1 ? sym + anti : sym - anti;
                }
                assertEquals(direct, pairs, 1e-5, rate + " Hz, phase " + f);
            }
        }
        assertEquals(0, TruePeakDetector.hannPairs(192_000)[0].length);
    }

    /** Peak reported for each sample of a steady sine, largest over a stretch, in dB relative to its amplitude. */
    private static double sineReadingDb(double cycles, double phase, double rate) {
        TruePeakDetector d = new TruePeakDetector(1, rate);
        float[] x = new float[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * cycles * i + phase);
        }
        float[] peaks = new float[TruePeakDetector.CHUNK];
        double most = 0;
        for (int at = 0; at < x.length; at += TruePeakDetector.CHUNK) {
            d.detect(0, x, at, TruePeakDetector.CHUNK, peaks);
            if (at >= 1024 && at < 3072) {
                for (double p : peaks) {
                    most = Math.max(most, p);
                }
            }
        }
        return 20 * Math.log10(most);
    }

    /**
     * A steady sine up to 0.45 fs reads its amplitude within 0.005 dB below (the refinement) and the short
     * and Hann reconstructions' ripple above; up to Nyquist, never more than 0.005 dB low.
     */
    @Test
    void steadySinesReadTheirAmplitude() {
        qt().withFixedSeed(21L).withExamples(200)
                .forAll(doubles().between(0.001, 0.499), doubles().between(0, 2 * Math.PI), integers().between(0, 1))
                .checkAssert((cycles, phase, high) -> {
                    double db = sineReadingDb(cycles, phase, high == 1 ? 96_000 : 48_000);
                    assertTrue(db >= -0.005, () -> cycles + " cycles per sample read " + db + " dB");
                    if (cycles <= 0.45) {
                        assertTrue(db <= 0.12, () -> cycles + " cycles per sample read " + db + " dB");
                    }
                });
    }

    @Test
    void valuesComeOutLatencySamplesLate() {
        TruePeakDetector d = new TruePeakDetector(2, 44_100);
        float[] x = new float[600];
        x[100] = 0.75f;
        float[] peaks = new float[TruePeakDetector.CHUNK];
        float[] all = new float[x.length];
        for (int at = 0; at < x.length; at += 100) {
            d.detect(1, x, at, 100, peaks);
            System.arraycopy(peaks, 0, all, at, 100);
        }
        int loudest = 0;
        for (int i = 0; i < all.length; i++) {
            loudest = all[i] > all[loudest] ? i : loudest;
        }
        assertEquals(100 + TruePeakDetector.LATENCY, loudest);
        assertEquals(0.75, all[loudest], 1e-7);
        // The reconstructions ring before and after the impulse, REACH samples at most.
        for (int i = 0; i < all.length; i++) {
            int distance = Math.abs(i - loudest);
            if (distance > TruePeakDetector.REACH + 1) {
                assertEquals(0, all[i], "sample " + i);
            }
        }
    }

    @Test
    void contentCannotPoisonTheDetector() {
        TruePeakDetector d = new TruePeakDetector(1, 48_000);
        float[] x = new float[512];
        x[10] = Float.NaN;
        x[20] = Float.POSITIVE_INFINITY;
        x[30] = -Float.MAX_VALUE;
        float[] peaks = new float[256];
        d.detect(0, x, 0, 256, peaks);
        for (double p : peaks) {
            assertTrue(Double.isFinite(p) && p >= 0);
        }
        d.detect(0, x, 256, 256, peaks);
        for (int i = 0; i < 256; i++) {
            assertTrue(Double.isFinite(peaks[i]));
            if (i > 100) {
                assertEquals(0, peaks[i], "sample " + (256 + i));
            }
        }
        d.reset();
        float[] quiet = new float[256];
        d.detect(0, quiet, 0, 256, peaks);
        for (double p : peaks) {
            assertEquals(0, p);
        }
    }

    /**
     * The refinement of one grid value against the parabola through it and its neighbours, written here in
     * double: at a strict local maximum of the magnitudes, the vertex {@code m + (a - c)^2 / (8 (2m - a - c))};
     * where a neighbour is larger (by more than the documented tie tolerance, {@code m / 2^20}), the
     * magnitude itself. Values from 1e-20 to 1e29, either sign (below, the quotient is kept defined by a
     * term of about 1e-38, which no audio reaches).
     */
    @Test
    void theRefinementIsTheParabolasVertexAtMaximaAndTheMagnitudeElsewhere() {
        qt().withFixedSeed(31L).withExamples(20_000)
                .forAll(doubles().between(-1, 1), doubles().between(-1, 1), doubles().between(-1, 1),
                        integers().between(-20, 29))
                .checkAssert((x, y, z, exponent) -> {
                    float scale = (float) Math.pow(10, exponent);
                    float before = (float) (double) x * scale;
                    float at = (float) (double) y * scale;
                    float after = (float) (double) z * scale;
                    assertVertex(before, at, after);
                });
        // Ties, equal values, silence and the extremes, enumerated.
        float[] values = {0f, 1e-30f, 0.25f, 0.5f, 1f, -1f, 1e29f, -1e29f, 1e30f};
        for (float a : values) {
            for (float m : values) {
                for (float c : values) {
                    assertVertex(a, m, c);
                }
            }
        }
    }

    private static void assertVertex(float before, float at, float after) {
        double a = Math.abs((double) before);
        double m = Math.abs((double) at);
        double c = Math.abs((double) after);
        float v = TruePeakDetector.vertex(before, at, after);
        String where = before + ", " + at + ", " + after + " read " + v;
        assertTrue(Float.isFinite(v), where);
        double tie = m / (1 << 20);
        if (a > m + tie || c > m + tie) {
            assertEquals(Float.floatToRawIntBits(Math.abs(at)), Float.floatToRawIntBits(v), where);
        } else if (m >= a && m >= c && 2 * m - a - c > 0) {
            double vertex = m + (a - c) * (a - c) / (8 * (2 * m - a - c));
            assertEquals(vertex, v, 4e-7 * m, where);
        } else if (m >= a && m >= c) {
            assertEquals(m, v, 0, where);
        } else {
            // Within the tie tolerance of a larger neighbour: between the magnitude and the vertex of the
            // parabola with that neighbour taken as equal.
            double lower = Math.min(a, c);
            assertTrue(v >= m && v <= m + (m - Math.min(lower, m)) / 8 + 4e-7 * m, where);
        }
    }

    /** The peaks do not depend on how the stream is cut into chunks, at each of the Hann reconstruction's grids. */
    @Test
    void theOutputDoesNotDependOnHowTheStreamIsCut() {
        qt().withFixedSeed(41L).withExamples(12).forAll(longs().all(), integers().between(0, 2))
                .checkAssert((seed, r) -> {
                    double rate = new double[] {44_100, 96_000, 192_000}[r];
                    SplittableRandom random = new SplittableRandom(seed);
                    float[] x = new float[6000];
                    for (int i = 0; i < x.length; i++) {
                        // White noise, then a sine near Nyquist, then silence.
                        x[i] = i < 2000 ? (float) random.nextDouble(-1, 1)
                                : i < 4000 ? (float) (0.9 * Math.sin(2.9 * i)) : 0f;
                    }
                    float[] whole = peaks(new TruePeakDetector(1, rate), x, () -> TruePeakDetector.CHUNK);
                    float[] cut = peaks(new TruePeakDetector(1, rate), x, () -> 1 + random.nextInt(TruePeakDetector.CHUNK));
                    for (int i = 0; i < x.length; i++) {
                        assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(cut[i]), "sample " + i);
                    }
                });
    }

    private static float[] peaks(TruePeakDetector d, float[] x, java.util.function.IntSupplier chunk) {
        float[] all = new float[x.length];
        float[] peaks = new float[TruePeakDetector.CHUNK];
        for (int at = 0; at < x.length; ) {
            int n = Math.min(chunk.getAsInt(), x.length - at);
            d.detect(0, x, at, n, peaks);
            System.arraycopy(peaks, 0, all, at, n);
            at += n;
        }
        return all;
    }
}
