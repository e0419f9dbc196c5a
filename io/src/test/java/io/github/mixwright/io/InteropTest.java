package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written by SoX and FFmpeg decode to the samples SoX decodes from them (see reference/README.md). */
class InteropTest {
    @ParameterizedTest
    @CsvSource({
        "sox-pcm24-stereo, 48000, 2, PCM24, 3, WAV",
        "sox-pcm32-mono, 44100, 1, PCM32, 4, WAV",
        "sox-float64-stereo, 96000, 2, FLOAT64, 0, WAV",
        "ffmpeg-rf64-float32, 44100, 1, FLOAT32, 4, RF64",
        "ffmpeg-pcm8-mono, 22050, 1, PCM8, 0, WAV",
        "ffmpeg-pcm16-5.1, 48000, 6, PCM16, 63, WAV",
    })
    void decodesLikeSox(String name, int rate, int channels, SampleEncoding encoding, int mask, Container container)
            throws Exception {
        double[] expected = reference(name + ".f64");
        try (WavReader r = WavReader.open(resource(name + ".wav"))) {
            assertEquals(new WavFormat(rate, channels, encoding, mask), r.format());
            assertEquals(container, r.container());
            assertEquals(expected.length / channels, r.frames());
            AudioBuffer all = TestAudio.readAll(r, 100);
            for (int i = 0; i < r.frames(); i++) {
                for (int c = 0; c < channels; c++) {
                    float want = (float) expected[i * channels + c];
                    assertEquals(want, all.get(c, i), name + " frame " + i + " channel " + c);
                }
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(Objects.requireNonNull(InteropTest.class.getResource("/reference/" + name), name).toURI());
    }

    private static double[] reference(String name) throws IOException {
        try (InputStream in = InteropTest.class.getResourceAsStream("/reference/" + name)) {
            ByteBuffer b = ByteBuffer.wrap(Objects.requireNonNull(in, name).readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            double[] d = new double[b.remaining() / 8];
            b.asDoubleBuffer().get(d);
            return d;
        }
    }
}
