package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.io.WavReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Clip}'s audio comes from: a file, a buffer or a generator. A source is a description: a
 * file is not touched until {@link Mix.Builder#build()} reads its header, and each render opens its own
 * reader, so one source can serve many clips and many renders.
 *
 * <p>Thread-safe (immutable; a buffer source's samples must be left alone while a mix uses them).
 */
public final class ClipSource {
    /** Makes a generator's audio: fills {@code block} with frames {@code frame ..} of the signal. */
    @FunctionalInterface
    public interface Generator {
        /** Fills every channel of {@code block}, whose first frame is frame {@code frame} of the signal. */
        void fill(long frame, AudioBuffer block);
    }

    private final Path file;
    private final AudioBuffer audio;
    private final Generator generator;
    private final double sampleRate;
    private final int channels;
    private final long frames;

    private ClipSource(Path file, AudioBuffer audio, Generator generator, double sampleRate, int channels,
            long frames) {
        this.file = file;
        this.audio = audio;
        this.generator = generator;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frames = frames;
    }

    /** A WAV or RF64 file, read when the mix renders. */
    public static ClipSource file(Path file) {
        return new ClipSource(Objects.requireNonNull(file, "file"), null, null, 0, 0, -1);
    }

    /**
     * A buffer (not copied: leave it alone while a mix uses it).
     *
     * @param sampleRate Hz, greater than 0
     */
    public static ClipSource of(AudioBuffer audio, double sampleRate) {
        Objects.requireNonNull(audio, "audio");
        checkRate(sampleRate);
        return new ClipSource(null, audio, null, sampleRate, audio.channels(), audio.frames());
    }

    /**
     * {@code frames} frames made by {@code generator}, which must give the same samples for the same frames
     * every time (a mix may render more than once: to measure, then to write).
     *
     * @param sampleRate Hz, greater than 0
     * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
     * @param frames 0 or more
     */
    public static ClipSource generated(double sampleRate, int channels, long frames, Generator generator) {
        Objects.requireNonNull(generator, "generator");
        checkRate(sampleRate);
        if (channels < 1 || channels > AudioBuffer.MAX_CHANNELS) {
            throw new IllegalArgumentException("channels " + channels + " is out of range [1, "
                    + AudioBuffer.MAX_CHANNELS + "]");
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames " + frames + " is out of range [0, " + Long.MAX_VALUE + "]");
        }
        return new ClipSource(null, null, generator, sampleRate, channels, frames);
    }

    /** The file, or null for a buffer or a generator. */
    public Path path() {
        return file;
    }

    /** What the source is, for messages: the file's path, "a buffer" or "a generator". */
    public String describe() {
        return file != null ? "'" + file + "'" : audio != null ? "a buffer" : "a generator";
    }

    /**
     * The source resolved against {@code folder} (a session file's), if it is a relative file; itself
     * otherwise.
     */
    public ClipSource resolveAgainst(Path folder) {
        if (file == null || file.isAbsolute() || folder == null) {
            return this;
        }
        return file(folder.resolve(file));
    }

    /**
     * Its rate, channels and frames: a file's from its header.
     *
     * @throws IOException naming the file if it cannot be read
     */
    Shape shape() throws IOException {
        if (file == null) {
            return new Shape(sampleRate, channels, frames);
        }
        try (WavReader r = WavReader.open(file, false)) {
            return new Shape(r.sampleRate(), r.channels(), r.frames());
        }
    }

    /** A reader positioned at frame {@code start}. */
    AudioSource open(long start) throws IOException {
        if (file != null) {
            WavReader r = WavReader.open(file, true);
            try {
                r.seek(start);
            } catch (IOException | RuntimeException e) {
                r.close();
                throw e;
            }
            return r;
        }
        return new Cursor(start);
    }

    /** A source's rate, channels and length. */
    record Shape(double sampleRate, int channels, long frames) {
    }

    /** A buffer's or a generator's frames from a start. */
    private final class Cursor implements AudioSource {
        private long at;

        Cursor(long start) {
            this.at = start;
        }

        @Override
        public double sampleRate() {
            return sampleRate;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public long frames() {
            return frames;
        }

        @Override
        public int read(AudioBuffer destination) {
            int n = (int) Math.min(destination.frames(), Math.max(0, frames - at));
            if (n == 0) {
                return 0;
            }
            AudioBuffer part = destination.view(0, n);
            if (audio != null) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(audio.channel(c), audio.offset() + (int) at, part.channel(c), part.offset(), n);
                }
            } else {
                generator.fill(at, part);
            }
            at += n;
            return n;
        }
    }

    private static void checkRate(double sampleRate) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is not a positive number of Hz");
        }
    }

    /** Files are equal by path; buffers and generators by identity (and rate, channels and length). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClipSource)) {
            return false;
        }
        ClipSource s = (ClipSource) o;
        return Objects.equals(file, s.file) && audio == s.audio && generator == s.generator
                && sampleRate == s.sampleRate && channels == s.channels && frames == s.frames;
    }

    @Override
    public int hashCode() {
        return file != null ? file.hashCode() : System.identityHashCode(audio != null ? audio : generator);
    }

    @Override
    public String toString() {
        return describe();
    }
}
