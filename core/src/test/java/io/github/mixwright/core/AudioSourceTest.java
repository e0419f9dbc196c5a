package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link AudioSource#of}: audio in memory, read in blocks of any size, every frame once. */
class AudioSourceTest {
    @Test
    void readsEveryFrameOnceInBlocksOfAnySize() throws Exception {
        AudioBuffer audio = AudioBuffer.allocate(2, 1000);
        for (int i = 0; i < 1000; i++) {
            audio.set(0, i, i);
            audio.set(1, i, -i);
        }
        AudioSource s = AudioSource.of(audio.view(10, 990), 44_100);
        assertEquals(44_100, s.sampleRate());
        assertEquals(990, s.frames());
        AudioBuffer block = AudioBuffer.allocate(2, 333);
        int at = 0;
        for (int n; (n = s.read(block)) > 0; at += n) {
            for (int i = 0; i < n; i++) {
                assertEquals(10 + at + i, block.get(0, i), 0f);
                assertEquals(-(10 + at + i), block.get(1, i), 0f);
            }
        }
        assertEquals(990, at);
        assertEquals(0, s.read(block));
        assertEquals("sampleRate 0.0 is not a positive number of Hz",
                assertThrows(IllegalArgumentException.class, () -> AudioSource.of(audio, 0)).getMessage());
    }
}
