package io.github.mixwright.io;

import static io.github.mixwright.io.TestAudio.unchecked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Writing FLAC and reading it back gives the very same samples, at every level, channel count and bit
 * depth, for lengths around the block size and for signals that drive every subframe type: silence
 * and constants (constant subframes), noise (verbatim or escaped partitions), sines (LPC), full-scale
 * square waves, ramps and slow cubics (fixed predictors, wasted bits, the 25-bit side channel), mixed in
 * segments, and stereo pairs built so that each of the four channel assignments wins.
 */
class FlacRoundTripTest {
    @TempDir
    Path dir;

    /** The kinds of signal {@link FlacSignals#make} makes. */
    enum Kind { SILENCE, CONSTANT, NOISE, SINE, SQUARE, RAMP, SMOOTH, WASTED, SEGMENTS }

    @Test
    void everyLevelRoundTripsBitExactly() {
        qt().withFixedSeed(20261204L).withExamples(400).withShrinkCycles(10)
                .forAll(levelsAndKinds(), integers().between(1, 8), lengths(), longs().all())
                .checkAssert((levelAndKind, channels, length, seed) -> unchecked(
                        () -> roundTrip(levelAndKind % LEVELS, channels, length, KINDS[levelAndKind / LEVELS], seed)));
    }

    private static final int LEVELS = FlacEncoder.MAX_LEVEL + 1;
    private static final Kind[] KINDS = Kind.values();

    /** A level 0 to 8 and a signal kind, as {@code level + 9 * kind}. */
    private static Gen<Integer> levelsAndKinds() {
        return integers().between(0, LEVELS * KINDS.length - 1);
    }

    /** Lengths biased to the edges: empty, one sample, a block and one either side, a few blocks. */
    private static Gen<Integer> lengths() {
        return arbitrary().pick(0, 1, 2, 15, 16, 17, 1151, 1152, 1153, 4095, 4096, 4097, 8193)
                .mix(integers().between(0, 13_000), 40);
    }

    private void roundTrip(int level, int channels, int frames, Kind kind, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int bits = rnd.nextBoolean() ? 16 : 24;
        int rate = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(FlacWriter.MAX_SAMPLE_RATE) : new int[] {44_100, 48_000, 96_000,
            22_050, 8_000, 192_000, 11_025, 37_800}[rnd.nextInt(8)];
        int[][] codes = FlacSignals.make(kind, channels, frames, bits, rnd);
        AudioBuffer audio = FlacSignals.toFloats(codes, bits);
        Path file = dir.resolve("rt.flac");
        int writeBlock = 1 + rnd.nextInt(10_000);
        try (FlacWriter w = FlacWriter.create(file, rate, channels, bits, level,
                WriteOptions.defaults().withDither(Dither.NONE).withWriteBehind(rnd.nextBoolean()))) {
            for (int start = 0; start < frames; start += writeBlock) {
                w.write(audio.view(start, Math.min(writeBlock, frames - start)));
            }
            assertEquals(frames, w.framesWritten());
            w.commit();
            assertEquals(0, w.clippedSamples());
        }
        try (FlacReader r = FlacReader.open(file)) {
            String what = "level " + level + ", " + channels + " ch, " + bits + " bit, " + frames + " frames, " + kind;
            assertEquals(rate, r.sampleRate(), what);
            assertEquals(channels, r.channels(), what);
            assertEquals(bits, r.bitsPerSample(), what);
            assertEquals(frames, r.frames(), what);
            FlacStreamInfo info = r.streamInfo();
            assertEquals(FlacEncoder.blockSize(level), info.maxBlockSize(), what);
            assertArrayEquals(FlacSignals.md5(codes, bits), info.md5(), what);
            if (frames > 0) {
                assertTrue(info.minFrameSize() > 0 && info.minFrameSize() <= info.maxFrameSize(), what);
            }
            AudioBuffer back = TestAudio.readAll(r, 1 + rnd.nextInt(9000));
            assertTrue(audio.sameSamples(back), () -> "samples differ for " + what);
            assertEquals(FlacWriter.VENDOR, r.vendor());
        }
        assertEquals(1, Files.list(dir).count(), "only the committed file is left");
    }
}
