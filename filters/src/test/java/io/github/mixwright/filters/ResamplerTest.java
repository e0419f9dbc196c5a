package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The resampler measured with sines, against the signals' closed forms written here: pass-band
 * ripple from the amplitude of each output sine, stop-band attenuation from the level of the alias
 * or image that the input would leave at its known frequency, and alignment from the output's phase
 * against {@code sin(2 pi f j / outRate)}. Levels are single DFT bins at the exact frequency over a
 * stretch windowed by the square of the 4-term Blackman-Harris window, in double precision (side lobes
 * near -180 dB, so a tone hundreds of bins away leaks nothing measurable).
 */
class ResamplerTest {
    private static final double[] AUDIO_RATES = {44_100, 48_000, 88_200, 96_000, 192_000};

    /** {@code amplitude * sin(2 pi f i / rate + phase)}, frames long. */
    private static AudioBuffer sine(double f, double rate, int frames, double amplitude, double phase) {
        AudioBuffer b = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            b.set(0, i, (float) (amplitude * Math.sin(2 * Math.PI * f * i / rate + phase)));
        }
        return b;
    }

    /** The amplitude of frequency {@code f} in frames [from, from + n) of channel 0. */
    static double level(AudioBuffer b, double f, double rate, int from, int n) {
        double re = 0;
        double im = 0;
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            double u = 2 * Math.PI * i / (n - 1);
            double w = 0.35875 - 0.48829 * Math.cos(u) + 0.14128 * Math.cos(2 * u) - 0.01168 * Math.cos(3 * u);
            w *= w;
            double x = b.get(0, from + i) * w;
            double a = 2 * Math.PI * f * (from + i) / rate;
            re += x * Math.cos(a);
            im += x * Math.sin(a);
            wsum += w;
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"48000, 44100", "44100, 48000", "96000, 44100", "96000, 48000", "192000, 44100", "88200, 48000",
            "44100, 96000", "44100, 47952", "48000, 44056"})
    void thePassBandIsFlatTo20KilohertzWithin1Hundredth(double in, double out) throws IOException {
        Resampler r = Resampler.of(in, out);
        double worst = 0;
        for (double f = 20; f <= 20_000; f = f < 1000 ? f * 2 : f + 1000) {
            // at least 40 cycles in the window, so the sine's negative-frequency twin leaks nothing
            int n = (int) Math.max(out / 8, 40 * out / f);
            int frames = (int) (n * in / out + in / 8);
            AudioBuffer y = r.convert(sine(f, in, frames, 0.5, 0.3));
            double a = level(y, f, out, (y.frames() - n) / 2, n);
            worst = Math.max(worst, Math.abs(db(a / 0.5)));
            assertTrue(Math.abs(db(a / 0.5)) < 0.01, f + " Hz comes out " + db(a / 0.5) + " dB");
        }
        assertTrue(worst < 0.001, "ripple " + worst + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"48000, 44100", "96000, 44100", "96000, 48000", "192000, 44100", "44100, 47952", "48000, 44056"})
    void whatWouldAliasDownIsAtLeast120DbDown(double in, double out) throws IOException {
        // a sine between the output's Nyquist frequency and the input's would fold to out - f
        Resampler r = Resampler.of(in, out);
        if (out > in) {
            return;
        }
        int frames = (int) in / 4;
        for (double f = out / 2; f < Math.min(in / 2, 3 * out); f += (Math.min(in / 2, 3 * out) - out / 2) / 11) {
            AudioBuffer y = r.convert(sine(f, in, frames, 0.5, 0.1));
            double alias = Math.abs(f - out * Math.rint(f / out));
            int n = (int) (out / 8);
            double a = level(y, alias, out, (y.frames() - n) / 2, n);
            assertTrue(db(a / 0.5) < -120, f + " Hz folds to " + alias + " Hz at " + db(a / 0.5) + " dB");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 96000", "44100, 192000", "44100, 47952"})
    void theImagesOfAnUpsampledSineAreAtLeast120DbDown(double in, double out) throws IOException {
        Resampler r = Resampler.of(in, out);
        int frames = (int) in / 4;
        for (double f = 1000; f <= 0.907 * in / 2; f += 3000) {
            AudioBuffer y = r.convert(sine(f, in, frames, 0.5, 0.2));
            int n = (int) (out / 8);
            // images at k in +- f for the first few k, folded into the output band
            for (int k = 1; k <= 4; k++) {
                for (double image : new double[] {k * in - f, k * in + f}) {
                    double folded = Math.abs(image - out * Math.rint(image / out));
                    if (Math.abs(folded - f) < 200 || image > out * 8) {
                        continue;
                    }
                    double a = level(y, folded, out, (y.frames() - n) / 2, n);
                    assertTrue(db(a / 0.5) < -120, f + " Hz leaves an image at " + folded + " Hz, "
                            + db(a / 0.5) + " dB");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"48000, 44100", "44100, 48000", "44100, 96000", "192000, 48000", "44100, 47952", "48000, 44056"})
    void theOutputLinesUpWithTheInputWithNoDelay(double in, double out) throws IOException {
        // linear phase and no latency: the output is the same sine sampled at j / out, from the first frame
        Resampler r = Resampler.of(in, out);
        double f = 997;
        AudioBuffer y = r.convert(sine(f, in, (int) in / 2, 0.5, 0.7));
        int skip = r.taps() * (int) Math.ceil(out / in) + 10;
        double worst = 0;
        for (int j = skip; j < y.frames() - skip; j++) {
            double expected = 0.5 * Math.sin(2 * Math.PI * f * j / out + 0.7);
            worst = Math.max(worst, Math.abs(y.get(0, j) - expected));
        }
        assertTrue(db(worst / 0.5) < -110, "largest difference " + db(worst / 0.5) + " dB");
    }

    @Test
    void aRoundTripOfBandLimitedNoiseThrough44100IsBelowMinus100Db() throws IOException {
        // 300 sines at random frequencies under 20 kHz with random phases: noise with nothing above the band
        SplittableRandom g = new SplittableRandom(14);
        int frames = 48_000;
        int tones = 300;
        double[] f = new double[tones];
        double[] ph = new double[tones];
        for (int t = 0; t < tones; t++) {
            f[t] = 20 + g.nextDouble() * (20_000 - 20);
            ph[t] = g.nextDouble() * 2 * Math.PI;
        }
        AudioBuffer x = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            double s = 0;
            for (int t = 0; t < tones; t++) {
                s += Math.sin(2 * Math.PI * f[t] * i / 48_000 + ph[t]);
            }
            x.set(0, i, (float) (s * 0.5 / Math.sqrt(tones)));
        }
        AudioBuffer down = Resampler.of(48_000, 44_100).convert(x);
        AudioBuffer back = Resampler.of(44_100, 48_000).convert(down);
        assertEquals(frames, back.frames());
        int edge = 2000;
        double err = 0;
        double sig = 0;
        for (int i = edge; i < frames - edge; i++) {
            double d = back.get(0, i) - x.get(0, i);
            err += d * d;
            sig += x.get(0, i) * x.get(0, i);
        }
        double ratio = 10 * Math.log10(err / sig);
        assertTrue(ratio < -100, "round-trip error " + ratio + " dB");
    }

    @Test
    void framesDcAndBlockSizesFollowTheirRulesForAnyPairOfRates() {
        qt().withFixedSeed(1401L).withExamples(60)
                .forAll(integers().between(0, AUDIO_RATES.length * AUDIO_RATES.length + 20), integers().between(0, 3000))
                .checkAssert((pick, length) -> {
                    SplittableRandom g = new SplittableRandom(pick * 7919L + length);
                    double in;
                    double out;
                    if (pick < AUDIO_RATES.length * AUDIO_RATES.length) {
                        in = AUDIO_RATES[pick / AUDIO_RATES.length];
                        out = AUDIO_RATES[pick % AUDIO_RATES.length];
                    } else {
                        in = 8000 + g.nextInt(90_000);
                        out = in * (0.5 + g.nextDouble() * 1.5) + (g.nextBoolean() ? 0.25 : 0);
                    }
                    Resampler.Quality q = Resampler.Quality.values()[g.nextInt(3)];
                    Resampler r = Resampler.of(in, out, q);
                    int channels = 1 + g.nextInt(3);
                    AudioBuffer x = AudioBuffer.allocate(channels, length);
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < length; i++) {
                            x.set(c, i, c == 0 ? 0.25f : (float) (g.nextDouble() - 0.5));
                        }
                    }
                    try {
                        AudioBuffer whole = r.convert(x);
                        // ceil(length * out / in) frames, from an independent double computation
                        long expected = (long) Math.ceil(length * out / in - 1e-9);
                        assertEquals(expected, whole.frames(), r + ", " + length + " frames");
                        // a constant comes out as that constant once the taps are past the edges
                        int margin = (int) Math.ceil(r.taps() * out / in / 2) + 2;
                        for (int j = margin; j < whole.frames() - margin; j++) {
                            assertEquals(0.25, whole.get(0, j), 2e-6, r + ", frame " + j);
                        }
                        // the stream gives the same samples whatever the reads' sizes
                        AudioBuffer pieces = AudioBuffer.allocate(channels, whole.frames());
                        try (AudioSource s = r.open(new Dribble(x, in, g.nextLong()))) {
                            int done = 0;
                            while (done < pieces.frames()) {
                                int n = s.read(pieces.view(done, Math.min(1 + g.nextInt(700), pieces.frames() - done)));
                                assertTrue(n > 0, "the stream ended at " + done);
                                done += n;
                            }
                            assertEquals(0, s.read(AudioBuffer.allocate(channels, 5)));
                        }
                        assertTrue(whole.sameSamples(pieces), r + ": the pieces differ from the whole");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** A source that gives a few frames at a time and does not say its length. */
    private static final class Dribble implements AudioSource {
        private final AudioBuffer audio;
        private final double rate;
        private final SplittableRandom g;
        private int at;

        Dribble(AudioBuffer audio, double rate, long seed) {
            this.audio = audio;
            this.rate = rate;
            this.g = new SplittableRandom(seed);
        }

        @Override
        public double sampleRate() {
            return rate;
        }

        @Override
        public int channels() {
            return audio.channels();
        }

        @Override
        public long frames() {
            return -1;
        }

        @Override
        public int read(AudioBuffer destination) {
            int n = Math.min(Math.min(destination.frames(), 1 + g.nextInt(900)), audio.frames() - at);
            destination.view(0, n).copyFrom(audio.view(at, n));
            at += n;
            return n;
        }
    }

    @Test
    void badRatesAndMismatchedSourcesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(500, 48_000));
        assertTrue(e.getMessage().contains("input rate 500.0 Hz is out of range [1000, 1536000]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(1000, 192_000));
        assertTrue(e.getMessage().contains("out of range [1/64, 64]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.of(48_000, 44_100).open(AudioSource.of(AudioBuffer.allocate(1, 10), 96_000)));
        assertTrue(e.getMessage().contains("96000 Hz") && e.getMessage().contains("48000 Hz"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Resampler.Quality.named("ultra"));
        assertTrue(e.getMessage().contains("fast, standard, high"), e.getMessage());
    }
}
