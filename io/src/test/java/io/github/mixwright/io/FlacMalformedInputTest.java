package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the bytes, FlacReader either reads to the end or throws AudioFormatException naming the
 * file: cut at every byte, thousands of seeded random mutations, and hand-made bad fields. Every read
 * loop here is bounded by a count of calls that a well-behaved reader cannot reach, so a reader that
 * looped would fail rather than hang, and the whole class runs under a timeout.
 */
@Timeout(120)
class FlacMalformedInputTest {
    /** Read calls allowed per file: far more than the largest seed holds in blocks of {@link #BLOCK}. */
    private static final int MAX_READS = 100_000;
    private static final int BLOCK = 333;

    @TempDir
    Path dir;

    @Test
    void truncationAtEveryByteFailsAtOpenOrRead() throws Exception {
        byte[] whole = written(1, 16, 0, 2500, 11);
        Path file = dir.resolve("t.flac");
        for (int length = 0; length < whole.length; length++) {
            TestAudio.write(file, Arrays.copyOf(whole, length));
            int len = length;
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> readToEnd(file),
                    () -> "truncated to " + len + " of " + whole.length + " bytes");
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
        TestAudio.write(file, whole);
        assertEquals(2500, readToEnd(file));
    }

    @Test
    void tenThousandRandomMutationsReadCleanlyOrThrowAudioFormatException() throws Exception {
        byte[][] seeds = {
            written(2, 16, 5, 300, 1),
            written(6, 24, 8, 200, 2),
            written(1, 16, 0, 1500, 3),
            written(2, 24, 2, 100, 4),
            Files.readAllBytes(FlacInteropTest.resource("l5-8bit-mono-8k.flac")),
            Files.readAllBytes(FlacInteropTest.resource("l5-12bit-mono-11025.flac")),
        };
        SplittableRandom rnd = new SplittableRandom(20261204);
        Path file = dir.resolve("m.flac");
        int clean = 0;
        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = TestAudio.mutate(seeds[i % seeds.length], rnd, 120);
            TestAudio.write(file, bytes);
            try {
                readToEnd(file);
                clean++;
            } catch (AudioFormatException e) {
                assertEquals(file, e.file());
                rejected++;
            } catch (IOException | RuntimeException | Error e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
        // Most mutations hit a checksum; the clean ones changed what no reader needs (vendor, frame sizes).
        assertTrue(clean > 100 && rejected > 5000, clean + " clean, " + rejected + " rejected");
    }

    @Test
    void structureIsValidated() throws Exception {
        byte[] good = written(1, 16, 5, 5000, 7);
        assertProblem(new byte[0], "not a FLAC file: only 0 bytes long");
        assertProblem("RIFF....WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "not a FLAC file: starts with 0x52494646, not 'fLaC'");
        assertProblem(Arrays.copyOf(good, 4), "file truncated: metadata block 0 header at byte 4 is past the end of the file");
        assertProblem(Arrays.copyOf(good, 20),
                "file truncated: metadata block 0 (STREAMINFO) at byte 4 claims 34 bytes, the file ends 12 bytes after its header");
        byte[] b = good.clone();
        b[4] = 1;
        assertProblem(b, "the first metadata block is PADDING, not STREAMINFO");
        b = good.clone();
        b[7] = 33;
        assertProblem(b, "STREAMINFO block of 33 bytes, not 34");
        b = good.clone();
        b[10] = 0;
        b[11] = 0;
        assertProblem(b, "STREAMINFO maximum block size 0");
        b = good.clone();
        b[18] = 0;
        b[19] = 0;
        b[20] = 0x01;
        assertProblem(b, "STREAMINFO sample rate 0 Hz");
        b = good.clone();
        b[42] = (byte) 0xFF; // the VORBIS_COMMENT block's header: type 127
        assertProblem(b, "invalid metadata block type 127 at byte 42");
        b = good.clone();
        b[43] = 0x7F;
        assertProblem(b, "file truncated: metadata block 1 (VORBIS_COMMENT) at byte 42 claims 8323089 bytes, the file ends "
                + (good.length - 46) + " bytes after its header");
        b = good.clone();
        Arrays.fill(b, 46, 50, (byte) 0x7F);   // the vendor string's length
        assertProblem(b, "VORBIS_COMMENT block at byte 42: vendor string claims 2139062143 bytes, only 13 remain");
        byte[] id3 = new byte[10 + 5 + good.length];
        System.arraycopy("ID3".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, id3, 0, 3);
        id3[9] = 5;
        System.arraycopy(good, 0, id3, 15, good.length);
        Path tagged = TestAudio.write(dir.resolve("id3.flac"), id3);
        assertEquals(5000, readToEnd(tagged));
    }

    @Test
    void framesAreValidated() throws Exception {
        byte[] good = written(1, 16, 5, 4096, 7);
        int frame = firstFrame(good);
        byte[] b = good.clone();
        b[frame] = 0x12;
        assertReadProblem(b, "no frame sync code at byte " + frame + " (found 0x12F8)");
        b = good.clone();
        b[frame + 5] ^= 1;
        assertReadProblem(b, String.format("header CRC-8 mismatch in the frame at byte %d: computed 0x%02X, stored 0x%02X",
                frame, good[frame + 5] & 0xFF, b[frame + 5] & 0xFF));
        b = good.clone();
        b[b.length - 1] ^= 0x10;
        assertTrue(problemOf(b).matches("frame CRC-16 mismatch in the frame at byte \\d+: computed 0x[0-9A-F]{4}, "
                + "stored 0x[0-9A-F]{4}"), problemOf(b));
        // header fields with their checksums recomputed
        b = withCrcs(good, frame, c -> c[frame + 3] = (byte) (0xB0 | (c[frame + 3] & 0x0F)));
        assertReadProblem(b, "reserved channel assignment 11 in the frame at byte " + frame);
        b = withCrcs(good, frame, c -> c[frame + 2] = (byte) (0x50 | (c[frame + 2] & 0x0F)));
        assertReadProblem(b, "the frame at byte " + frame + " has a block of 4608 samples, more than STREAMINFO's maximum 4096");
        b = withCrcs(good, frame, c -> c[frame + 3] = (byte) ((c[frame + 3] & 0xF1) | 0x06 << 1));
        assertReadProblem(b, "the frame at byte " + frame + " has 24 bits per sample, STREAMINFO 16");
        b = withCrcs(good, frame, c -> c[frame + 6] = (byte) (0x02 << 1));
        assertReadProblem(b, "reserved subframe type 2 in subframe 0 of the frame at byte " + frame);
        b = withCrcs(good, frame, c -> c[frame + 6] |= (byte) 0x80);
        assertReadProblem(b, "padding bit set in subframe 0 of the frame at byte " + frame);
        // every frame is right but the samples are not those STREAMINFO's MD5 was made of
        b = good.clone();
        b[26 + 8] ^= 1;
        assertTrue(problemOf(b).matches("MD5 of the decoded samples [0-9a-f]{32} differs from STREAMINFO's [0-9a-f]{32}"),
                problemOf(b));
        // the same frames with a total that ends inside the first frame
        b = good.clone();
        b[21] &= (byte) 0xF0;
        b[22] = 0;
        b[23] = 0;
        b[24] = 0x0F;
        b[25] = (byte) 0xA0;
        assertReadProblem(b, "the frame at byte " + frame + " ends at sample 4096, past the 4000 STREAMINFO counts");
    }

    @Test
    void aHugeStreamClaimInATinyFileFailsFast() throws Exception {
        byte[] good = written(8, 24, 5, 10, 3);
        // 2^36 - 1 samples of 65535-sample blocks, and a file of a few hundred bytes
        good[10] = (byte) 0xFF;
        good[11] = (byte) 0xFF;
        good[21] |= 0x0F;
        Arrays.fill(good, 22, 26, (byte) 0xFF);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> readToEnd(TestAudio.write(
                dir.resolve("huge.flac"), good)));
        assertEquals("file truncated: STREAMINFO counts 68719476735 samples, the frames end after 10", e.problem());
    }

    @Test
    void missingFileIsNotAFormatProblem() {
        assertThrows(NoSuchFileException.class, () -> FlacReader.open(dir.resolve("nope.flac")));
    }

    /** Reads every frame of {@code file} within {@link #MAX_READS} calls; returns the frames read. */
    private static long readToEnd(Path file) throws IOException {
        try (FlacReader r = FlacReader.open(file)) {
            AudioBuffer buf = AudioBuffer.allocate(r.channels(), BLOCK);
            long frames = 0;
            for (int calls = 0; calls < MAX_READS; calls++) {
                int n = r.read(buf);
                if (n == 0) {
                    if (r.frames() >= 0) {
                        assertEquals(r.frames(), frames);
                    }
                    return frames;
                }
                frames += n;
            }
            fail(file + " did not end within " + MAX_READS + " reads");
            return -1;
        }
    }

    private byte[] written(int channels, int bits, int level, int frames, long seed) throws IOException {
        Path f = dir.resolve("seed.flac");
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SEGMENTS, channels, frames, bits, new SplittableRandom(seed));
        try (FlacWriter w = FlacWriter.create(f, 44_100, channels, bits, level, WriteOptions.defaults().withDither(Dither.NONE))) {
            w.write(FlacSignals.toFloats(codes, bits));
            w.commit();
        }
        return Files.readAllBytes(f);
    }

    /** The offset of the first frame of a file from FlacWriter: after STREAMINFO and VORBIS_COMMENT. */
    private static int firstFrame(byte[] b) {
        int commentLength = (b[43] & 0xFF) << 16 | (b[44] & 0xFF) << 8 | (b[45] & 0xFF);
        return 46 + commentLength;
    }

    /** A change to the only frame of a file, with its header CRC-8 and frame CRC-16 made right again. */
    private static byte[] withCrcs(byte[] good, int frame, java.util.function.Consumer<byte[]> change) {
        byte[] b = good.clone();
        change.accept(b);
        // FlacWriter's frames of 4096 samples at 44.1 kHz: 5 header bytes, then the CRC-8; the only frame
        b[frame + 5] = (byte) FlacCrc.crc8(0, b, frame, frame + 5);
        int end = b.length;
        int crc = FlacCrc.crc16(0, b, frame, end - 2);
        b[end - 2] = (byte) (crc >> 8);
        b[end - 1] = (byte) crc;
        return b;
    }

    private String problemOf(byte[] bytes) throws IOException {
        Path file = TestAudio.write(dir.resolve("bad.flac"), bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> readToEnd(file));
        assertEquals(file + ": " + e.problem(), e.getMessage());
        assertEquals(file, e.file());
        return e.problem();
    }

    private void assertReadProblem(byte[] bytes, String problem) throws IOException {
        assertEquals(problem, problemOf(bytes));
    }

    private void assertProblem(byte[] bytes, String problem) throws IOException {
        Path file = TestAudio.write(dir.resolve("bad.flac"), bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> FlacReader.open(file).close());
        assertEquals(problem, e.problem());
        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(file, e.file());
    }
}
