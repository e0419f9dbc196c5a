package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The value types: ids, validation messages, defaults and the default-dither rule. */
class FormatValuesTest {
    @Test
    void encodingsDescribeThemselves() {
        assertEquals("pcm8,pcm16,pcm24,pcm32,float32,float64", String.join(",",
                java.util.Arrays.stream(SampleEncoding.values()).map(SampleEncoding::id).toArray(String[]::new)));
        for (SampleEncoding e : SampleEncoding.values()) {
            assertEquals(e, SampleEncoding.fromId(e.id()));
            assertEquals(e, SampleEncoding.fromId(e.id().toUpperCase()));
            assertEquals(e.bits() / 8, e.bytesPerSample());
        }
        assertEquals(24, SampleEncoding.PCM24.bits());
        assertTrue(SampleEncoding.FLOAT64.isFloat());
        assertFalse(SampleEncoding.PCM32.isFloat());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleEncoding.fromId("pcm20"));
        assertEquals("encoding 'pcm20' is not one of pcm8, pcm16, pcm24, pcm32, float32, float64", e.getMessage());
        assertEquals(Container.RF64, Container.fromId("rf64"));
        assertEquals("wav", Container.WAV.id());
        assertEquals("container 'aiff' is not one of wav, rf64",
                assertThrows(IllegalArgumentException.class, () -> Container.fromId("aiff")).getMessage());
    }

    @Test
    void wavFormatValidatesWithTheSharedMessages() {
        WavFormat f = WavFormat.of(48_000, 2, SampleEncoding.PCM24);
        assertEquals(0, f.channelMask());
        assertEquals(6, f.blockAlign());
        assertEquals(SampleEncoding.FLOAT32, f.withEncoding(SampleEncoding.FLOAT32).encoding());
        assertEquals("sampleRate 999 is out of range [1000, 768000]",
                assertThrows(IllegalArgumentException.class, () -> WavFormat.of(999, 2, SampleEncoding.PCM16)).getMessage());
        assertEquals("sampleRate 768001 is out of range [1000, 768000]",
                assertThrows(IllegalArgumentException.class, () -> WavFormat.of(768_001, 2, SampleEncoding.PCM16)).getMessage());
        assertEquals("channels 0 is out of range [1, 64]",
                assertThrows(IllegalArgumentException.class, () -> WavFormat.of(48_000, 0, SampleEncoding.PCM16)).getMessage());
        assertEquals("channels 65 is out of range [1, 64]",
                assertThrows(IllegalArgumentException.class, () -> WavFormat.of(48_000, 65, SampleEncoding.PCM16)).getMessage());
        assertThrows(NullPointerException.class, () -> WavFormat.of(48_000, 2, null));
        WavFormat.of(1_000, 64, SampleEncoding.FLOAT64);
        WavFormat.of(768_000, 1, SampleEncoding.PCM8);
    }

    @Test
    void extensibleIsChosenAsMicrosoftRecommends() {
        assertFalse(WavFormat.of(44_100, 2, SampleEncoding.PCM16).needsExtensible());
        assertFalse(WavFormat.of(44_100, 1, SampleEncoding.PCM8).needsExtensible());
        assertTrue(WavFormat.of(44_100, 3, SampleEncoding.PCM16).needsExtensible());
        assertTrue(new WavFormat(44_100, 2, SampleEncoding.PCM16, 3).needsExtensible());
        assertTrue(WavFormat.of(44_100, 1, SampleEncoding.PCM24).needsExtensible());
        assertTrue(WavFormat.of(44_100, 1, SampleEncoding.FLOAT32).needsExtensible());
    }

    @Test
    void writeOptionsDefaultsAndWithers() {
        WriteOptions d = WriteOptions.defaults();
        assertEquals(new WriteOptions(Dither.TPDF, WriteOptions.DEFAULT_SEED, false), d);
        assertEquals(Dither.NONE, d.withDither(Dither.NONE).dither());
        assertEquals(5, d.withSeed(5).ditherSeed());
        assertTrue(d.withForceRf64(true).forceRf64());
        assertThrows(NullPointerException.class, () -> d.withDither(null));
    }

    @Test
    void defaultDitherOnlyWhenTheWordGetsShorter() {
        for (SampleEncoding source : SampleEncoding.values()) {
            for (SampleEncoding target : SampleEncoding.values()) {
                boolean shorter = !target.isFloat() && (source.isFloat() || target.bits() < source.bits());
                assertEquals(shorter ? Dither.TPDF : Dither.NONE, WriteOptions.defaultDither(source, target),
                        source + " -> " + target);
            }
        }
        assertEquals(Dither.TPDF, WriteOptions.defaultDither(SampleEncoding.FLOAT32, SampleEncoding.PCM32));
        assertEquals(Dither.NONE, WriteOptions.defaultDither(SampleEncoding.PCM16, SampleEncoding.PCM24));
        assertEquals(Dither.NONE, WriteOptions.defaultDither(SampleEncoding.PCM24, SampleEncoding.PCM24));
        assertEquals(Dither.NONE, WriteOptions.defaultDither(SampleEncoding.FLOAT64, SampleEncoding.FLOAT32));
    }

    @Test
    void audioFormatExceptionNamesFileAndProblem() {
        AudioFormatException e = new AudioFormatException(Path.of("a", "take.wav"), "no data chunk");
        assertEquals(Path.of("a", "take.wav") + ": no data chunk", e.getMessage());
        assertEquals("no data chunk", e.problem());
        assertEquals(Path.of("a", "take.wav"), e.file());
    }
}
