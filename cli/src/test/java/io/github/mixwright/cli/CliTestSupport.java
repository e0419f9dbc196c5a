package io.github.mixwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs commands in-process and makes and reads test files. */
final class CliTestSupport {
    private CliTestSupport() {
    }

    /** What a command did: exit code and everything it printed. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().collect(Collectors.toList());
        }
    }

    /** Runs {@code args} with the processors found on the class path. */
    static Result run(String... args) {
        return run(ProcessorRegistry.load(), args);
    }

    /** Runs {@code args} with exactly the processors of {@code registry}. */
    static Result run(ProcessorRegistry registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), () -> registry, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A seeded noise signal in [-amplitude, amplitude). */
    static AudioBuffer noise(int channels, int frames, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            float[] x = b.channel(c);
            for (int i = 0; i < frames; i++) {
                x[i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
            }
        }
        return b;
    }

    /** Writes {@code audio} at 48 kHz without dither, so integer files hold the samples rounded. */
    static Path write(Path file, AudioBuffer audio, SampleEncoding encoding) throws IOException {
        return write(file, audio, WavFormat.of(48_000, audio.channels(), encoding), WriteOptions.defaults()
                .withDither(Dither.NONE));
    }

    static Path write(Path file, AudioBuffer audio, WavFormat format, WriteOptions options) throws IOException {
        try (WavWriter w = WavWriter.create(file, format, options)) {
            w.write(audio);
            w.commit();
        }
        return file;
    }

    /** Every sample of {@code file}. */
    static AudioBuffer read(Path file) throws IOException {
        try (WavReader r = WavReader.open(file)) {
            AudioBuffer b = AudioBuffer.allocate(r.channels(), Math.toIntExact(r.frames()));
            if (b.frames() > 0) {
                assertEquals(b.frames(), r.read(b));
            }
            return b;
        }
    }

    static SampleEncoding encodingOf(Path file) throws IOException {
        try (WavReader r = WavReader.open(file)) {
            return r.format().encoding();
        }
    }

    /** The names of the files in {@code dir}, sorted: shows leftovers such as temporary files. */
    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /**
     * A minimal WAV file (format tag 1, PCM) holding {@code data} as is, for contents the writer
     * cannot produce from floats, such as arbitrary 32-bit integers.
     */
    static Path rawPcm(Path file, int channels, int bits, byte[] data) throws IOException {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(48_000).putInt(48_000 * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return Files.write(file, b.array());
    }

    /** The bytes of the {@code data} chunk of a file written by {@link #rawPcm}. */
    static byte[] rawData(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        for (int i = 12; i + 8 <= all.length;) {
            String id = new String(all, i, 4, StandardCharsets.US_ASCII);
            int size = ByteBuffer.wrap(all, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("data")) {
                return Arrays.copyOfRange(all, i + 8, i + 8 + size);
            }
            i += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk in " + file);
    }
}
