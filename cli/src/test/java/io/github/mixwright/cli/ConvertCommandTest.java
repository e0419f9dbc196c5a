package io.github.mixwright.cli;

import io.github.mixwright.mix.Render;
import static io.github.mixwright.cli.CliTestSupport.encodingOf;
import static io.github.mixwright.cli.CliTestSupport.list;
import static io.github.mixwright.cli.CliTestSupport.noise;
import static io.github.mixwright.cli.CliTestSupport.rawData;
import static io.github.mixwright.cli.CliTestSupport.rawPcm;
import static io.github.mixwright.cli.CliTestSupport.read;
import static io.github.mixwright.cli.CliTestSupport.run;
import static io.github.mixwright.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.cli.CliTestSupport.Result;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.SampleEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code convert}: exact round trips, dither defaults, clipping warning and every refusal. */
class ConvertCommandTest {
    /** Not a multiple of the block size, and more than two blocks: exercises the read-ahead hand-off. */
    private static final int FRAMES = 2 * Render.MAX_BLOCK_FRAMES + 12_345;

    @TempDir
    Path dir;

    /**
     * Back to pcm24 needs {@code --dither none}: the io module's default dithers every float to integer
     * conversion, since a float file may hold values between the 24-bit steps.
     */
    @Test
    void pcm24ToFloat32AndBackIsBitExact() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, FRAMES, 0.99, 7), SampleEncoding.PCM24);
        Path mid = dir.resolve("mid.wav");
        Path back = dir.resolve("back.wav");

        Result toFloat = run("convert", in.toString(), mid.toString(), "--encoding", "float32");
        Result toInt = run("convert", mid.toString(), back.toString(), "--encoding", "pcm24", "--dither", "none");

        assertEquals(0, toFloat.exitCode(), toFloat.err());
        assertEquals(0, toInt.exitCode(), toInt.err());
        assertEquals("", toFloat.err() + toInt.err());
        assertEquals(SampleEncoding.FLOAT32, encodingOf(mid));
        assertTrue(read(in).sameSamples(read(mid)));
        assertEquals(-1, Files.mismatch(in, back), "same format and samples: the same bytes");
    }

    @ParameterizedTest
    @EnumSource(value = SampleEncoding.class, names = {"PCM8", "PCM16", "PCM24", "FLOAT32"})
    void sameEncodingCopiesSamplesExactlyAndIsTheDefault(SampleEncoding encoding) throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(1, 10_000, 0.9, 3), encoding);
        Path out = dir.resolve("out.wav");

        Result r = run("convert", in.toString(), out.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(encoding, encodingOf(out));
        assertTrue(read(in).sameSamples(read(out)));
    }

    @ParameterizedTest
    @EnumSource(value = SampleEncoding.class, names = {"PCM32", "FLOAT64"})
    void sameEncodingKeepsSamplesFloatCannotHold(SampleEncoding encoding) throws Exception {
        // Random 32-bit words: most 32-bit integers and doubles are not floats, so only a verbatim
        // copy keeps them. (The bytes of a double may also be NaN patterns; they are copied as they are.)
        byte[] data = new byte[4 * 8 * 1000];
        new SplittableRandom(11).nextBytes(data);
        Path in = encoding == SampleEncoding.PCM32 ? rawPcm(dir.resolve("in.wav"), 2, 32, data)
                : floatFile(dir.resolve("in.wav"), data);
        Path out = dir.resolve("out.wav");

        Result r = run("convert", in.toString(), out.toString(), "--encoding", encoding.id());

        assertEquals(0, r.exitCode(), r.err());
        assertArrayEquals(data, rawData(out));
        assertEquals(List.of("in.wav", "out.wav"), list(dir));
    }

    @Test
    void toFewerBitsIsDitheredByDefaultAndExactlyRoundedWithDitherNone() throws Exception {
        AudioBuffer signal = noise(2, 20_000, 0.5, 5);
        Path in = write(dir.resolve("in.wav"), signal, SampleEncoding.FLOAT32);
        Path dithered = dir.resolve("dithered.wav");
        Path plain = dir.resolve("plain.wav");

        assertEquals(0, run("convert", in.toString(), dithered.toString(), "--encoding", "pcm16").exitCode());
        assertEquals(0, run("convert", in.toString(), plain.toString(), "--encoding", "pcm16", "--dither", "none")
                .exitCode());

        AudioBuffer d = read(dithered);
        AudioBuffer p = read(plain);
        double lsb = 1.0 / 32768;
        int differing = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < signal.frames(); i++) {
                float x = signal.get(c, i);
                assertEquals(Math.floor(x * 32768 + 0.5) / 32768, p.get(c, i), 1e-12, "rounded to nearest");
                assertTrue(Math.abs(d.get(c, i) - x) <= 1.5 * lsb, "TPDF dither stays within 1.5 LSB");
                differing += d.get(c, i) != p.get(c, i) ? 1 : 0;
            }
        }
        assertTrue(differing > signal.frames() / 4, "dither changed " + differing + " samples");
    }

    @Test
    void warnsAboutClippedSamples() throws Exception {
        AudioBuffer loud = AudioBuffer.allocate(1, 100);
        for (int i = 0; i < 7; i++) {
            loud.set(0, i * 10, i % 2 == 0 ? 1.5f : -1.5f);
        }
        Path in = write(dir.resolve("loud.wav"), loud, SampleEncoding.FLOAT32);
        Path out = dir.resolve("out.wav");

        Result r = run("convert", in.toString(), out.toString(), "--encoding", "pcm24", "--dither", "none");

        assertEquals(0, r.exitCode());
        assertEquals(List.of("warning: " + out + ": 7 samples clipped at full scale"), r.errLines());
    }

    @Test
    void refusesToOverwriteTheInput() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 1000, 0.5, 1), SampleEncoding.PCM16);
        byte[] before = Files.readAllBytes(in);
        Path sameViaOtherName = dir.resolve(".").resolve("in.wav");

        Result r = run("convert", in.toString(), sameViaOtherName.toString(), "--encoding", "pcm24");

        assertEquals(2, r.exitCode());
        assertEquals("error: OUT '" + sameViaOtherName + "' is the input file; write to another file"
                + " (the input is never overwritten)", r.errLines().get(0));
        assertArrayEquals(before, Files.readAllBytes(in));
        assertEquals(List.of("in.wav"), list(dir));
    }

    @Test
    void missingOutputDirectoryIsAUsageError() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 1000, 0.5, 1), SampleEncoding.PCM16);
        Path out = dir.resolve("no-such-dir").resolve("out.wav");

        Result r = run("convert", in.toString(), out.toString());

        assertEquals(2, r.exitCode());
        assertEquals("error: OUT directory '" + out.getParent() + "' does not exist", r.errLines().get(0));
        assertEquals("Try 'mixwright convert --help' for more information.", r.errLines().get(1));
    }

    @Test
    void badEncodingIsAUsageErrorListingTheChoices() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, 1000, 0.5, 1), SampleEncoding.PCM16);

        Result r = run("convert", in.toString(), dir.resolve("out.wav").toString(), "--encoding", "pcm12");
        Result dither = run("convert", in.toString(), dir.resolve("out.wav").toString(), "--dither", "shaped");

        assertEquals(2, r.exitCode());
        assertEquals("error: Invalid value for option '--encoding': 'pcm12' is not one of "
                + "pcm8, pcm16, pcm24, pcm32, float32, float64", r.errLines().get(0));
        assertEquals(2, dither.exitCode());
        assertEquals("error: Invalid value for option '--dither': 'shaped' is not one of none, tpdf",
                dither.errLines().get(0));
        assertEquals(List.of("in.wav"), list(dir));
    }

    @Test
    void truncatedInputIsExitCode3AndLeavesNoOutput() throws Exception {
        Path whole = write(dir.resolve("whole.wav"), noise(2, FRAMES, 0.5, 1), SampleEncoding.PCM24);
        Path in = dir.resolve("cut.wav");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(in, Arrays.copyOf(bytes, bytes.length - 100_000));
        Files.delete(whole);
        Path out = dir.resolve("out.wav");

        Result r = run("convert", in.toString(), out.toString(), "--encoding", "float32");

        assertEquals(3, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: " + in + ": "), r.err());
        assertFalse(Files.exists(out));
        assertEquals(List.of("cut.wav"), list(dir), "no temporary file left behind");
    }

    @Test
    void failedConversionLeavesAnExistingOutputUntouched() throws Exception {
        Path out = Files.writeString(dir.resolve("out.wav"), "previous contents");
        Path in = Files.writeString(dir.resolve("in.wav"), "RIFF but not really");

        Result r = run("convert", in.toString(), out.toString());

        assertEquals(3, r.exitCode());
        assertEquals("previous contents", Files.readString(out));
    }

    @Test
    void keepsFrameCountAcrossBlocks() throws Exception {
        Path in = write(dir.resolve("in.wav"), noise(2, FRAMES, 0.5, 9), SampleEncoding.PCM16);
        Path out = dir.resolve("out.wav");

        assertEquals(0, run("convert", in.toString(), out.toString(), "--encoding", "float64").exitCode());

        assertNotEquals(-1, Files.mismatch(in, out));
        assertTrue(read(in).sameSamples(read(out)));
    }

    private static Path floatFile(Path file, byte[] data) throws Exception {
        Path pcm = rawPcm(file, 2, 32, data);
        byte[] bytes = Files.readAllBytes(pcm);
        // Turn the PCM header into a 64-bit IEEE float one (format tag 3), same data bytes.
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(20, (short) 3).putShort(22, (short) 1).putInt(28, 48_000 * 8).putShort(32, (short) 8)
                .putShort(34, (short) 64);
        return Files.write(file, bytes);
    }
}
