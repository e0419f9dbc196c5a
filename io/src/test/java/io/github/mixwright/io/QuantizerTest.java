package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quantizer gives what the writer writes, and the rounding of the class documentation. */
class QuantizerTest {
    private static final SampleEncoding[] INTEGER = {SampleEncoding.PCM8, SampleEncoding.PCM16, SampleEncoding.PCM24};

    @TempDir
    Path dir;

    private static AudioBuffer noise(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                b.set(c, i, (float) r.nextDouble(-1.05, 1.05));
            }
        }
        return b;
    }

    private byte[] written(AudioBuffer x, SampleEncoding e, Dither d, long seed, String name) throws IOException {
        Path p = dir.resolve(name);
        try (WavWriter w = WavWriter.create(p, WavFormat.of(48_000, x.channels(), e),
                WriteOptions.defaults().withDither(d).withSeed(seed))) {
            w.write(x);
            w.commit();
        }
        return Files.readAllBytes(p);
    }

    @Test
    void writingTheQuantizedSamplesWithoutDitherGivesTheWritersCodes() {
        qt().withFixedSeed(41L).withExamples(60)
                .forAll(integers().between(1, 6), integers().between(1, 3000), integers().between(0, 5), longs().all())
                .checkAssert((channels, frames, kind, seed) -> {
                    SampleEncoding e = INTEGER[kind % 3];
                    Dither d = kind < 3 ? Dither.TPDF : Dither.NONE;
                    AudioBuffer x = noise(channels, frames, seed);
                    AudioBuffer q = x.copy();
                    Quantizer quantizer = new Quantizer(e, channels, d, seed);
                    // in two blocks: the dither follows the stream, not the blocks
                    int cut = frames / 3;
                    quantizer.quantize(q.view(0, cut));
                    quantizer.quantize(q.view(cut, frames - cut));
                    try {
                        assertArrayEquals(written(x, e, d, seed, "a.wav"), written(q, e, Dither.NONE, 0, "b.wav"));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
    }

    @Test
    void withoutDitherEachSampleRoundsToTheNearestCodeAndClampsAtFullScale() {
        AudioBuffer x = AudioBuffer.allocate(1, 6);
        float lsb = 1f / 32768;
        float[] in = {0.25f * lsb, 0.5f * lsb, -0.5f * lsb, 1.4999f * lsb, 1f, -1.5f};
        for (int i = 0; i < in.length; i++) {
            x.set(0, i, in[i]);
        }
        Quantizer q = new Quantizer(SampleEncoding.PCM16, 1, Dither.NONE, 1);
        q.quantize(x);
        // floor(x 2^15 + 0.5), clamped to [-2^15, 2^15 - 1]
        float[] expected = {0, lsb, 0, lsb, 32767 * lsb, -1f};
        for (int i = 0; i < in.length; i++) {
            assertEquals(expected[i], x.get(0, i), 0f, "sample " + i);
        }
        assertEquals(2, q.clippedSamples());
    }

    @Test
    void floatsPassUnchangedAndBadArgumentsAreNamed() {
        AudioBuffer x = noise(2, 100, 3);
        AudioBuffer y = x.copy();
        new Quantizer(SampleEncoding.FLOAT32, 2, Dither.TPDF, 1).quantize(y);
        assertEquals(true, x.sameSamples(y));
        assertEquals("channels 0 is out of range [1, " + AudioBuffer.MAX_CHANNELS + "]",
                assertThrows(IllegalArgumentException.class,
                        () -> new Quantizer(SampleEncoding.PCM16, 0, Dither.NONE, 1)).getMessage());
        assertEquals("block has 2 channels; the quantizer 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new Quantizer(SampleEncoding.PCM16, 1, Dither.NONE, 1).quantize(x)).getMessage());
    }
}
