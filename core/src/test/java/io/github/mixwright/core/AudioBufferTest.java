package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioBufferTest {
    @Test
    void viewsShareSamplesWithoutCopying() {
        float[][] data = {{0, 1, 2, 3, 4, 5}, {10, 11, 12, 13, 14, 15}};
        AudioBuffer all = AudioBuffer.wrap(data);
        AudioBuffer middle = all.view(2, 3);
        assertEquals(3, middle.frames());
        assertEquals(2, middle.offset());
        assertSame(data[0], middle.channel(0));
        assertEquals(12f, middle.get(1, 0));
        middle.set(0, 2, -1f);
        assertEquals(-1f, data[0][4]);
        AudioBuffer right = middle.channelView(1, 1);
        assertEquals(1, right.channels());
        assertEquals(13f, right.get(0, 1));
        middle.view(1, 1).clear();
        assertEquals(0f, data[0][3]);
        assertEquals(0f, data[1][3]);
        assertEquals(2f, data[0][2]);
    }

    @Test
    void boundsAreChecked() {
        AudioBuffer b = AudioBuffer.allocate(2, 10);
        assertThrows(IndexOutOfBoundsException.class, () -> b.view(5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(0, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> b.channel(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioBuffer.allocate(65, 1));
        assertEquals("channels 65 is out of range [1, 64]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioBuffer.wrap(new float[][] {{1, 2}, {1}}, 0, 2));
        assertEquals("channel 1 holds 1 samples, fewer than offset 0 + frames 2", e.getMessage());
    }

    @Test
    void copyAndCompare() {
        AudioBuffer a = AudioBuffer.wrap(new float[][] {{1, 2, 3}});
        AudioBuffer c = a.copy();
        assertTrue(a.sameSamples(c));
        c.set(0, 0, -0f);
        a.set(0, 0, 0f);
        assertFalse(a.sameSamples(c));
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(AudioBuffer.allocate(1, 2)));
    }

    @Test
    void processSpecIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcessSpec(0, 64, 2));
        assertEquals("sampleRate 0 is out of range (0, 12288000]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessSpec(48_000, 0, 2));
        assertEquals("maxBlockFrames 0 is out of range [1, 1048576]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProcessSpec(Double.NaN, 64, 2));
    }

    @Test
    void numbersAreFormattedAsPeopleWriteThem() {
        assertEquals("1", Checks.format(1.0));
        assertEquals("0.5", Checks.format(0.5));
        assertEquals("-Infinity", Checks.format(Double.NEGATIVE_INFINITY));
        assertEquals("12288000", Checks.format(12_288_000));
        assertEquals("ratio 0.5 is out of range [1, 100]", Checks.outOfRange("ratio", 0.5, 1, 100));
    }
}
