package io.github.mixwright.io;

import static io.github.mixwright.io.TestAudio.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Write then read gives back the very same float bits, in every encoding and container, with the
 * background read-ahead and write-behind threads on or off.
 */
class RoundTripTest {
    @TempDir
    Path dir;

    /** Lengths biased to the edges: empty, a few frames, around a buffer, up to 100,000. */
    private static final Gen<Integer> LENGTHS = integers().between(0, 16)
            .mix(integers().between(40_000, 50_000), 30)
            .mix(integers().between(0, 100_000), 40);

    @Test
    void everyEncodingRoundTripsBitExactly() {
        qt().withFixedSeed(20261124L).withExamples(120).withShrinkCycles(20)
                .forAll(arbitrary().enumValues(SampleEncoding.class), integers().between(1, 8), LENGTHS,
                        longs().all())
                .checkAssert((encoding, channels, frames, seed) -> unchecked(
                        () -> roundTrip(encoding, channels, frames, seed)));
    }

    private void roundTrip(SampleEncoding encoding, int channels, int frames, long seed) throws IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        boolean rf64 = rnd.nextBoolean();
        int mask = rnd.nextInt(4) == 0 ? rnd.nextInt() : 0;
        int rate = rnd.nextInt(WavFormat.MIN_SAMPLE_RATE, WavFormat.MAX_SAMPLE_RATE + 1);
        boolean writeBehind = rnd.nextBoolean();
        boolean readAhead = rnd.nextBoolean();
        WavFormat format = new WavFormat(rate, channels, encoding, mask);
        AudioBuffer audio = TestAudio.onGrid(encoding, channels, frames, seed);
        Path file = dir.resolve("rt.wav");
        WriteOptions options = WriteOptions.defaults().withDither(Dither.NONE).withForceRf64(rf64)
                .withWriteBehind(writeBehind);
        WavWriter w = TestAudio.write(file, format, options, audio, 1 + rnd.nextInt(70_000));
        assertEquals(frames, w.framesWritten());
        assertEquals(0, w.clippedSamples());
        try (WavReader r = WavReader.open(file, readAhead)) {
            assertEquals(format, r.format());
            assertEquals(rf64 ? Container.RF64 : Container.WAV, r.container());
            assertEquals(frames, r.frames());
            long expectedSize = WavHeaderBuilder.length(format) + (long) frames * format.blockAlign();
            assertEquals(expectedSize + (expectedSize & 1), Files.size(file));
            AudioBuffer back = TestAudio.readAll(r, 1 + rnd.nextInt(70_000));
            assertTrue(audio.sameSamples(back), () -> "samples differ for " + format + ", " + frames + " frames");
        }
    }
}
