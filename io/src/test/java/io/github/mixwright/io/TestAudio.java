package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Signals and file helpers shared by the io tests. */
final class TestAudio {
    private TestAudio() {
    }

    /** An I/O step in a lambda. */
    interface IoRunnable {
        void run() throws IOException;
    }

    static void unchecked(IoRunnable r) {
        try {
            r.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Random samples that {@code encoding} stores exactly: integers on the {@code 2^-(bits-1)} grid
     * (32-bit ones with at most 24 significant bits, so a float holds them), any float32 bit
     * pattern, and for float64 any float whose widening and narrowing is exact (no signalling NaN).
     */
    static AudioBuffer onGrid(SampleEncoding encoding, int channels, int frames, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AudioBuffer b = AudioBuffer.allocate(channels, frames);
        for (int c = 0; c < channels; c++) {
            float[] x = b.channel(c);
            for (int i = 0; i < frames; i++) {
                x[i] = onGridSample(encoding, rnd);
            }
        }
        return b;
    }

    private static float onGridSample(SampleEncoding encoding, SplittableRandom rnd) {
        switch (encoding) {
            case PCM8: case PCM16: case PCM24: {
                int bits = encoding.bits();
                int q = rnd.nextInt(-(1 << (bits - 1)), 1 << (bits - 1));
                return q / (float) (1 << (bits - 1));
            }
            case PCM32: {
                int q = rnd.nextInt(-(1 << 23), 1 << 23) << rnd.nextInt(9);
                return q / 2147483648f;
            }
            case FLOAT32:
                return Float.intBitsToFloat(rnd.nextInt());
            case FLOAT64: {
                float f = Float.intBitsToFloat(rnd.nextInt());
                return Float.isNaN(f) ? Float.NaN : f;
            }
            default:
                throw new AssertionError(encoding);
        }
    }

    /** Writes {@code audio} in blocks of {@code block} frames, commits and returns the writer's counts. */
    static WavWriter write(Path file, WavFormat format, WriteOptions options, AudioBuffer audio, int block)
            throws IOException {
        try (WavWriter w = WavWriter.create(file, format, options)) {
            writeBlocks(w, audio, block);
            w.commit();
            return w;
        }
    }

    static void writeBlocks(WavWriter w, AudioBuffer audio, int block) throws IOException {
        for (int start = 0; start < audio.frames(); start += block) {
            w.write(audio.view(start, Math.min(block, audio.frames() - start)));
        }
    }

    /** Reads the whole file (WAV or FLAC) in blocks of {@code block} frames; its length must be known. */
    static AudioBuffer readAll(AudioSource r, int block) throws IOException {
        long frames = r.frames();
        AudioBuffer all = AudioBuffer.allocate(r.channels(), (int) frames);
        AudioBuffer buf = AudioBuffer.allocate(r.channels(), block);
        int at = 0;
        int n;
        while ((n = r.read(buf)) > 0) {
            if (at + n > frames) {
                throw new AssertionError("read more frames than the header's " + frames);
            }
            all.view(at, n).copyFrom(buf.view(0, n));
            at += n;
        }
        if (at != frames) {
            throw new AssertionError("read " + at + " frames, header says " + frames);
        }
        return all;
    }

    static AudioBuffer readAll(Path file) throws IOException {
        try (WavReader r = WavReader.open(file)) {
            return readAll(r, 1000);
        }
    }

    /**
     * A copy of {@code seed} with 1 to 4 random bytes changed, mostly among its first {@code head} bytes
     * (where a header lives, so mutations change the parse) and sometimes anywhere, often to 0xFF; one
     * time in ten also cut to a random length (up to 15 bytes longer, zero-filled).
     */
    static byte[] mutate(byte[] seed, SplittableRandom rnd, int head) {
        byte[] bytes = seed.clone();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = rnd.nextInt(4) == 0 ? rnd.nextInt(bytes.length) : rnd.nextInt(Math.min(bytes.length, head));
            bytes[at] = rnd.nextInt(3) == 0 ? (byte) 0xFF : (byte) rnd.nextInt(256);
        }
        if (rnd.nextInt(10) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length + 16));
        }
        return bytes;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
