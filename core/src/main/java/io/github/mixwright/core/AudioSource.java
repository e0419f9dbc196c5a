package io.github.mixwright.core;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull source of audio blocks: a file reader, a stream bridge or a generator.
 *
 * <p>Not thread-safe.
 */
public interface AudioSource extends Closeable {
    /** Sample rate in Hz. */
    double sampleRate();

    /** Channel count, 1 to {@value AudioBuffer#MAX_CHANNELS}. */
    int channels();

    /** Total frames this source will deliver, or -1 if not known in advance. */
    long frames();

    /**
     * Fills {@code destination} from its first frame with up to {@code destination.frames()} frames.
     *
     * @param destination a buffer with {@link #channels()} channels
     * @return frames written, 0 only at the end of the source
     * @throws IOException if the underlying data cannot be read or is malformed
     */
    int read(AudioBuffer destination) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /**
     * A source reading {@code audio} from its first frame (not copied: leave it alone while reading).
     *
     * @param sampleRate Hz, greater than 0
     */
    static AudioSource of(AudioBuffer audio, double sampleRate) {
        java.util.Objects.requireNonNull(audio, "audio");
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate " + sampleRate + " is not a positive number of Hz");
        }
        return new BufferAudioSource(audio, sampleRate);
    }
}
