package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.Objects;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Reads a javax.sound.sampled {@link AudioInputStream} as an {@link AudioSource}: capture lines,
 * streams from {@link AudioSystem#getAudioInputStream} (AIFF, AU, ...) or any other provider.
 *
 * <p>Accepts PCM signed and unsigned integers of 8, 16, 24 and 32 bits and PCM float of 32 and 64
 * bits, little- or big-endian, 1 to 64 channels. Integers map to {@code q / 2^(bits-1)} (unsigned
 * ones after removing the offset {@code 2^(bits-1)}), as in {@link WavReader}. {@link #frames()} is
 * the stream's frame length, or -1 when the stream does not know it. A partial frame at the very end
 * of the stream cannot be decoded and is dropped. Memory use is a fixed buffer of about 64 KiB.
 *
 * <p>Not thread-safe. Closing this source closes the stream.
 */
public final class AudioInputStreamSource implements AudioSource {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final AudioInputStream in;
    private final ByteLayout layout;
    private final int channels;
    private final int frameBytes;
    private final double sampleRate;
    private final byte[] bytes;
    private int held;
    private boolean ended;

    /**
     * @param in the stream to read; this source owns it from now on
     * @throws IllegalArgumentException if the stream's format is not one of those above
     */
    public AudioInputStreamSource(AudioInputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        this.layout = ByteLayout.of(in.getFormat());
        this.channels = in.getFormat().getChannels();
        this.frameBytes = channels * layout.encoding().bytesPerSample();
        this.sampleRate = in.getFormat().getSampleRate();
        this.bytes = new byte[Math.max(1, BUFFER_BYTES / frameBytes) * frameBytes];
    }

    /** Sample rate in Hz, from the stream's format. */
    @Override
    public double sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    /** The stream's length in frames, or -1 if it does not say. */
    @Override
    public long frames() {
        long length = in.getFrameLength();
        return length == AudioSystem.NOT_SPECIFIED ? -1 : length;
    }

    /**
     * Fills {@code destination} from its frame 0, blocking until it is full or the stream ends.
     *
     * @return frames read, 0 at the end of the stream
     * @throws IllegalArgumentException if the channel count differs
     */
    @Override
    public int read(AudioBuffer destination) throws IOException {
        if (destination.channels() != channels) {
            throw new IllegalArgumentException("destination has " + destination.channels()
                    + " channels, the stream " + channels);
        }
        int wanted = destination.frames();
        int done = 0;
        while (done < wanted && !ended) {
            int target = Math.min(bytes.length, (wanted - done) * frameBytes);
            while (held < target) {
                int n = in.read(bytes, held, target - held);
                if (n < 0) {
                    ended = true;
                    break;
                }
                held += n;
            }
            int frames = held / frameBytes;
            int used = frames * frameBytes;
            layout.toWav(bytes, 0, used);
            SampleDecoder.decode(layout.encoding(), bytes, 0, frames, destination, done);
            done += frames;
            held -= used;
            System.arraycopy(bytes, used, bytes, 0, held);
        }
        return done;
    }

    /** Closes the stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
