package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/** Float to integer and back: the error bound, the exact codes, clipping and its count. */
class QuantisationTest {
    private static final Gen<SampleEncoding> INTEGERS = arbitrary().pick(
            SampleEncoding.PCM8, SampleEncoding.PCM16, SampleEncoding.PCM24, SampleEncoding.PCM32);

    @TempDir
    Path dir;

    @Test
    void inRangeErrorIsHalfAnLsbWithoutDitherAndOneAndAHalfWithTpdf() {
        qt().withFixedSeed(7L).withExamples(400)
                .forAll(INTEGERS, arbitrary().enumValues(Dither.class), longs().all(), integers().between(1, 2000))
                .checkAssert((encoding, dither, seed, frames) -> {
                    double lsb = Math.scalb(1.0, 1 - encoding.bits());
                    double bound = dither == Dither.TPDF ? 1.5 : 0.5;
                    // Keep a margin of the dither's reach from full scale so that nothing clips.
                    double limit = 1 - 2 * lsb;
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                    AudioBuffer in = AudioBuffer.allocate(1, frames);
                    for (int i = 0; i < frames; i++) {
                        in.set(0, i, (float) Math.max(-limit, Math.min(limit, rnd.nextDouble(-1, 1))));
                    }
                    AudioBuffer out = roundTrip(encoding, dither, seed, in);
                    for (int i = 0; i < frames; i++) {
                        double errorLsb = Math.abs((double) out.get(0, i) - in.get(0, i)) / lsb;
                        // 32-bit codes are rounded to float on the way back: allow that rounding too.
                        double slack = encoding == SampleEncoding.PCM32 ? Math.ulp(in.get(0, i)) / lsb : 0;
                        assertTrue(errorLsb <= bound + slack, () -> encoding + " " + dither + " error " + errorLsb + " LSB");
                    }
                });
    }

    @Test
    void outOfRangeSamplesClipToTheExtremeCodesAndAreCounted() {
        qt().withFixedSeed(11L).withExamples(300)
                .forAll(INTEGERS, doubles().between(1.0, 1e6), arbitrary().enumValues(Dither.class))
                .checkAssert((encoding, magnitude, dither) -> {
                    AudioBuffer in = AudioBuffer.wrap(new float[][] {{magnitude.floatValue(), -magnitude.floatValue() - 1f, 0.25f}});
                    SampleEncoder enc = new SampleEncoder(encoding, 1, dither, 3);
                    byte[] bytes = new byte[3 * encoding.bytesPerSample()];
                    enc.encode(in, 0, 3, bytes, 0);
                    AudioBuffer out = AudioBuffer.allocate(1, 3);
                    SampleDecoder.decode(encoding, bytes, 0, 3, out, 0);
                    double lsb = Math.scalb(1.0, 1 - encoding.bits());
                    assertEquals((float) (1 - lsb), out.get(0, 0));
                    assertEquals(-1f, out.get(0, 1));
                    assertEquals(2, enc.clipped());
                });
    }

    @Test
    void codesFollowTheSpecMapping() {
        float[] x = {0f, 0.5f, -0.5f, -1f, 1f, 127f / 128, 1f / 256, -1f / 256, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        AudioBuffer in = AudioBuffer.wrap(new float[][] {x});
        SampleEncoder pcm8 = new SampleEncoder(SampleEncoding.PCM8, 1, Dither.NONE, 0);
        byte[] b8 = new byte[x.length];
        pcm8.encode(in, 0, x.length, b8, 0);
        // 8-bit is unsigned, q + 128; 1/256 is half an LSB and rounds up, -1/256 rounds up to 0.
        assertArrayEquals(new byte[] {(byte) 128, (byte) 192, 64, 0, (byte) 255, (byte) 255, (byte) 129, (byte) 128,
            (byte) 128, (byte) 255, 0}, b8);
        assertEquals(4, pcm8.clipped(), "1.0, NaN and both infinities");

        SampleEncoder pcm24 = new SampleEncoder(SampleEncoding.PCM24, 1, Dither.NONE, 0);
        byte[] b24 = new byte[3 * 3];
        pcm24.encode(in.view(1, 3), 0, 3, b24, 0);
        assertArrayEquals(new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0, 0, 0, (byte) 0x80}, b24);
    }

    @Test
    void writerCountsClippedSamplesAcrossBlocks() throws Exception {
        AudioBuffer in = AudioBuffer.allocate(2, 10_000);
        Arrays.fill(in.channel(0), 1.5f);
        in.channel(1)[5] = Float.NaN;
        in.channel(1)[6] = -2f;
        Path file = dir.resolve("clip.wav");
        WavWriter w = TestAudio.write(file, WavFormat.of(48_000, 2, SampleEncoding.PCM16),
                WriteOptions.defaults().withDither(Dither.NONE), in, 333);
        assertEquals(10_002, w.clippedSamples());
        AudioBuffer back = TestAudio.readAll(file);
        assertEquals(32767f / 32768, back.get(0, 9_999));
        assertEquals(0f, back.get(1, 5));
        assertEquals(-1f, back.get(1, 6));

        WavWriter f = TestAudio.write(dir.resolve("float.wav"), WavFormat.of(48_000, 2, SampleEncoding.FLOAT32),
                WriteOptions.defaults(), in, 333);
        assertEquals(0, f.clippedSamples(), "float output never clips");
    }

    /**
     * Stereo 24-bit and float32 take loops of their own in the encoder and decoder; they must give
     * the codes, clip counts and samples of the general per-channel loops, which a three-channel
     * block (same seed, so channels 0 and 1 draw the same dither) still runs.
     */
    @Test
    void stereoLoopsMatchTheGeneralPath() {
        qt().withFixedSeed(11L).withExamples(200)
                .forAll(arbitrary().pick(SampleEncoding.PCM24, SampleEncoding.FLOAT32),
                        arbitrary().enumValues(Dither.class), longs().all(), integers().between(1, 3000))
                .checkAssert((encoding, dither, seed, frames) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    AudioBuffer three = AudioBuffer.allocate(3, frames);
                    for (int c = 0; c < 3; c++) {
                        for (int i = 0; i < frames; i++) {
                            three.set(c, i, (float) (r.nextDouble(-1.2, 1.2)));
                        }
                    }
                    if (frames > 3) {
                        three.set(0, 1, Float.NaN);
                        three.set(1, 2, 1f);
                        three.set(1, 3, -1f);
                    }
                    AudioBuffer two = three.channelView(0, 2);
                    int bytes = encoding.bytesPerSample();
                    SampleEncoder enc3 = new SampleEncoder(encoding, 3, dither, seed);
                    SampleEncoder enc2 = new SampleEncoder(encoding, 2, dither, seed);
                    byte[] b3 = new byte[frames * 3 * bytes];
                    byte[] b2 = new byte[frames * 2 * bytes];
                    int half = frames / 2;
                    enc3.encode(three, 0, half, b3, 0);
                    enc3.encode(three, half, frames - half, b3, half * 3 * bytes);
                    enc2.encode(two, 0, half, b2, 0);
                    enc2.encode(two, half, frames - half, b2, half * 2 * bytes);
                    for (int i = 0; i < frames; i++) {
                        assertArrayEquals(Arrays.copyOfRange(b3, i * 3 * bytes, i * 3 * bytes + 2 * bytes),
                                Arrays.copyOfRange(b2, i * 2 * bytes, (i + 1) * 2 * bytes), "frame " + i);
                    }
                    AudioBuffer back3 = AudioBuffer.allocate(3, frames);
                    AudioBuffer back2 = AudioBuffer.allocate(2, frames);
                    SampleDecoder.decode(encoding, b3, 0, frames, back3, 0);
                    SampleDecoder.decode(encoding, b2, 0, frames, back2, 0);
                    assertTrue(back3.channelView(0, 2).sameSamples(back2));
                });
    }

    private static AudioBuffer roundTrip(SampleEncoding encoding, Dither dither, long seed, AudioBuffer in) {
        SampleEncoder enc = new SampleEncoder(encoding, in.channels(), dither, seed);
        byte[] bytes = new byte[in.frames() * in.channels() * encoding.bytesPerSample()];
        enc.encode(in, 0, in.frames(), bytes, 0);
        assertEquals(0, enc.clipped());
        AudioBuffer out = AudioBuffer.allocate(in.channels(), in.frames());
        SampleDecoder.decode(encoding, bytes, 0, in.frames(), out, 0);
        return out;
    }
}
