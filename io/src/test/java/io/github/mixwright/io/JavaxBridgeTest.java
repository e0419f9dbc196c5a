package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The javax.sound.sampled bridge: stream formats decode to the right floats; playback writes the right bytes. */
class JavaxBridgeTest {
    private static final AudioFormat.Encoding SIGNED = AudioFormat.Encoding.PCM_SIGNED;
    private static final AudioFormat.Encoding UNSIGNED = AudioFormat.Encoding.PCM_UNSIGNED;
    private static final AudioFormat.Encoding FLOAT = AudioFormat.Encoding.PCM_FLOAT;

    @Test
    void decodesEveryIntegerLayout() throws Exception {
        // Stereo frames: (0.5, -0.25) and (-1, 0) in each layout.
        assertDecodes(format(SIGNED, 16, 2, false), new byte[] {0, 0x40, 0, (byte) 0xE0, 0, (byte) 0x80, 0, 0});
        assertDecodes(format(SIGNED, 16, 2, true), new byte[] {0x40, 0, (byte) 0xE0, 0, (byte) 0x80, 0, 0, 0});
        assertDecodes(format(UNSIGNED, 16, 2, false), new byte[] {0, (byte) 0xC0, 0, 0x60, 0, 0, 0, (byte) 0x80});
        assertDecodes(format(UNSIGNED, 16, 2, true), new byte[] {(byte) 0xC0, 0, 0x60, 0, 0, 0, (byte) 0x80, 0});
        assertDecodes(format(SIGNED, 8, 2, false), new byte[] {0x40, (byte) 0xE0, (byte) 0x80, 0});
        assertDecodes(format(UNSIGNED, 8, 2, true), new byte[] {(byte) 0xC0, 0x60, 0, (byte) 0x80});
        assertDecodes(format(SIGNED, 24, 2, true),
                new byte[] {0x40, 0, 0, (byte) 0xE0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0});
        assertDecodes(format(UNSIGNED, 24, 2, false),
                new byte[] {0, 0, (byte) 0xC0, 0, 0, 0x60, 0, 0, 0, 0, 0, (byte) 0x80});
        assertDecodes(format(SIGNED, 32, 2, false),
                new byte[] {0, 0, 0, 0x40, 0, 0, 0, (byte) 0xE0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0});
        assertDecodes(format(UNSIGNED, 32, 2, true),
                new byte[] {(byte) 0xC0, 0, 0, 0, 0x60, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0, 0});
    }

    @Test
    void decodesFloatsInBothByteOrders() throws Exception {
        for (boolean bigEndian : new boolean[] {false, true}) {
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer f32 = ByteBuffer.allocate(16).order(order).putFloat(0.5f).putFloat(-0.25f).putFloat(-1f).putFloat(0f);
            assertDecodes(format(FLOAT, 32, 2, bigEndian), f32.array());
            ByteBuffer f64 = ByteBuffer.allocate(32).order(order).putDouble(0.5).putDouble(-0.25).putDouble(-1).putDouble(0);
            assertDecodes(format(FLOAT, 64, 2, bigEndian), f64.array());
        }
    }

    @Test
    void longStreamsCrossBufferBoundariesAndDropAPartialLastFrame() throws Exception {
        int frames = 100_003;
        ByteBuffer b = ByteBuffer.allocate(frames * 6 + 5).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < frames; i++) {
            b.put((byte) (i >> 16)).put((byte) (i >> 8)).put((byte) i);
            b.put((byte) (-i >> 16)).put((byte) (-i >> 8)).put((byte) -i);
        }
        AudioFormat f = format(SIGNED, 24, 2, true);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), f, AudioSystem.NOT_SPECIFIED);
        try (AudioInputStreamSource source = new AudioInputStreamSource(in)) {
            assertEquals(-1, source.frames());
            assertEquals(2, source.channels());
            AudioBuffer buf = AudioBuffer.allocate(2, 7_000);
            int at = 0;
            int n;
            while ((n = source.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int q = at + i;
                    assertEquals(q / 8388608f, buf.get(0, i));
                    assertEquals(-q / 8388608f, buf.get(1, i));
                }
                at += n;
            }
            assertEquals(frames, at);
        }
    }

    @Test
    void rejectsUnsupportedFormats() {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        AudioFormat twenty = new AudioFormat(SIGNED, 48_000, 20, 1, 3, 48_000, false);
        AudioFormat noRate = new AudioFormat(SIGNED, AudioSystem.NOT_SPECIFIED, 16, 1, 2, AudioSystem.NOT_SPECIFIED, false);
        for (AudioFormat f : new AudioFormat[] {ulaw, twenty, noRate}) {
            AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(new byte[0]), f, 0);
            assertThrows(IllegalArgumentException.class, () -> new AudioInputStreamSource(in), f::toString);
        }
    }

    @Test
    void playbackOpensA16BitLineAndWritesDitheredSamples() throws Exception {
        AudioBuffer audio = AudioBuffer.allocate(2, 5_000);
        for (int i = 0; i < 5_000; i++) {
            audio.set(0, i, (float) Math.sin(i * 0.01) * 0.9f);
            audio.set(1, i, -audio.get(0, i));
        }
        StubLine line = new StubLine();
        line.maxChunk = 1_001;
        Playback.play(AudioSource.of(audio, 48_000), line);
        AudioFormat opened = line.getFormat();
        assertEquals(new AudioFormat(48_000, 16, 2, true, false).toString(), opened.toString());
        assertEquals(1, line.opens);
        assertEquals(1, line.drains);
        assertEquals(1, line.closes, "a line opened by play is closed by it");
        ByteBuffer out = ByteBuffer.wrap(line.written.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5_000 * 4, out.remaining());
        for (int i = 0; i < 5_000; i++) {
            for (int c = 0; c < 2; c++) {
                double exact = audio.get(c, i) * 32768.0;
                int q = out.getShort();
                assertTrue(Math.abs(q - exact) <= 1.5, () -> "sample " + q + " vs " + exact);
            }
        }
    }

    @Test
    void playbackKeepsTheFormatOfAnOpenLine() throws Exception {
        AudioBuffer audio = AudioBuffer.wrap(new float[][] {{0.5f, -0.25f, 1f}});
        AudioFormat f32be = format(FLOAT, 32, 1, true);
        StubLine line = new StubLine(f32be);
        Playback.play(AudioSource.of(audio, 44_100), line);
        ByteBuffer expected = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putFloat(0.5f).putFloat(-0.25f).putFloat(1f);
        assertArrayEquals(expected.array(), line.written.toByteArray());
        assertEquals(0, line.closes, "a caller's line stays open");

        StubLine u8 = new StubLine(new AudioFormat(UNSIGNED, 44_100, 8, 1, 1, 44_100, false));
        Playback.play(AudioSource.of(AudioBuffer.wrap(new float[][] {{0f, -1f, 0.5f}}), 44_100), u8);
        byte[] bytes = u8.written.toByteArray();
        assertEquals(3, bytes.length);
        assertTrue(Math.abs((bytes[0] & 0xFF) - 128) <= 1 && (bytes[1] & 0xFF) <= 1 && Math.abs((bytes[2] & 0xFF) - 192) <= 1);

        StubLine mono = new StubLine(format(SIGNED, 16, 1, false));
        assertThrows(IllegalArgumentException.class,
                () -> Playback.play(AudioSource.of(AudioBuffer.allocate(2, 10), 44_100), mono));
        StubLine slow = new StubLine(format(SIGNED, 16, 1, false));
        assertThrows(IllegalArgumentException.class,
                () -> Playback.play(AudioSource.of(AudioBuffer.allocate(1, 10), 48_000), slow));
    }

    private static AudioFormat format(AudioFormat.Encoding e, int bits, int channels, boolean bigEndian) {
        return new AudioFormat(e, 44_100, bits, channels, channels * bits / 8, 44_100, bigEndian);
    }

    private static void assertDecodes(AudioFormat f, byte[] bytes) throws Exception {
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), f, 2);
        try (AudioInputStreamSource source = new AudioInputStreamSource(in)) {
            assertEquals(2, source.frames());
            assertEquals(44_100, source.sampleRate());
            AudioBuffer buf = AudioBuffer.allocate(2, 10);
            assertEquals(2, source.read(buf), f::toString);
            assertEquals(0.5f, buf.get(0, 0), f::toString);
            assertEquals(-0.25f, buf.get(1, 0), f::toString);
            assertEquals(-1f, buf.get(0, 1), f::toString);
            assertEquals(0f, buf.get(1, 1), f::toString);
            assertEquals(0, source.read(buf));
        }
    }
}
