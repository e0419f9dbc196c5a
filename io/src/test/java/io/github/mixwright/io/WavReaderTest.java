package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader behaviour beyond decoding: positions, seeking, views, misuse. */
class WavReaderTest {
    private static final int FRAMES = 150_000;
    private static final AudioBuffer AUDIO = TestAudio.onGrid(SampleEncoding.PCM16, 3, FRAMES, 17);

    @TempDir
    Path dir;

    private Path file() throws Exception {
        Path f = dir.resolve("r.wav");
        TestAudio.write(f, WavFormat.of(44_100, 3, SampleEncoding.PCM16), WriteOptions.defaults().withDither(Dither.NONE),
                AUDIO, 10_000);
        return f;
    }

    @Test
    void describesTheFile() throws Exception {
        Path f = file();
        try (WavReader r = WavReader.open(f)) {
            assertEquals(f, r.path());
            assertEquals(44_100.0, r.sampleRate());
            assertEquals(3, r.channels());
            assertEquals(FRAMES, r.frames());
            assertEquals(Container.WAV, r.container());
            assertTrue(r.toString().contains("r.wav"));
        }
    }

    @Test
    void seekAndPositionFollowTheFrames() throws Exception {
        try (WavReader r = WavReader.open(file())) {
            AudioBuffer buf = AudioBuffer.allocate(3, 1000);
            assertEquals(0, r.position());
            r.read(buf);
            assertEquals(1000, r.position());
            for (long to : new long[] {FRAMES - 10, 123_457, 0, 65_000, 5}) {
                r.seek(to);
                assertEquals(to, r.position());
                int n = r.read(buf);
                assertEquals(Math.min(1000, FRAMES - to), n);
                assertTrue(buf.view(0, n).sameSamples(AUDIO.view((int) to, n)), "after seek to " + to);
                assertEquals(to + n, r.position());
            }
            r.seek(FRAMES);
            assertEquals(0, r.read(buf));
            assertEquals(FRAMES, r.position());
            assertThrows(IllegalArgumentException.class, () -> r.seek(FRAMES + 1));
            assertThrows(IllegalArgumentException.class, () -> r.seek(-1));
        }
    }

    @Test
    void fillsViewsFromTheirOwnFrameZero() throws Exception {
        try (WavReader r = WavReader.open(file())) {
            float[][] backing = new float[4][5000];
            AudioBuffer view = AudioBuffer.wrap(backing, 100, 4000).channelView(1, 3);
            assertEquals(4000, r.read(view));
            assertTrue(view.sameSamples(AUDIO.view(0, 4000)));
            assertEquals(0f, backing[1][99]);
            assertEquals(0f, backing[1][4100]);
            assertEquals(0f, backing[0][150]);
        }
    }

    @Test
    void misuseIsReported() throws Exception {
        WavReader r = WavReader.open(file());
        assertThrows(IllegalArgumentException.class, () -> r.read(AudioBuffer.allocate(2, 10)));
        r.close();
        r.close();
        assertThrows(IllegalStateException.class, () -> r.read(AudioBuffer.allocate(3, 10)));
        assertThrows(IllegalStateException.class, () -> r.seek(0));
    }

    @Test
    void emptyFileReadsNothing() throws Exception {
        Path f = dir.resolve("empty.wav");
        TestAudio.write(f, WavFormat.of(8_000, 1, SampleEncoding.FLOAT64), WriteOptions.defaults(),
                AudioBuffer.allocate(1, 0), 1);
        try (WavReader r = WavReader.open(f)) {
            assertEquals(0, r.frames());
            assertEquals(0, r.read(AudioBuffer.allocate(1, 10)));
        }
    }
}
