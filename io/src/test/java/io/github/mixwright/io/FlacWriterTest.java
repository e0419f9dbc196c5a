package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FlacWriter's contract beyond the round trip: atomic commits, WavWriter's quantisation, STREAMINFO, rates, seeking. */
class FlacWriterTest {
    @TempDir
    Path dir;

    @Test
    void withoutACommitNothingAppearsAndAnExistingTargetIsKept() throws Exception {
        Path target = dir.resolve("out.flac");
        AudioBuffer audio = FlacSignals.toFloats(FlacSignals.make(FlacRoundTripTest.Kind.SINE, 2, 10_000, 16,
                new SplittableRandom(1)), 16);
        try (FlacWriter w = FlacWriter.create(target, 48_000, 2, 16, WriteOptions.defaults())) {
            w.write(audio);
        }
        assertFalse(Files.exists(target));
        assertEquals(0, listDir().length, "no temporary file is left");
        Files.writeString(target, "before");
        try (FlacWriter w = FlacWriter.create(target, 48_000, 2, 16, WriteOptions.defaults())) {
            w.write(audio);
            assertThrows(IllegalArgumentException.class, () -> w.write(AudioBuffer.allocate(1, 10)));
        }
        assertEquals("before", Files.readString(target));
        assertEquals(1, listDir().length);
        FlacWriter w = FlacWriter.create(target, 48_000, 2, 16, WriteOptions.defaults());
        w.write(audio);
        w.commit();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.write(audio));
        assertThrows(IllegalStateException.class, w::commit);
        try (FlacReader r = FlacReader.open(target)) {
            assertEquals(10_000, r.frames());
        }
    }

    @Test
    void samplesAreQuantisedExactlyAsWavWriterQuantisesThem() throws Exception {
        SplittableRandom rnd = new SplittableRandom(77);
        AudioBuffer audio = AudioBuffer.allocate(3, 20_000);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < audio.frames(); i++) {
                audio.channel(c)[i] = (float) (rnd.nextDouble(-1.05, 1.05) * Math.sin(i * 0.01 * (c + 1)));
            }
        }
        audio.channel(1)[5] = Float.NaN;
        audio.channel(2)[7] = 1f;
        for (int bits : new int[] {16, 24}) {
            for (WriteOptions options : new WriteOptions[] {WriteOptions.defaults(), WriteOptions.defaults().withSeed(5),
                WriteOptions.defaults().withDither(Dither.NONE)}) {
                Path wav = dir.resolve("q.wav");
                Path flac = dir.resolve("q.flac");
                WavWriter ww = TestAudio.write(wav, WavFormat.of(44_100, 3, bits == 16 ? SampleEncoding.PCM16
                        : SampleEncoding.PCM24), options, audio, 4321);
                long flacClipped;
                try (FlacWriter fw = FlacWriter.create(flac, 44_100, 3, bits, 3, options)) {
                    for (int start = 0; start < audio.frames(); start += 999) {
                        fw.write(audio.view(start, Math.min(999, audio.frames() - start)));
                    }
                    fw.commit();
                    flacClipped = fw.clippedSamples();
                }
                assertEquals(ww.clippedSamples(), flacClipped);
                assertTrue(flacClipped > 0);
                try (FlacReader r = FlacReader.open(flac)) {
                    assertTrue(TestAudio.readAll(wav).sameSamples(TestAudio.readAll(r, 1000)), bits + " bits, " + options);
                }
            }
        }
    }

    @Test
    void framesEncodedOnSeveralThreadsAreTheBytesOfOneThread() throws Exception {
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SEGMENTS, 2, 50_001, 24, new SplittableRandom(21));
        AudioBuffer audio = FlacSignals.toFloats(codes, 24);
        byte[][] files = new byte[2][];
        for (int k = 0; k < 2; k++) {
            Path f = dir.resolve("t" + k + ".flac");
            try (FlacWriter w = FlacWriter.create(f, 48_000, 2, 24, 8, WriteOptions.defaults().withWriteBehind(k == 0))) {
                for (int start = 0; start < audio.frames(); start += 3000) {
                    w.write(audio.view(start, Math.min(3000, audio.frames() - start)));
                }
                w.commit();
            }
            files[k] = Files.readAllBytes(f);
        }
        assertArrayEquals(files[0], files[1]);
    }

    @Test
    void streamInfoIsCompletedAtCommit() throws Exception {
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SEGMENTS, 2, 4096, 24, new SplittableRandom(3));
        Path file = write(dir.resolve("one.flac"), codes, 24, 48_000, 5);
        byte[] bytes = Files.readAllBytes(file);
        try (FlacReader r = FlacReader.open(file)) {
            FlacStreamInfo info = r.streamInfo();
            int frameBytes = bytes.length - (46 + 4 + FlacWriter.VENDOR.length() + 4);
            assertEquals(frameBytes, info.minFrameSize(), "one frame: the smallest");
            assertEquals(frameBytes, info.maxFrameSize(), "and the largest");
            assertEquals(4096, info.minBlockSize());
            assertEquals(4096, info.totalSamples());
            assertArrayEquals(FlacSignals.md5(codes, 24), info.md5());
            assertEquals(FlacWriter.VENDOR, r.vendor());
            assertEquals(0, r.comments().size());
        }
        Path empty = write(dir.resolve("empty.flac"), new int[2][0], 16, 44_100, 5);
        try (FlacReader r = FlacReader.open(empty)) {
            assertEquals(0, r.frames());
            assertEquals(0, r.read(AudioBuffer.allocate(2, 10)));
            assertEquals(0, r.streamInfo().maxFrameSize());
        }
    }

    @Test
    void argumentsAreChecked() {
        Path f = dir.resolve("x.flac");
        WriteOptions o = WriteOptions.defaults();
        assertEquals("sampleRate 0 is out of range [1, 655350]", assertThrows(IllegalArgumentException.class,
                () -> FlacWriter.create(f, 0, 2, 16, o)).getMessage());
        assertEquals("sampleRate 655351 is out of range [1, 655350]", assertThrows(IllegalArgumentException.class,
                () -> FlacWriter.create(f, 655_351, 2, 16, o)).getMessage());
        assertEquals("channels 9 is out of range [1, 8]", assertThrows(IllegalArgumentException.class,
                () -> FlacWriter.create(f, 44_100, 9, 16, o)).getMessage());
        assertEquals("bitsPerSample 20 is not 16 or 24", assertThrows(IllegalArgumentException.class,
                () -> FlacWriter.create(f, 44_100, 2, 20, o)).getMessage());
        assertEquals("compressionLevel 9 is out of range [0, 8]", assertThrows(IllegalArgumentException.class,
                () -> FlacWriter.create(f, 44_100, 2, 16, 9, o)).getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void everySampleRateRoundTrips() throws Exception {
        // table codes, kHz, Hz and tens of Hz in the header, and rates only STREAMINFO can state
        int[] rates = {1, 7, 999, 8_000, 11_025, 44_100, 65_535, 65_536, 96_000, 123_457, 255_000, 256_000, 655_350, 654_321};
        for (int rate : rates) {
            int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.NOISE, 1, 5000, 16, new SplittableRandom(rate));
            Path file = write(dir.resolve("r.flac"), codes, 16, rate, 1);
            try (FlacReader r = FlacReader.open(file)) {
                assertEquals(rate, r.sampleRate());
                assertTrue(FlacSignals.toFloats(codes, 16).sameSamples(TestAudio.readAll(r, 4000)), "rate " + rate);
            }
        }
        assertEquals(0, FlacEncoder.sampleRateCode(654_321));
        assertEquals(14, FlacEncoder.sampleRateCode(655_350));
        assertEquals(12, FlacEncoder.sampleRateCode(255_000));
        assertEquals(13, FlacEncoder.sampleRateCode(65_535));
    }

    @Test
    void variableBlockSizeStreamsDecode() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        int total = 30_000;
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SEGMENTS, 2, total, 24, rnd);
        FlacEncoder encoder = new FlacEncoder(2, 24, 96_000, 5);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int[][] block = new int[2][4096];
        int minBlock = Integer.MAX_VALUE;
        for (int at = 0; at < total; ) {
            int n = Math.min(total - at, 16 + rnd.nextInt(4096 - 16));
            minBlock = at + n < total ? Math.min(minBlock, n) : minBlock;
            for (int c = 0; c < 2; c++) {
                System.arraycopy(codes[c], at, block[c], 0, n);
            }
            encoder.encode(block, n, at, true);
            frames.write(encoder.bytes(), 0, encoder.length());
            at += n;
        }
        ByteBuffer head = ByteBuffer.allocate(4 + 4 + FlacStreamInfo.LENGTH).order(ByteOrder.BIG_ENDIAN);
        head.put(new byte[] {'f', 'L', 'a', 'C'}).putInt(0x80 << 24 | FlacStreamInfo.LENGTH);
        head.put(new FlacStreamInfo(minBlock, 4096, 0, 0, 96_000, 2, 24, total, FlacSignals.md5(codes, 24)).bytes());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.array());
        frames.writeTo(all);
        Path file = TestAudio.write(dir.resolve("variable.flac"), all.toByteArray());
        AudioBuffer expected = FlacSignals.toFloats(codes, 24);
        try (FlacReader r = FlacReader.open(file)) {
            assertTrue(expected.sameSamples(TestAudio.readAll(r, 1234)));
            r.seek(12_345);
            AudioBuffer buf = AudioBuffer.allocate(2, 100);
            assertEquals(100, r.read(buf));
            assertTrue(expected.view(12_345, 100).sameSamples(buf));
        }
    }

    @Test
    void seekingAnywhereReadsWhatReadingThroughReads() throws Exception {
        int total = 300_000;
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SEGMENTS, 2, total, 16, new SplittableRandom(11));
        Path file = write(dir.resolve("long.flac"), codes, 16, 44_100, 0);
        AudioBuffer expected = FlacSignals.toFloats(codes, 16);
        SplittableRandom rnd = new SplittableRandom(12);
        try (FlacReader r = FlacReader.open(file)) {
            AudioBuffer buf = AudioBuffer.allocate(2, 700);
            for (int k = 0; k < 60; k++) {
                long at = k == 0 ? total : k == 1 ? 0 : rnd.nextLong(total);
                r.seek(at);
                assertEquals(at, r.position());
                int n = r.read(buf);
                assertEquals(Math.min(700, total - at), n);
                assertTrue(expected.view((int) at, n).sameSamples(buf.view(0, n)), "at " + at);
            }
            assertThrows(IllegalArgumentException.class, () -> r.seek(total + 1));
            r.seek(0);
            assertTrue(expected.sameSamples(TestAudio.readAll(r, 5000)));
        }
    }

    @Test
    void aStreamOfUnknownLengthReadsToTheEndOfTheFile() throws Exception {
        int[][] codes = FlacSignals.make(FlacRoundTripTest.Kind.SINE, 1, 9000, 16, new SplittableRandom(4));
        Path file = write(dir.resolve("u.flac"), codes, 16, 8_000, 5);
        byte[] b = Files.readAllBytes(file);
        b[21] &= (byte) 0xF0;
        java.util.Arrays.fill(b, 22, 26, (byte) 0);
        TestAudio.write(file, b);
        try (FlacReader r = FlacReader.open(file)) {
            assertEquals(-1, r.frames());
            AudioBuffer buf = AudioBuffer.allocate(1, 4000);
            int total = 0;
            for (int n; (n = r.read(buf)) > 0; ) {
                assertTrue(FlacSignals.toFloats(codes, 16).view(total, n).sameSamples(buf.view(0, n)));
                total += n;
            }
            assertEquals(9000, total);
        }
    }

    private static Path write(Path file, int[][] codes, int bits, int rate, int level) throws IOException {
        try (FlacWriter w = FlacWriter.create(file, rate, codes.length, bits, level,
                WriteOptions.defaults().withDither(Dither.NONE))) {
            w.write(FlacSignals.toFloats(codes, bits));
            w.commit();
        }
        return file;
    }

    private Path[] listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toArray(Path[]::new);
        }
    }
}
