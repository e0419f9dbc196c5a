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

    /**
     * Every dithered code is the textbook one, {@code floor(x 2^(bits-1) + r + 0.5)} clamped to the
     * word, computed here in double precision with the same noise sequence: the quantiser's
     * float-domain scaling and its in-register noise may change speed, never a code. Inputs include
     * exact half-LSB points, denormals, values past full scale, values whose float product
     * overflows, and NaN.
     */
    @Test
    void ditheredCodesAreFloorOfScaledSamplePlusNoisePlusHalf() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(29);
        int n = 20_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            switch (i % 8) {
                case 0: x[i] = (float) (rnd.nextDouble() * 2 - 1); break;
                case 1: x[i] = (float) ((rnd.nextInt(-256, 256) + 0.5) / 256); break;
                case 2: x[i] = Float.MIN_VALUE * rnd.nextInt(1, 1000) * (rnd.nextBoolean() ? 1 : -1); break;
                case 3: x[i] = (float) (rnd.nextDouble() * 4 - 2); break;
                case 4: x[i] = rnd.nextBoolean() ? 1e35f : -1e35f; break;
                case 5: x[i] = rnd.nextBoolean() ? 1f : -1f; break;
                case 6: x[i] = Float.NaN; break;
                default: x[i] = (float) (rnd.nextGaussian() * 1e-6); break;
            }
        }
        for (int bits : new int[] {8, 16, 24, 32}) {
            double scale = Math.pow(2, bits - 1);
            int[] codes = new int[n];
            long clips = new TpdfNoise(7, 1).quantise(x, 0, n, scale, codes);
            TpdfNoise reference = new TpdfNoise(7, 1);
            long expectedClips = 0;
            for (int i = 0; i < n; i++) {
                double r = Math.floor((double) x[i] * scale + reference.next() + 0.5);
                int expected;
                if (r >= -scale && r <= scale - 1) {
                    expected = (int) r;
                } else {
                    expectedClips++;
                    expected = r > scale - 1 ? (int) (scale - 1) : r < -scale ? (int) -scale : 0;
                }
                assertEquals(expected, codes[i], bits + "-bit code of " + x[i] + " (sample " + i + ")");
            }
            assertEquals(expectedClips, clips, bits + "-bit clip count");
        }
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
