package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written by the reference encoder (flac 1.4.2) decode to exactly the samples its decoder
 * gives (see interop/flac/NOTE.md): every sample of every channel, compared as the floats
 * {@link WavReader} reads from the WAV that {@code flac -d} wrote.
 */
class FlacInteropTest {
    @ParameterizedTest
    @CsvSource({
        "l0-16bit-stereo-44k1, 44100, 2, 16",
        "l5-24bit-stereo-48k, 48000, 2, 24",
        "l5-16bit-stereo-44k1-midside, 44100, 2, 16",
        "l8-16bit-mono-96k, 96000, 1, 16",
        "l5-16bit-6ch-48k, 48000, 6, 16",
        "l8-24bit-stereo-37800-block999, 37800, 2, 24",
        "lpc32-16bit-mono-44k1, 44100, 1, 16",
        "l5-8bit-mono-8k, 8000, 1, 8",
        "l5-12bit-mono-11025, 11025, 1, 12",
        "l5-20bit-stereo-48k, 48000, 2, 20",
        "l5-32bit-mono-44k1, 44100, 1, 32",
    })
    void decodesLikeTheReferenceDecoder(String name, int rate, int channels, int bits) throws Exception {
        AudioBuffer expected;
        try (WavReader wav = WavReader.open(resource(name + ".wav"))) {
            expected = TestAudio.readAll(wav, 1000);
        }
        try (FlacReader r = FlacReader.open(resource(name + ".flac"))) {
            assertEquals(rate, r.sampleRate());
            assertEquals(channels, r.channels());
            assertEquals(bits, r.bitsPerSample());
            assertEquals(expected.frames(), r.frames());
            assertTrue(r.vendor().startsWith("reference libFLAC 1.4.2"), r.vendor());
            AudioBuffer got = TestAudio.readAll(r, 777);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < expected.frames(); i++) {
                    assertEquals(expected.get(c, i), got.get(c, i), name + " frame " + i + " channel " + c);
                }
            }
        }
    }

    @Test
    void vorbisCommentsAreKept() throws Exception {
        try (FlacReader r = FlacReader.open(resource("l5-24bit-stereo-48k.flac"))) {
            assertEquals(List.of("TITLE=Interop", "ARTIST=Mixwright", "ARTIST=Second",
                    "WAVEFORMATEXTENSIBLE_CHANNEL_MASK=0x0003"), r.comments());
            Map<String, List<String>> tags = r.tags();
            assertEquals(List.of("Mixwright", "Second"), tags.get("ARTIST"));
            assertEquals(List.of("Interop"), tags.get("TITLE"));
        }
    }

    @Test
    void seekingLandsOnTheSameSamplesAsReadingThrough() throws Exception {
        Path file = resource("l8-24bit-stereo-37800-block999.flac");
        AudioBuffer all;
        try (FlacReader r = FlacReader.open(file)) {
            all = TestAudio.readAll(r, 500);
        }
        try (FlacReader r = FlacReader.open(file)) {
            AudioBuffer buf = AudioBuffer.allocate(2, 300);
            for (long at : new long[] {2500, 10, 998, 999, 2645, 0, 1998, 2000, 2646, 1}) {
                r.seek(at);
                assertEquals(at, r.position());
                int n = r.read(buf);
                assertEquals(Math.min(300, all.frames() - at), n);
                assertTrue(all.view((int) at, n).sameSamples(buf.view(0, n)), "at " + at);
            }
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Paths.get(Objects.requireNonNull(FlacInteropTest.class.getResource("/interop/flac/" + name), name).toURI());
    }
}
