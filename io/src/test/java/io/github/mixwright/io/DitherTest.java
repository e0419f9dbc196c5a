package io.github.mixwright.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TPDF dither: its statistics, determinism, block-size invariance, and that floats never get it. */
class DitherTest {
    private static final int N = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void noiseIsTriangularWithZeroMeanAndVarianceOneSixth() {
        TpdfNoise noise = new TpdfNoise(42, 0);
        double sum = 0;
        double sumSq = 0;
        int inner = 0;
        double min = 0;
        double max = 0;
        for (int i = 0; i < N; i++) {
            double d = noise.next();
            sum += d;
            sumSq += d * d;
            inner += Math.abs(d) < 0.5 ? 1 : 0;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double mean = sum / N;
        double variance = sumSq / N - mean * mean;
        // Standard errors at N = 1e6: mean 0.0004, variance 0.0002; bounds are about 5 sigma.
        assertEquals(0, mean, 0.002);
        assertEquals(1.0 / 6, variance, 0.001);
        // A triangle on (-1, 1) holds 3/4 of its mass within 1/2 of the centre (a uniform would hold 1/2).
        assertEquals(0.75, inner / (double) N, 0.003);
        assertTrue(min > -1 && max < 1);
    }

    @Test
    void channelsGetIndependentStreams() {
        TpdfNoise a = new TpdfNoise(42, 0);
        TpdfNoise b = new TpdfNoise(42, 1);
        double cross = 0;
        for (int i = 0; i < N; i++) {
            cross += a.next() * b.next();
        }
        assertEquals(0, cross / N, 0.001);
    }

    @Test
    void ditheredQuantisationIsUnbiasedWithTotalErrorVarianceOneQuarter() {
        // A constant 0.3 LSB above a code: plain rounding always gives the code (error -0.3); with
        // TPDF the mean output is the input itself and the error variance is 1/6 + 1/12 LSB².
        float x = (float) (1000.3 / 32768);
        AudioBuffer in = AudioBuffer.allocate(1, N);
        Arrays.fill(in.channel(0), x);
        SampleEncoder enc = new SampleEncoder(SampleEncoding.PCM16, 1, Dither.TPDF, 5);
        byte[] bytes = new byte[2 * N];
        enc.encode(in, 0, N, bytes, 0);
        AudioBuffer out = AudioBuffer.allocate(1, N);
        SampleDecoder.decode(SampleEncoding.PCM16, bytes, 0, N, out, 0);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double e = (out.get(0, i) - (double) x) * 32768;
            sum += e;
            sumSq += e * e;
        }
        assertEquals(0, sum / N, 0.003);
        assertEquals(0.25, sumSq / N - Math.pow(sum / N, 2), 0.003);
    }

    @Test
    void sameSeedSameFileOtherSeedOtherFileWhateverTheBlockSize() throws Exception {
        AudioBuffer audio = TestAudio.onGrid(SampleEncoding.FLOAT32, 3, 50_000, 9);
        for (int c = 0; c < 3; c++) {
            float[] x = audio.channel(c);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.001 * (c + 1)) * 0.5f;
            }
        }
        WavFormat format = WavFormat.of(44_100, 3, SampleEncoding.PCM16);
        WriteOptions options = WriteOptions.defaults().withSeed(77);
        byte[] a = write(format, options, audio, 4096);
        byte[] b = write(format, options, audio, 1);
        byte[] c = write(format, options, audio, 7_777);
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
        assertFalse(Arrays.equals(a, write(format, options.withSeed(78), audio, 4096)));
        assertFalse(Arrays.equals(a, write(format, options.withDither(Dither.NONE), audio, 4096)));
    }

    @Test
    void floatOutputIsNeverDithered() throws Exception {
        AudioBuffer audio = TestAudio.onGrid(SampleEncoding.FLOAT32, 2, 10_000, 3);
        for (SampleEncoding e : new SampleEncoding[] {SampleEncoding.FLOAT32, SampleEncoding.FLOAT64}) {
            WavFormat format = WavFormat.of(48_000, 2, e);
            byte[] dithered = write(format, WriteOptions.defaults().withDither(Dither.TPDF), audio, 1000);
            byte[] plain = write(format, WriteOptions.defaults().withDither(Dither.NONE), audio, 1000);
            assertArrayEquals(plain, dithered);
        }
    }

    private byte[] write(WavFormat format, WriteOptions options, AudioBuffer audio, int block) throws Exception {
        Path file = dir.resolve("d.wav");
        TestAudio.write(file, format, options, audio, block);
        return Files.readAllBytes(file);
    }
}
