package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convolver against direct time-domain convolution, written here as the textbook double sum, for
 * responses of 1 to 200,000 frames, blocks of any size and both latency modes.
 */
class ConvolverTest {
    private static final double RATE = 48_000;
    private static final int INPUT = 2500;

    @TempDir
    Path dir;

    /** A decaying noise response, as a room's: {@code channels} independent ones. */
    static AudioBuffer response(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        double decay = Math.log(1e-3) / Math.max(1, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.channel(c)[i] = (float) ((r.nextDouble() * 2 - 1) * Math.exp(decay * i));
            }
        }
        return b;
    }

    /** Writes {@code b} as a 32-bit float WAV, which keeps every sample exactly. */
    static Path write(Path file, AudioBuffer b, int rate) throws IOException {
        try (WavWriter w = WavWriter.create(file, WavFormat.of(rate, b.channels(), SampleEncoding.FLOAT32),
                WriteOptions.defaults())) {
            w.write(b);
            w.commit();
        }
        return file;
    }

    /** {@code sum_k h[k] x[n - k]} for every n of the full output, in double. */
    static double[] direct(float[] x, float[] h, int length) {
        double[] y = new double[length];
        for (int m = 0; m < x.length; m++) {
            double v = x[m];
            for (int k = 0; k < h.length && m + k < length; k++) {
                y[m + k] += v * h[k];
            }
        }
        return y;
    }

    /** Runs the convolver over {@code input} and enough silence for the whole tail, in blocks of {@code block}. */
    static AudioBuffer run(Convolver c, AudioBuffer input, int block) {
        c.prepare(new ProcessSpec(RATE, block, input.channels()));
        int frames = input.frames() + c.tailFrames();
        AudioBuffer out = AudioBuffer.allocate(input.channels(), frames);
        for (int ch = 0; ch < input.channels(); ch++) {
            System.arraycopy(input.channel(ch), 0, out.channel(ch), 0, input.frames());
        }
        for (int s = 0; s < frames; s += block) {
            c.process(out.view(s, Math.min(block, frames - s)));
        }
        return out;
    }

    /** Largest difference from the reference, relative to the reference's peak. */
    static double relativeError(AudioBuffer out, int channel, int latency, double[] reference) {
        double peak = 0;
        double err = 0;
        for (int i = 0; i < reference.length; i++) {
            peak = Math.max(peak, Math.abs(reference[i]));
            err = Math.max(err, Math.abs(out.get(channel, i + latency) - reference[i]));
        }
        for (int i = 0; i < latency; i++) {
            err = Math.max(err, Math.abs(out.get(channel, i)));
        }
        return err / peak;
    }

    @Test
    void equalsDirectConvolutionForAnyLengthBlockAndMode() {
        int[] edges = {1, 2, 63, 64, 65, 256, 1023, 1024, 1025, 3072, 3073, 15360, 15361, 16448, 200_000};
        qt().withFixedSeed(12).withExamples(30)
                .forAll(integers().between(0, 1_000_000), integers().between(1, 5000), integers().between(0, 5))
                .checkAssert((pick, block, shape) -> {
                    SplittableRandom r = new SplittableRandom(pick);
                    int length = r.nextBoolean() ? edges[r.nextInt(edges.length)]
                            : (int) Math.round(Math.exp(r.nextDouble() * Math.log(200_000)));
                    int irChannels = shape % 3 == 0 ? 1 : shape % 3 == 1 ? 2 : 4;
                    boolean zero = shape >= 3;
                    // big responses are costly to check directly: keep the cost bounded, not the coverage
                    int b = length > 50_000 ? Math.max(block, 256) : block;
                    check(length, irChannels, zero, b, pick);
                });
    }

    @Test
    void latencyModeChoosesTheLeastWorkPartition() {
        // the docs' figures: a 3-second response at 48 kHz gets 32768 frames, a short one a short partition
        assertEquals(32_768, ConvolutionEngine.partitionFor(144_000));
        assertEquals(2048, ConvolutionEngine.partitionFor(2000));
        assertEquals(256, ConvolutionEngine.partitionFor(1));
        for (int taps = 1; taps <= 1 << 22; taps *= 3) {
            int p = ConvolutionEngine.partitionFor(taps);
            assertTrue(Integer.bitCount(p) == 1 && p >= 256 && p <= 32_768, taps + " taps: " + p);
        }
    }

    @Test
    void theLongestResponsesToo() {
        check(200_000, 1, false, 997, 3);
        check(200_000, 4, true, 4096, 4);
    }

    private static void check(int length, int irChannels, boolean zero, int block, long seed) {
        AudioBuffer h = response(irChannels, length, seed);
        AudioBuffer x = ConvolverTest.response(2, INPUT, seed + 1);
        Convolver c = new Convolver().setImpulseResponse(h, RATE).setMix(1).setZeroLatency(zero);
        AudioBuffer out = run(c, x, block);
        int latency = c.latencyFrames();
        assertEquals(zero ? 0 : ConvolutionEngine.partitionFor(length), latency);
        int full = INPUT + length - 1;
        for (int o = 0; o < 2; o++) {
            double[] ref = new double[full];
            for (int i = 0; i < 2; i++) {
                // paths: mono and stereo join i to i only; true stereo's channel 2i + o joins i to o
                int filter = irChannels == 1 ? (i == o ? 0 : -1) : irChannels == 2 ? (i == o ? o : -1) : 2 * i + o;
                if (filter < 0) {
                    continue;
                }
                double[] part = direct(x.channel(i), h.channel(filter), full);
                for (int n = 0; n < full; n++) {
                    ref[n] += part[n];
                }
            }
            double e = relativeError(out, o, latency, ref);
            String where = length + " taps, " + irChannels + "-channel response, block " + block
                    + (zero ? ", zero latency" : "") + ", output " + o;
            assertTrue(e <= 1e-5, () -> where + ": relative error " + e);
            for (int n = full + latency; n < out.frames(); n++) {
                assertEquals(0, out.get(o, n), 1e-6, where);
            }
        }
    }

    @Test
    void theDryIsDelayedToMeetTheWetAndGainScalesTheWet() {
        AudioBuffer h = AudioBuffer.allocate(1, 3);
        h.channel(0)[2] = 1;
        for (boolean zero : new boolean[] {false, true}) {
            AudioBuffer x = AudioBuffer.allocate(1, 10);
            x.channel(0)[0] = 1;
            Convolver c = new Convolver().setImpulseResponse(h, RATE).setMix(0.25).setGainDb(20).setZeroLatency(zero);
            AudioBuffer out = run(c, x, 7);
            int d = c.latencyFrames();
            // y = 0.75 x[n - d] + 0.25 * 10 * x[n - d - 2]
            assertEquals(0.75, out.get(0, d), 1e-6);
            assertEquals(2.5, out.get(0, d + 2), 1e-5);
            assertEquals(d + 3, c.tailFrames());
        }
    }

    @Test
    void readsMonoStereoAndTrueStereoResponsesFromWavFiles() throws IOException {
        for (int channels : new int[] {1, 2, 4}) {
            AudioBuffer h = response(channels, 5000, channels);
            Path file = write(dir.resolve("ir" + channels + ".wav"), h, 48_000);
            AudioBuffer x = response(2, 3000, 9);
            AudioBuffer fromFile = run((Convolver) ChainSpec.parse("convolver mix=1 ir=\"" + file + "\"",
                    ProcessorRegistry.load()).build().stage(0), x, 512);
            AudioBuffer fromMemory = run(new Convolver().setImpulseResponse(h, RATE).setMix(1), x, 512);
            assertTrue(fromFile.sameSamples(fromMemory), channels + " channels");
        }
    }

    @Test
    void aResponseAtAnotherRateIsConvertedAndKeepsItsGainAndDelay() throws IOException {
        // a unit impulse 150 frames late at 44.1 kHz is a delay of 150 / 44100 s with unity gain: on a
        // 48 kHz stream, a 1 kHz sine comes out as 0.5 sin(2 pi 1000 (n / 48000 - 150 / 44100)); (the
        // converted impulse rings 2.5 ms either side, so it is placed clear of the response's start)
        AudioBuffer impulse = AudioBuffer.allocate(1, 400);
        impulse.set(0, 150, 1f);
        Path at44 = write(dir.resolve("impulse 44k.wav"), impulse, 44_100);
        AudioBuffer x = AudioBuffer.allocate(1, 9600);
        for (int i = 0; i < x.frames(); i++) {
            x.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE)));
        }
        for (Convolver c : new Convolver[] {new Convolver().setImpulseResponse(at44).setMix(1),
                new Convolver().setImpulseResponse(impulse, 44_100).setMix(1)}) {
            AudioBuffer y = run(c, x, 512);
            int latency = c.latencyFrames();
            double worst = 0;
            for (int i = 1000; i < 9000; i++) {
                double expected = 0.5 * Math.sin(2 * Math.PI * 1000 * (i / RATE - 150 / 44_100.0));
                worst = Math.max(worst, Math.abs(y.get(0, i + latency) - expected));
            }
            assertTrue(20 * Math.log10(worst / 0.5) < -100, "off by " + 20 * Math.log10(worst / 0.5) + " dB");
        }
    }

    @Test
    void refusesWhatItCannotUseAndSaysWhy() throws IOException {
        assertEquals("convolver: the response is at 600 Hz and cannot be converted to the stream's "
                + "48000 Hz: input rate 600.0 Hz is out of range [1000, 1536000]",
                prepareError(new Convolver().setImpulseResponse(response(1, 100, 1), 600), 2));

        Path stereo = write(dir.resolve("stereo.wav"), response(2, 100, 1), 48_000);
        assertEquals("convolver: impulse response " + stereo + " is stereo and needs a stereo stream; the stream has 1 "
                + "channels (a mono response fits any)", prepareError(new Convolver().setImpulseResponse(stereo), 1));

        Path three = write(dir.resolve("three.wav"), response(3, 100, 1), 48_000);
        assertEquals("convolver: impulse response " + three + " has 3 channels; allowed 1 (mono), 2 (stereo) or 4 (true "
                + "stereo)", prepareError(new Convolver().setImpulseResponse(three), 2));

        Path missing = dir.resolve("nowhere.wav");
        assertEquals("convolver: impulse response " + missing + " does not exist",
                prepareError(new Convolver().setImpulseResponse(missing), 2));

        Path junk = Files.write(dir.resolve("junk.wav"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertTrue(prepareError(new Convolver().setImpulseResponse(junk), 2)
                .startsWith("convolver: cannot read impulse response " + junk + ": "));

        assertEquals("convolver: no impulse response; set ir=PATH to a WAV file", assertThrows(
                IllegalStateException.class, () -> new Convolver().prepare(new ProcessSpec(RATE, 64, 2))).getMessage());
        assertEquals("convolver: the response holds no frames", assertThrows(IllegalArgumentException.class,
                () -> new Convolver().setImpulseResponse(AudioBuffer.allocate(1, 0), RATE)).getMessage());
        assertEquals("convolver: the response is 61 s long; allowed up to 60 s", assertThrows(
                IllegalArgumentException.class,
                () -> new Convolver().setImpulseResponse(AudioBuffer.allocate(1, 61 * 1000), 1000)).getMessage());
    }

    private static String prepareError(Convolver c, int channels) {
        return assertThrows(IllegalArgumentException.class, () -> c.prepare(new ProcessSpec(RATE, 64, channels)))
                .getMessage();
    }
}
