package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes the writer produces, checked field by field against Microsoft RIFF/WAVE,
 * WAVE_FORMAT_EXTENSIBLE and EBU Tech 3306; and handmade files the reader must understand.
 */
class HeaderLayoutTest {
    private static final byte[] JUNK28 = new byte[28];

    @TempDir
    Path dir;

    @Test
    void plainPcm16StereoHeaderIsByteExact() throws Exception {
        AudioBuffer audio = AudioBuffer.wrap(new float[][] {{0.5f, -1f}, {0.25f, 0f}});
        byte[] file = write(WavFormat.of(44_100, 2, SampleEncoding.PCM16), WriteOptions.defaults().withDither(Dither.NONE), audio);
        byte[] expected = WavBytes.wave()
                .chunk("JUNK", JUNK28)
                .chunk("fmt ", WavBytes.fmt(1, 2, 44_100, 4, 16, -1))
                .chunk("data", WavBytes.pcm16(0x4000, 0x2000, -0x8000, 0))
                .bytesWithRiffSize();
        assertArrayEquals(expected, file);
        assertEquals(12 + 36 + 24 + 8 + 8, file.length);
        assertEquals(file.length - 8, le32(file, 4), "RIFF size is the file size minus 8");
    }

    @Test
    void extensibleFloatHeaderHasGuidValidBitsMaskAndFact() throws Exception {
        AudioBuffer audio = AudioBuffer.wrap(new float[][] {{0.5f}, {-0.25f}, {1f}, {0f}, {0f}, {0f}});
        byte[] file = write(new WavFormat(48_000, 6, SampleEncoding.FLOAT32, 0x3F), WriteOptions.defaults(), audio);
        byte[] expected = WavBytes.wave()
                .chunk("JUNK", JUNK28)
                .chunk("fmt ", WavBytes.fmtExtensible(6, 48_000, 4, 32, 0x3F, 3))
                .chunk("fact", new WavBytes().u32(1).bytes())
                .chunk("data", new WavBytes().u32(0x3F000000).u32(0xBE800000L).u32(0x3F800000).u32(0).u32(0).u32(0).bytes())
                .bytesWithRiffSize();
        assertArrayEquals(expected, file);
        int fmt = 12 + 36;
        assertEquals(40, le32(file, fmt + 4), "fmt size");
        assertEquals(0xFFFE, le16(file, fmt + 8), "WAVE_FORMAT_EXTENSIBLE");
        assertEquals(22, le16(file, fmt + 8 + 16), "cbSize");
        // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT {00000003-0000-0010-8000-00AA00389B71} in its stored byte order.
        byte[] guid = {3, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
        assertArrayEquals(guid, Arrays.copyOfRange(file, fmt + 8 + 24, fmt + 8 + 40));
    }

    @Test
    void pcm24IsExtensibleEvenInStereo() throws Exception {
        byte[] file = write(WavFormat.of(96_000, 2, SampleEncoding.PCM24), WriteOptions.defaults(),
                AudioBuffer.allocate(2, 0));
        byte[] expected = WavBytes.wave()
                .chunk("JUNK", JUNK28)
                .chunk("fmt ", WavBytes.fmtExtensible(2, 96_000, 3, 24, 0, 1))
                .chunk("data", new byte[0])
                .bytesWithRiffSize();
        assertArrayEquals(expected, file);
    }

    @Test
    void oddDataSizeIsFollowedByAPadByteCountedInTheRiffSize() throws Exception {
        AudioBuffer audio = AudioBuffer.wrap(new float[][] {{0f, 0.5f, -1f}});
        byte[] file = write(WavFormat.of(8_000, 1, SampleEncoding.PCM8), WriteOptions.defaults().withDither(Dither.NONE), audio);
        byte[] expected = WavBytes.wave()
                .chunk("JUNK", JUNK28)
                .chunk("fmt ", WavBytes.fmt(1, 1, 8_000, 1, 8, -1))
                .chunk("data", new byte[] {(byte) 128, (byte) 192, 0})
                .bytesWithRiffSize();
        assertArrayEquals(expected, file);
        assertEquals(3, le32(file, file.length - 8), "data size excludes the pad byte");
        assertEquals(0, file[file.length - 1]);
        assertEquals(0, file.length % 2);
    }

    @Test
    void forcedRf64HasDs64InPlaceOfJunk() throws Exception {
        AudioBuffer audio = AudioBuffer.wrap(new float[][] {{0.5f, -0.5f, 0.25f}});
        byte[] file = write(WavFormat.of(48_000, 1, SampleEncoding.PCM16),
                WriteOptions.defaults().withDither(Dither.NONE).withForceRf64(true), audio);
        int size = 12 + 36 + 24 + 8 + 6;
        byte[] expected = WavBytes.riff("RF64", 0xFFFFFFFFL, "WAVE")
                .chunk("ds64", new WavBytes().u64(size - 8).u64(6).u64(3).u32(0).bytes())
                .chunk("fmt ", WavBytes.fmt(1, 1, 48_000, 2, 16, -1))
                .chunk("data", 0xFFFFFFFFL, WavBytes.pcm16(0x4000, -0x4000, 0x2000))
                .bytes();
        assertArrayEquals(expected, file);
    }

    @Test
    void switchesToRf64ExactlyWhenTheRiffSizeOverflowsTheLimit() throws Exception {
        WavFormat format = WavFormat.of(48_000, 1, SampleEncoding.FLOAT32);
        int header = WavHeaderBuilder.length(format);
        long limit = 4_000;
        // RIFF size = header - 8 + 4 * frames; the largest RIFF file has RIFF size == limit.
        int fits = (int) ((limit + 8 - header) / 4);
        for (int frames : new int[] {fits - 1, fits, fits + 1, 10 * fits}) {
            Path file = dir.resolve("t" + frames + ".wav");
            AudioBuffer audio = TestAudio.onGrid(SampleEncoding.FLOAT32, 1, frames, frames);
            try (WavWriter w = WavWriter.create(file, format, WriteOptions.defaults(), limit)) {
                TestAudio.writeBlocks(w, audio, 100);
                w.commit();
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean rf64 = frames > fits;
            assertEquals(rf64 ? "RF64" : "RIFF", new String(bytes, 0, 4, "US-ASCII"), frames + " frames");
            try (WavReader r = WavReader.open(file)) {
                assertEquals(rf64 ? Container.RF64 : Container.WAV, r.container());
                assertEquals(frames, r.frames());
                assertTrue(audio.sameSamples(TestAudio.readAll(r, 512)));
            }
            if (rf64) {
                assertEquals(bytes.length - 8, le64(bytes, 20), "ds64 riffSize");
                assertEquals(4L * frames, le64(bytes, 28), "ds64 dataSize");
                assertEquals(frames, le64(bytes, 36), "ds64 sampleCount");
                assertEquals(-1, le32(bytes, header - 12), "fact sample length is -1 in RF64");
                assertEquals(-1, le32(bytes, header - 4), "data size is -1 in RF64");
            }
        }
    }

    @Test
    void readsHandmadeFileWithUnknownOddChunksBeforeAndAfterData() throws Exception {
        byte[] bytes = WavBytes.wave()
                .chunk("LIST", new byte[] {1, 2, 3, 4, 5})
                .chunk("fmt ", WavBytes.fmt(3, 1, 22_050, 4, 32, 0))
                .chunk("odd ", new byte[] {9})
                .chunk("data", new WavBytes().u32(0x3F000000).u32(0xBF800000L).bytes())
                .chunk("id3 ", new byte[] {7, 7, 7})
                .bytesWithRiffSize();
        Path file = TestAudio.write(dir.resolve("hand.wav"), bytes);
        try (WavReader r = WavReader.open(file)) {
            assertEquals(WavFormat.of(22_050, 1, SampleEncoding.FLOAT32), r.format());
            assertEquals(2, r.frames());
            AudioBuffer all = TestAudio.readAll(r, 10);
            assertEquals(0.5f, all.get(0, 0));
            assertEquals(-1f, all.get(0, 1));
        }
    }

    @Test
    void readsExtensibleMaskBw64AndDs64Tables() throws Exception {
        byte[] ext = WavBytes.wave()
                .chunk("fmt ", WavBytes.fmtExtensible(2, 48_000, 3, 20, 0x3, 1))
                .chunk("data", new byte[] {0, 0x10, 0x40, 0, 0, (byte) 0x80})
                .bytesWithRiffSize();
        try (WavReader r = WavReader.open(TestAudio.write(dir.resolve("ext.wav"), ext))) {
            assertEquals(new WavFormat(48_000, 2, SampleEncoding.PCM24, 3), r.format());
            AudioBuffer all = TestAudio.readAll(r, 1);
            assertEquals((0x401000) / 8388608f, all.get(0, 0));
            assertEquals(-1f, all.get(1, 0));
        }
        // BW64 whose ds64 has a table entry giving the real size of a chunk marked -1.
        byte[] bw = WavBytes.riff("BW64", 0xFFFFFFFFL, "WAVE")
                .chunk("ds64", new WavBytes().u64(0).u64(4).u64(2).u32(1).ascii("axml").u64(3).bytes())
                .chunk("axml", 0xFFFFFFFFL, new byte[] {1, 2, 3, 0})
                .chunk("fmt ", WavBytes.fmt(1, 1, 8_000, 2, 16, -1))
                .chunk("data", 0xFFFFFFFFL, WavBytes.pcm16(1, -1))
                .bytes();
        try (WavReader r = WavReader.open(TestAudio.write(dir.resolve("bw.wav"), bw))) {
            assertEquals(Container.RF64, r.container());
            assertEquals(2, r.frames());
            AudioBuffer all = TestAudio.readAll(r, 5);
            assertEquals(1 / 32768f, all.get(0, 0));
        }
    }

    @Test
    void readsOldTwelveBitPcmLeftJustifiedInTwoBytes() throws Exception {
        byte[] bytes = WavBytes.wave()
                .chunk("fmt ", WavBytes.fmt(1, 1, 11_025, 2, 12, -1))
                .chunk("data", WavBytes.pcm16(0x7FF0, -0x8000, 0x0010))
                .bytesWithRiffSize();
        AudioBuffer all = TestAudio.readAll(TestAudio.write(dir.resolve("12.wav"), bytes));
        assertEquals(0x7FF0 / 32768f, all.get(0, 0));
        assertEquals(-1f, all.get(0, 1));
        assertEquals(16 / 32768f, all.get(0, 2));
    }

    private byte[] write(WavFormat format, WriteOptions options, AudioBuffer audio) throws Exception {
        Path file = dir.resolve("h.wav");
        TestAudio.write(file, format, options, audio, 2);
        return Files.readAllBytes(file);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    private static long le64(byte[] b, int at) {
        return (le32(b, at) & 0xFFFFFFFFL) | (long) le32(b, at + 4) << 32;
    }
}
