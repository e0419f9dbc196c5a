package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.ProcessSpec;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/**
 * The oversampler meets its specification: analytically (pass-band ripple, stop-band attenuation,
 * constant delay) and by measurement (round trip of sines, images in a long windowed FFT, aliases of
 * high-rate sines, block-size invariance).
 */
class OversamplerTest {
    private static final double FS = 48_000;
    private static final int[] FACTORS = {2, 4, 8, 16};
    /** 0.01 dB as a linear amplitude error. */
    private static final double RIPPLE = Math.pow(10, 0.01 / 20) - 1;
    /** -100 dB. */
    private static final double STOP = 1e-5;
    /** Few shrink cycles: a failure is reported quickly instead of after minutes of shrinking long signals. */
    private static final int SHRINK_CYCLES = 10;

    @Test
    void analyticPassBandRippleAndStopBand() {
        for (int factor : FACTORS) {
            Oversampler os = new Oversampler(factor);
            FrequencyResponse r = os.filterResponse(FS);
            double worstPass = 0;
            for (int i = 0; i <= 2000; i++) {
                double hz = 0.45 * FS * i / 2000;
                // One way and round trip (the square) both within 0.01 dB.
                worstPass = Math.max(worstPass, Math.abs(2 * r.magnitudeDb(hz)));
                assertEquals(os.upsampleLatencyFrames() / FS, r.groupDelaySeconds(hz), 1e-15);
            }
            assertTrue(worstPass <= 0.01, factor + "x: round-trip pass-band ripple " + worstPass + " dB");
            double worstStop = -1000;
            double top = factor * FS / 2;
            int points = 40_000 * factor;
            for (int i = 0; i <= points; i++) {
                double hz = 0.55 * FS + (top - 0.55 * FS) * i / points;
                worstStop = Math.max(worstStop, r.magnitudeDb(hz));
            }
            assertTrue(worstStop <= -100, factor + "x: stop band only " + worstStop + " dB down");
        }
    }

    @Test
    void halfbandStagesAreExactHalfbands() {
        for (HalfbandStage stage : new Oversampler(16).stages()) {
            double[] h = stage.taps();
            int c = (h.length - 1) / 2;
            assertEquals(0.5, h[c]);
            for (int j = 1; j <= c; j++) {
                assertEquals(Double.doubleToRawLongBits(h[c + j]), Double.doubleToRawLongBits(h[c - j]));
                if (j % 2 == 0) {
                    assertEquals(0.0, h[c + j]);
                }
            }
            assertEquals(1.0, stage.amplitude(0), 1e-15);
        }
    }

    /**
     * The design search's coarse pre-check changes no design: for every stage edge the oversamplers use,
     * the search written here with the dense check alone (Kaiser's estimates, then every length and
     * beta in order) ends at the same length and taps.
     */
    @Test
    void theCoarsePreCheckFindsTheSameDesignsAsTheDenseSearch() {
        for (int factor : FACTORS) {
            for (HalfbandStage stage : new Oversampler(factor).stages()) {
                double edge = edgeOf(stage, factor);
                HalfbandStage dense = denseSearch(edge, Oversampler.STOP_BAND_DB);
                assertEquals(dense.m(), stage.m(), factor + "x, edge " + edge);
                assertArrayEquals(dense.taps(), stage.taps(), 0.0);
            }
        }
    }

    /** The pass edge of {@code stage}, the one of the stages of a {@code factor}x oversampler it is. */
    private static double edgeOf(HalfbandStage stage, int factor) {
        HalfbandStage[] stages = new Oversampler(factor).stages();
        for (int k = 1; k <= stages.length; k++) {
            if (stages[k - 1] == stage) {
                return (k == 1 ? 0.45 : 0.55) / (1 << k);
            }
        }
        throw new AssertionError("not a stage of the " + factor + "x oversampler");
    }

    /** The search without the coarse pre-check: the first length and beta whose dense check passes. */
    private static HalfbandStage denseSearch(double passEdge, double attenuationDb) {
        double transition = 0.5 - 2 * passEdge;
        double estimatedBeta = KaiserWindow.betaForAttenuation(attenuationDb);
        int estimatedM = (KaiserWindow.estimateLength(attenuationDb, transition) - 3) / 4;
        for (int m = Math.max(1, estimatedM / 2); ; m++) {
            for (double beta = estimatedBeta - 1; beta <= estimatedBeta + 4; beta += 0.25) {
                HalfbandStage candidate = HalfbandStage.of(m, beta);
                if (candidate.worstStopBandDb(passEdge) <= -attenuationDb) {
                    return candidate;
                }
            }
        }
    }

    @Test
    void roundTripPassesSinesWithExactDelay() {
        // Every factor, each with random frequencies and block sizes: the factors are enumerated, not drawn.
        for (int factor : FACTORS) {
            qt().withFixedSeed(31 + factor).withExamples(6).withShrinkCycles(SHRINK_CYCLES)
                .forAll(doubles().between(20, 0.45 * FS), integers().between(1, 700))
                .checkAssert((hz, block) -> {
                    Oversampler os = new Oversampler(factor);
                    int frames = 8192;
                    AudioBuffer in = AudioBuffer.allocate(1, frames);
                    for (int i = 0; i < frames; i++) {
                        in.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * hz * i / FS)));
                    }
                    AudioBuffer out = roundTrip(os, in, block);
                    int delay = os.latencyFrames();
                    double worst = 0;
                    for (int i = 2 * delay + 64; i < frames; i++) {
                        double expected = 0.5 * Math.sin(2 * Math.PI * hz * (i - delay) / FS);
                        worst = Math.max(worst, Math.abs(out.get(0, i) - expected));
                    }
                    assertTrue(worst <= 0.5 * RIPPLE, factor + "x, " + hz + " Hz: error " + worst
                            + " exceeds 0.01 dB of the amplitude");
                });
        }
    }

    @Test
    void upsampledSineHasNoImagesAboveMinus100Db() {
        int n = 65_536;
        double[] window = blackmanHarris7(n);
        for (int factor : FACTORS) {
            qt().withFixedSeed(32 + factor).withExamples(3).withShrinkCycles(SHRINK_CYCLES)
                .forAll(doubles().between(100, 0.45 * FS))
                .checkAssert(hz -> {
                    Oversampler os = new Oversampler(factor);
                    int base = n / factor + 2 * os.upsampleLatencyFrames() + 256;
                    AudioBuffer in = AudioBuffer.allocate(1, base);
                    for (int i = 0; i < base; i++) {
                        in.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * hz * i / FS)));
                    }
                    AudioBuffer up = AudioBuffer.allocate(1, base * factor);
                    os.prepare(new ProcessSpec(FS, base, 1));
                    os.upsample(in, up);
                    double[] power = spectrum(up.channel(0), up.frames() - n, window);
                    double binHz = factor * FS / n;
                    double signal = peak(power, hz / binHz, 10);
                    for (int m = 1; m <= factor; m++) {
                        for (double image : new double[] {m * FS - hz, m * FS + hz}) {
                            if (image < factor * FS / 2 - 10 * binHz) {
                                double level = 10 * Math.log10(peak(power, image / binHz, 10) / signal);
                                assertTrue(level <= -100, factor + "x, " + hz + " Hz: image at " + image
                                        + " Hz is " + level + " dB");
                            }
                        }
                    }
                });
        }
    }

    @Test
    void downsamplingRejectsEverythingAbove055Fs() {
        for (int factor : FACTORS) {
            qt().withFixedSeed(33 + factor).withExamples(4).withShrinkCycles(SHRINK_CYCLES)
                .forAll(doubles().between(0, 1))
                .checkAssert(t -> {
                    double hz = 0.55 * FS + t * (factor * FS / 2 - 0.56 * FS);
                    Oversampler os = new Oversampler(factor);
                    int frames = 4096;
                    AudioBuffer high = AudioBuffer.allocate(1, frames * factor);
                    for (int i = 0; i < high.frames(); i++) {
                        high.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * hz * i / (factor * FS))));
                    }
                    AudioBuffer out = AudioBuffer.allocate(1, frames);
                    os.prepare(new ProcessSpec(FS, frames, 1));
                    os.downsample(high, out);
                    double worst = 0;
                    for (int i = 2 * os.upsampleLatencyFrames() + 64; i < frames; i++) {
                        worst = Math.max(worst, Math.abs(out.get(0, i)));
                    }
                    assertTrue(worst <= 0.5 * STOP, factor + "x, " + hz + " Hz aliased at " + worst);
                });
        }
    }

    @Test
    void blockSizeDoesNotChangeOutput() {
        for (int factor : FACTORS) {
            AudioBuffer in = noise(2, 5000, factor);
            AudioBuffer reference = null;
            for (int block : new int[] {1, 7, 64, 4096}) {
                AudioBuffer out = roundTrip(new Oversampler(factor), in, block);
                if (reference == null) {
                    reference = out;
                } else {
                    assertTrue(reference.sameSamples(out), factor + "x: blocks of " + block + " differ");
                }
            }
            Oversampler os = new Oversampler(factor);
            os.prepare(new ProcessSpec(FS, 700, 2));
            AudioBuffer high = AudioBuffer.allocate(2, 700 * factor);
            AudioBuffer ragged = AudioBuffer.allocate(2, in.frames());
            SplittableRandom random = new SplittableRandom(factor);
            for (int start = 0, n; start < in.frames(); start += n) {
                n = Math.min(random.nextInt(0, 701), in.frames() - start);
                AudioBuffer h = high.view(0, n * factor);
                os.upsample(in.view(start, n), h);
                os.downsample(h, ragged.view(start, n));
            }
            assertTrue(reference.sameSamples(ragged), factor + "x: blocks of varying size differ");
        }
    }

    @Test
    void resetRepeatsAndMisuseIsReported() {
        Oversampler os = new Oversampler(4);
        assertThrows(IllegalArgumentException.class, () -> new Oversampler(3));
        assertThrows(IllegalStateException.class,
                () -> os.upsample(AudioBuffer.allocate(1, 4), AudioBuffer.allocate(1, 16)));
        AudioBuffer in = noise(1, 3000, 4);
        AudioBuffer first = roundTrip(os, in, 256);
        AudioBuffer second = roundTrip(os, in, 256);
        assertTrue(first.sameSamples(second));
        os.prepare(new ProcessSpec(FS, 16, 1));
        assertThrows(IllegalArgumentException.class,
                () -> os.upsample(AudioBuffer.allocate(1, 16), AudioBuffer.allocate(1, 32)));
        assertThrows(IllegalArgumentException.class,
                () -> os.upsample(AudioBuffer.allocate(1, 17), AudioBuffer.allocate(1, 68)));
        assertThrows(IllegalArgumentException.class,
                () -> os.downsample(AudioBuffer.allocate(2, 64), AudioBuffer.allocate(2, 16)));
        assertEquals(2 * os.upsampleLatencyFrames(), os.latencyFrames());
    }

    /** Up then down in blocks of {@code block} frames (prepare clears history). */
    private static AudioBuffer roundTrip(Oversampler os, AudioBuffer in, int block) {
        int factor = os.factor();
        os.prepare(new ProcessSpec(FS, block, in.channels()));
        AudioBuffer high = AudioBuffer.allocate(in.channels(), block * factor);
        AudioBuffer out = AudioBuffer.allocate(in.channels(), in.frames());
        for (int start = 0; start < in.frames(); start += block) {
            int n = Math.min(block, in.frames() - start);
            AudioBuffer h = high.view(0, n * factor);
            os.upsample(in.view(start, n), h);
            os.downsample(h, out.view(start, n));
        }
        return out;
    }

    private static AudioBuffer noise(int channels, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) (random.nextDouble() * 2 - 1));
            }
        }
        return b;
    }

    /**
     * 7-term Blackman-Harris window (side lobes about -180 dB, main lobe ±7 bins), so that the
     * window's own leakage is far below the -100 dB being measured.
     */
    static double[] blackmanHarris7(int n) {
        double[] a = {0.27105140069342, 0.43329793923448, 0.21812299954311, 0.06592544638803,
            0.01081174209837, 0.00077658482522, 0.00001388721735};
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int k = 0; k < a.length; k++) {
                v += (k % 2 == 0 ? 1 : -1) * a[k] * Math.cos(2 * Math.PI * k * i / n);
            }
            w[i] = v;
        }
        return w;
    }

    /** Power per bin (0 .. n/2) of {@code n = window.length} samples from {@code x[from]}. */
    static double[] spectrum(float[] x, int from, double[] window) {
        int n = window.length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[from + i] * window[i];
        }
        FirDesign.singleThreadedFft();
        new DoubleFFT_1D(n).realForward(a);
        double[] p = new double[n / 2 + 1];
        p[0] = a[0] * a[0];
        p[n / 2] = a[1] * a[1];
        for (int k = 1; k < n / 2; k++) {
            p[k] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
        }
        return p;
    }

    /** Largest bin within {@code span} bins of {@code bin}. */
    static double peak(double[] power, double bin, int span) {
        int from = Math.max(0, (int) Math.floor(bin) - span);
        int to = Math.min(power.length - 1, (int) Math.ceil(bin) + span);
        double p = 0;
        for (int k = from; k <= to; k++) {
            p = Math.max(p, power[k]);
        }
        return p;
    }
}
