package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays an {@link AudioSource} through a javax.sound.sampled {@link SourceDataLine}.
 *
 * <p>A line that is not open yet is opened as 16-bit signed little-endian PCM at the source's rate
 * and channel count, and closed again at the end. An open line keeps its format, which must have the
 * source's channel count and sample rate and be PCM signed or unsigned 8/16/24/32-bit or PCM float
 * 32/64-bit, either byte order. Integer output gets TPDF dither (seed
 * {@link WriteOptions#DEFAULT_SEED}), since the source's floats have more resolution than any
 * line; out-of-range samples are clipped. Playback blocks until the line has drained, and ends
 * early if another thread stops or closes the line. The source is not closed.
 *
 * <p>Thread-safe: the methods keep no shared state; each call must have its own source and line.
 */
public final class Playback {
    private static final int BLOCK_FRAMES = 2048;

    private Playback() {
    }

    /**
     * Plays {@code source} to {@code line} until the source ends.
     *
     * @throws IllegalArgumentException if an open line's format does not fit the source
     * @throws LineUnavailableException if the line cannot be opened
     * @throws IOException if the source fails
     */
    public static void play(AudioSource source, SourceDataLine line) throws IOException, LineUnavailableException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(line, "line");
        boolean opened = false;
        if (!line.isOpen()) {
            line.open(defaultFormat(source));
            opened = true;
        }
        try {
            stream(source, line);
        } finally {
            if (opened) {
                line.close();
            }
        }
    }

    /** Plays {@code source} on the system's default output, as 16-bit PCM. */
    public static void play(AudioSource source) throws IOException, LineUnavailableException {
        Objects.requireNonNull(source, "source");
        AudioFormat format = defaultFormat(source);
        SourceDataLine line = AudioSystem.getSourceDataLine(format);
        play(source, line);
    }

    private static AudioFormat defaultFormat(AudioSource source) {
        return new AudioFormat((float) source.sampleRate(), 16, source.channels(), true, false);
    }

    private static void stream(AudioSource source, SourceDataLine line) throws IOException {
        AudioFormat format = line.getFormat();
        ByteLayout layout = ByteLayout.of(format);
        if (format.getChannels() != source.channels()) {
            throw new IllegalArgumentException("line has " + format.getChannels() + " channels, the source "
                    + source.channels());
        }
        if (Math.abs(format.getSampleRate() - source.sampleRate()) > 1e-3 * source.sampleRate()) {
            throw new IllegalArgumentException("line runs at " + format.getSampleRate() + " Hz, the source at "
                    + source.sampleRate() + " Hz");
        }
        SampleEncoding encoding = layout.encoding();
        SampleEncoder encoder = new SampleEncoder(encoding, source.channels(),
                WriteOptions.defaultDither(SampleEncoding.FLOAT32, encoding), WriteOptions.DEFAULT_SEED);
        int frameBytes = source.channels() * encoding.bytesPerSample();
        AudioBuffer block = AudioBuffer.allocate(source.channels(), BLOCK_FRAMES);
        byte[] bytes = new byte[BLOCK_FRAMES * frameBytes];
        line.start();
        int n;
        while ((n = source.read(block)) > 0) {
            encoder.encode(block, 0, n, bytes, 0);
            layout.fromWav(bytes, 0, n * frameBytes);
            if (!writeAll(line, bytes, n * frameBytes)) {
                return;
            }
        }
        line.drain();
    }

    /** Writes all bytes; false if the line was stopped or closed under us. */
    private static boolean writeAll(SourceDataLine line, byte[] bytes, int length) {
        int off = 0;
        while (off < length) {
            int written = line.write(bytes, off, length - off);
            if (written <= 0 && (!line.isOpen() || !line.isRunning())) {
                return false;
            }
            off += Math.max(0, written);
        }
        return true;
    }
}
