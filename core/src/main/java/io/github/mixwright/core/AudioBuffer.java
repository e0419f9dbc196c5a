package io.github.mixwright.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A block of planar audio: {@code float[channel][frame]} seen through an offset and a length.
 *
 * <p>A buffer never copies samples unless asked to: {@link #view(int, int)} and
 * {@link #channelView(int, int)} share the backing arrays. Frame {@code i} of channel {@code c}
 * lives at {@code channel(c)[offset() + i]}; processors loop over those plain arrays.
 * Sample values are linear, full scale is 1.0.
 *
 * <p>Not thread-safe: a buffer belongs to one thread at a time.
 */
public final class AudioBuffer {
    /** Most channels a buffer (and a WAV file) may hold. */
    public static final int MAX_CHANNELS = 64;

    private final float[][] data;
    private final int firstChannel;
    private final int channels;
    private final int offset;
    private final int frames;

    private AudioBuffer(float[][] data, int firstChannel, int channels, int offset, int frames) {
        this.data = data;
        this.firstChannel = firstChannel;
        this.channels = channels;
        this.offset = offset;
        this.frames = frames;
    }

    /**
     * Allocates a zeroed buffer.
     *
     * @param channels 1 to {@value #MAX_CHANNELS}
     * @param frames 0 or more
     */
    public static AudioBuffer allocate(int channels, int frames) {
        Checks.inRange("channels", channels, 1, MAX_CHANNELS);
        Checks.atLeast("frames", frames, 0);
        return new AudioBuffer(new float[channels][frames], 0, channels, 0, frames);
    }

    /** Wraps whole arrays (all of the same length) without copying. */
    public static AudioBuffer wrap(float[][] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new IllegalArgumentException("channels 0 is out of range [1, " + MAX_CHANNELS + "]");
        }
        return wrap(data, 0, data[0].length);
    }

    /**
     * Wraps {@code frames} frames of each array starting at {@code offset}, without copying.
     *
     * @throws IllegalArgumentException if the arrays are too short, of a bad count, or null
     */
    public static AudioBuffer wrap(float[][] data, int offset, int frames) {
        Objects.requireNonNull(data, "data");
        Checks.inRange("channels", data.length, 1, MAX_CHANNELS);
        Checks.atLeast("offset", offset, 0);
        Checks.atLeast("frames", frames, 0);
        for (int c = 0; c < data.length; c++) {
            if (data[c] == null) {
                throw new IllegalArgumentException("channel " + c + " is null");
            }
            if ((long) offset + frames > data[c].length) {
                throw new IllegalArgumentException("channel " + c + " holds " + data[c].length
                        + " samples, fewer than offset " + offset + " + frames " + frames);
            }
        }
        return new AudioBuffer(data, 0, data.length, offset, frames);
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Number of frames in this view. */
    public int frames() {
        return frames;
    }

    /** Index of frame 0 in every array returned by {@link #channel(int)}. */
    public int offset() {
        return offset;
    }

    /**
     * The backing array of channel {@code c}; frame {@code i} is at index {@code offset() + i}.
     * Writes go straight into the buffer.
     */
    public float[] channel(int c) {
        Objects.checkIndex(c, channels);
        return data[firstChannel + c];
    }

    /** Sample {@code frame} of channel {@code c}. */
    public float get(int c, int frame) {
        Objects.checkIndex(frame, frames);
        return channel(c)[offset + frame];
    }

    /** Sets sample {@code frame} of channel {@code c}. */
    public void set(int c, int frame, float value) {
        Objects.checkIndex(frame, frames);
        channel(c)[offset + frame] = value;
    }

    /** A view of {@code frames} frames starting at {@code start}, sharing the samples. */
    public AudioBuffer view(int start, int frames) {
        Objects.checkFromIndexSize(start, frames, this.frames);
        return new AudioBuffer(data, firstChannel, channels, offset + start, frames);
    }

    /** A view of {@code count} channels starting at channel {@code first}, sharing the samples. */
    public AudioBuffer channelView(int first, int count) {
        Objects.checkFromIndexSize(first, count, channels);
        if (count == 0) {
            throw new IllegalArgumentException("channels 0 is out of range [1, " + channels + "]");
        }
        return new AudioBuffer(data, firstChannel + first, count, offset, frames);
    }

    /** Sets every sample of this view to zero. */
    public void clear() {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(data[firstChannel + c], offset, offset + frames, 0f);
        }
    }

    /**
     * Copies {@code source} into this view.
     *
     * @throws IllegalArgumentException if channel or frame counts differ
     */
    public void copyFrom(AudioBuffer source) {
        if (source.channels != channels || source.frames != frames) {
            throw new IllegalArgumentException("source has " + source.channels + " channels x " + source.frames
                    + " frames, this buffer " + channels + " x " + frames);
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(source.channel(c), source.offset, data[firstChannel + c], offset, frames);
        }
    }

    /** A new buffer holding a copy of this view's samples (offset 0). */
    public AudioBuffer copy() {
        AudioBuffer out = allocate(channels, frames);
        out.copyFrom(this);
        return out;
    }

    /**
     * Whether both views hold bit-identical samples (compared as raw float bits, so NaN equals
     * the same NaN and -0.0 differs from 0.0).
     */
    public boolean sameSamples(AudioBuffer other) {
        if (other.channels != channels || other.frames != frames) {
            return false;
        }
        for (int c = 0; c < channels; c++) {
            float[] a = channel(c);
            float[] b = other.channel(c);
            for (int i = 0; i < frames; i++) {
                if (Float.floatToRawIntBits(a[offset + i]) != Float.floatToRawIntBits(b[other.offset + i])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "AudioBuffer[" + channels + " ch x " + frames + " frames]";
    }
}
