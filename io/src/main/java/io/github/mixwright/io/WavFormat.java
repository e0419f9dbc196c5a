package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.util.Objects;

/**
 * The sample format of a WAV file: rate, channel count, sample encoding and speaker mask.
 *
 * <p>{@code channelMask} is the {@code dwChannelMask} of WAVE_FORMAT_EXTENSIBLE (Microsoft,
 * "Multiple channel audio data and WAVE files"): bit 0 front left, bit 1 front right, bit 2 front
 * centre, bit 3 LFE, and so on, read as an unsigned 32-bit value. 0 means no speaker positions
 * are assigned, which is also what a plain (non-extensible) file is read as.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sampleRate frames per second, {@value #MIN_SAMPLE_RATE} to {@value #MAX_SAMPLE_RATE}
 * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
 * @param encoding how each sample is stored
 * @param channelMask speaker positions, 0 for none
 */
public record WavFormat(int sampleRate, int channels, SampleEncoding encoding, int channelMask) {
    /** Lowest supported sample rate, Hz. */
    public static final int MIN_SAMPLE_RATE = 1_000;
    /** Highest supported sample rate, Hz. */
    public static final int MAX_SAMPLE_RATE = 768_000;

    /**
     * Validates the format.
     *
     * @throws IllegalArgumentException naming the field, value and allowed range
     */
    public WavFormat {
        Checks.inRange("sampleRate", sampleRate, MIN_SAMPLE_RATE, MAX_SAMPLE_RATE);
        Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        Objects.requireNonNull(encoding, "encoding");
    }

    /** A format with no speaker mask. */
    public static WavFormat of(int sampleRate, int channels, SampleEncoding encoding) {
        return new WavFormat(sampleRate, channels, encoding, 0);
    }

    /** The same format with another encoding. */
    public WavFormat withEncoding(SampleEncoding newEncoding) {
        return new WavFormat(sampleRate, channels, newEncoding, channelMask);
    }

    /** Bytes per frame (the WAV block align): {@code channels * encoding.bytesPerSample()}. */
    public int blockAlign() {
        return channels * encoding.bytesPerSample();
    }

    /**
     * Whether the {@code fmt} chunk must be WAVE_FORMAT_EXTENSIBLE: more than two channels, a
     * speaker mask, or more than 16 bits, as Microsoft's multichannel WAVE note recommends.
     */
    boolean needsExtensible() {
        return channels > 2 || channelMask != 0 || encoding.bits() > 16;
    }
}
