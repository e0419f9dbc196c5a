package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the bytes, the reader either reads to the end or throws AudioFormatException naming the file. */
class MalformedInputTest {
    @TempDir
    Path dir;

    @Test
    void truncationAtEveryByteFailsAtOpenOrRead() throws Exception {
        byte[] whole = WavBytes.wave()
                .chunk("LIST", new byte[] {1, 2, 3})
                .chunk("fmt ", WavBytes.fmtExtensible(3, 44_100, 3, 24, 0x7, 1))
                .chunk("data", new byte[3 * 3 * 40])
                .bytesWithRiffSize();
        Path file = dir.resolve("t.wav");
        for (int length = 0; length < whole.length; length++) {
            TestAudio.write(file, Arrays.copyOf(whole, length));
            int len = length;
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> {
                try (WavReader r = WavReader.open(file)) {
                    TestAudio.readAll(r, 7);
                }
            }, () -> "truncated to " + len + " bytes");
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
        TestAudio.write(file, whole);
        assertEquals(40, TestAudio.readAll(file).frames());
    }

    @Test
    void fileShrinkingAfterOpenFailsDuringRead() throws Exception {
        Path file = dir.resolve("shrink.wav");
        AudioBuffer audio = TestAudio.onGrid(SampleEncoding.PCM16, 2, 300_000, 5);
        TestAudio.write(file, WavFormat.of(48_000, 2, SampleEncoding.PCM16), WriteOptions.defaults(), audio, 10_000);
        try (WavReader r = WavReader.open(file)) {
            AudioBuffer buf = AudioBuffer.allocate(2, 1000);
            r.read(buf);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(100_000);
            }
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> {
                while (r.read(buf) > 0) {
                    // drain
                }
            });
            assertTrue(e.problem().startsWith("file truncated: expected 1200000 bytes of data, found "), e.problem());
        }
    }

    @Test
    @Timeout(60)
    void tenThousandRandomMutationsReadCleanlyOrThrowAudioFormatException() throws Exception {
        byte[][] seeds = {
            WavBytes.wave()
                .chunk("bext", new byte[] {1, 2, 3, 4, 5, 6, 7})
                .chunk("fmt ", WavBytes.fmt(1, 2, 44_100, 4, 16, -1))
                .chunk("data", WavBytes.pcm16(1, 2, 3, 4, 5, 6))
                .chunk("LIST", new byte[] {1})
                .bytesWithRiffSize(),
            writtenFile(WavFormat.of(48_000, 2, SampleEncoding.FLOAT32), true),
            writtenFile(new WavFormat(96_000, 6, SampleEncoding.PCM24, 0x3F), false),
            writtenFile(WavFormat.of(8_000, 1, SampleEncoding.PCM8), false),
        };
        SplittableRandom rnd = new SplittableRandom(1124);
        Path file = dir.resolve("m.wav");
        AudioBuffer buf = AudioBuffer.allocate(64, 333);
        int clean = 0;
        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = TestAudio.mutate(seeds[i % seeds.length], rnd, 100);
            TestAudio.write(file, bytes);
            try (WavReader r = WavReader.open(file)) {
                AudioBuffer dst = buf.channelView(0, r.channels());
                long frames = 0;
                int n;
                while ((n = r.read(dst)) > 0) {
                    frames += n;
                }
                assertEquals(r.frames(), frames);
                clean++;
            } catch (AudioFormatException e) {
                assertEquals(file, e.file());
                rejected++;
            } catch (IOException | RuntimeException | Error e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
        assertTrue(clean > 1000 && rejected > 1000, clean + " clean, " + rejected + " rejected");
    }

    @Test
    void fourGigabyteDataClaimInAHundredByteFileFailsAtOpen() throws Exception {
        byte[] bytes = WavBytes.wave()
                .chunk("fmt ", WavBytes.fmt(1, 2, 44_100, 4, 16, -1))
                .chunk("data", 0xFFFFFFFCL, new byte[100 - 44])
                .bytesWithRiffSize();
        assertEquals(100, bytes.length);
        assertProblem(bytes, "file truncated: expected 4294967292 bytes of data, found 56");
        byte[] streamed = WavBytes.riff("RIFF", 0xFFFFFFFFL, "WAVE")
                .chunk("fmt ", WavBytes.fmt(1, 2, 44_100, 4, 16, -1))
                .chunk("data", 0xFFFFFFFFL, new byte[100 - 44])
                .bytes();
        assertProblem(streamed, "file truncated: expected 4294967295 bytes of data, found 56 (a size of 0xFFFFFFFF "
                + "usually means a header never completed by a writer streaming to a pipe)");
        byte[] rf64 = WavBytes.riff("RF64", 0xFFFFFFFFL, "WAVE")
                .chunk("ds64", new WavBytes().u64(0).u64(Long.MAX_VALUE).u64(0).u32(0).bytes())
                .chunk("fmt ", WavBytes.fmt(1, 1, 44_100, 2, 16, -1))
                .chunk("data", 0xFFFFFFFFL, new byte[8])
                .bytes();
        assertProblem(rf64, "file truncated: expected " + Long.MAX_VALUE + " bytes of data, found 8");
    }

    @Test
    void headerFieldsAreValidated() throws Exception {
        byte[] data = WavBytes.pcm16(1, 2);
        assertProblem(fmtFile(new byte[0], data), "fmt chunk size 0 is out of range [16, 65536]");
        assertProblem(fmtFile(new byte[8], data), "fmt chunk size 8 is out of range [16, 65536]");
        assertProblem(WavBytes.wave().chunk("fmt ", 0x7FFFFFFFL, new byte[16]).bytesWithRiffSize(),
                "fmt chunk size 2147483647 is out of range [16, 65536]");
        assertProblem(WavBytes.wave().chunk("fmt ", 0xFFFFFFFFL, new byte[16]).bytesWithRiffSize(),
                "fmt chunk size 4294967295 is out of range [16, 65536]");
        assertProblem(WavBytes.wave().chunk("fmt ", 40, new byte[16]).bytesWithRiffSize(),
                "file truncated: fmt chunk claims 40 bytes, the file ends 16 bytes after its header");
        assertProblem(fmtFile(WavBytes.fmt(1, 0, 44_100, 0, 16, -1), data), "channel count 0 is out of range [1, 64]");
        assertProblem(fmtFile(WavBytes.fmt(1, 65, 44_100, 130, 16, -1), data), "channel count 65 is out of range [1, 64]");
        assertProblem(fmtFile(WavBytes.fmt(1, 1, 0, 2, 16, -1), data), "sample rate 0 Hz is out of range [1000, 768000]");
        assertProblem(fmtFile(WavBytes.fmt(1, 1, 0xFFFFFFFFL, 2, 16, -1), data),
                "sample rate 4294967295 Hz is out of range [1000, 768000]");
        assertProblem(fmtFile(WavBytes.fmt(1, 2, 44_100, 2, 16, -1), data),
                "block align 2 does not match 2 channels x 2 bytes per sample");
        assertProblem(fmtFile(WavBytes.fmt(1, 1, 44_100, 2, 0, -1), data), "PCM bits per sample 0 is out of range [1, 32]");
        assertProblem(fmtFile(WavBytes.fmt(3, 1, 44_100, 2, 16, 0), data),
                "IEEE float with 16 bits per sample (valid 16) is not 32- or 64-bit float");
        assertProblem(fmtFile(WavBytes.fmt(0x55, 1, 44_100, 2, 16, 0), data),
                "format tag 0x0055 (MPEG layer 3) is not supported; only PCM (1), IEEE float (3) and "
                + "WAVE_FORMAT_EXTENSIBLE (0xFFFE) of those are");
        assertProblem(fmtFile(WavBytes.fmtExtensible(1, 44_100, 2, 16, 0, 2), data),
                "WAVE_FORMAT_EXTENSIBLE subformat {00000002-0000-0010-8000-00AA00389B71} is neither "
                        + "KSDATAFORMAT_SUBTYPE_PCM nor KSDATAFORMAT_SUBTYPE_IEEE_FLOAT");
        assertProblem(fmtFile(Arrays.copyOf(WavBytes.fmtExtensible(1, 44_100, 2, 16, 0, 1), 18), data),
                "WAVE_FORMAT_EXTENSIBLE fmt chunk is too short (18 bytes, cbSize 22)");
        assertProblem(fmtFile(WavBytes.fmtExtensible(1, 44_100, 2, 24, 0, 1), data),
                "valid bits per sample 24 exceed the 16-bit container");
        assertProblem(fmtFile(WavBytes.fmt(1, 2, 44_100, 4, 16, -1), WavBytes.pcm16(1, 2, 3)),
                "data chunk size 6 is not a whole number of 4-byte frames");
    }

    @Test
    void structureIsValidated() throws Exception {
        byte[] fmt = WavBytes.fmt(1, 1, 44_100, 2, 16, -1);
        assertProblem(new byte[0], "not a WAV file: only 0 bytes long");
        assertProblem(WavBytes.riff("RIFX", 4, "WAVE").bytes(), "not a WAV file: starts with 'RIFX', not 'RIFF', 'RF64' or 'BW64'");
        assertProblem(WavBytes.riff("RIFF", 4, "AVI ").bytes(), "not a WAV file: RIFF form type is 'AVI ', not 'WAVE'");
        assertProblem(WavBytes.wave().bytesWithRiffSize(), "no fmt chunk");
        assertProblem(WavBytes.wave().chunk("fmt ", fmt).bytesWithRiffSize(), "no data chunk");
        assertProblem(WavBytes.wave().chunk("fmt ", fmt).chunk("LIST", 1000, new byte[4]).bytesWithRiffSize(),
                "chunk 'LIST' at byte 36 claims 1000 bytes but the file ends 4 bytes after its header");
        assertProblem(WavBytes.wave().chunk("data", new byte[2]).chunk("fmt ", fmt).bytesWithRiffSize(),
                "data chunk comes before the fmt chunk");
        assertProblem(WavBytes.wave().chunk("fmt ", fmt).chunk("fmt ", fmt).bytesWithRiffSize(), "more than one fmt chunk");
        assertProblem(WavBytes.riff("RF64", -1, "WAVE").chunk("fmt ", fmt).chunk("data", new byte[2]).bytes(),
                "RF64 file has no ds64 chunk first (found 'fmt ')");
        assertProblem(WavBytes.riff("RF64", -1, "WAVE").chunk("ds64", new byte[12]).bytes(),
                "ds64 chunk size 12 is out of range [28, 65536]");
        assertProblem(WavBytes.riff("RF64", -1, "WAVE").chunk("ds64", new WavBytes().u64(0).u64(0).u64(0).u32(5).bytes())
                .bytes(), "ds64 table of 5 entries does not fit in its 28-byte chunk");
        WavBytes many = WavBytes.wave().chunk("fmt ", fmt);
        for (int i = 0; i < WavHeaderParser.MAX_CHUNKS; i++) {
            many.chunk("pad ", new byte[0]);
        }
        assertProblem(many.chunk("data", new byte[2]).bytesWithRiffSize(), "no data chunk among the first 4096 chunks");
        assertProblem(WavBytes.wave().chunk("\u0001\u0002ab", new byte[0]).bytesWithRiffSize(), "no fmt chunk");
    }

    @Test
    void missingFileIsNotAFormatProblem() {
        assertThrows(NoSuchFileException.class, () -> WavReader.open(dir.resolve("nope.wav")));
    }

    private byte[] writtenFile(WavFormat format, boolean rf64) throws IOException {
        Path f = dir.resolve("seed.wav");
        TestAudio.write(f, format, WriteOptions.defaults().withForceRf64(rf64),
                TestAudio.onGrid(SampleEncoding.FLOAT32, format.channels(), 11, 3), 5);
        return Files.readAllBytes(f);
    }

    private static byte[] fmtFile(byte[] fmt, byte[] data) {
        return WavBytes.wave().chunk("fmt ", fmt).chunk("data", data).bytesWithRiffSize();
    }

    private void assertProblem(byte[] bytes, String problem) throws IOException {
        Path file = TestAudio.write(dir.resolve("bad.wav"), bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.open(file).close());
        assertEquals(problem, e.problem());
        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(file, e.file());
    }
}
