package io.github.mixwright.core;

/**
 * What a {@link Processor} is prepared for: the sample rate, the largest block it will be given
 * and the channel count.
 *
 * @param sampleRate samples per second per channel, in (0, {@value #MAX_SAMPLE_RATE}]; oversampled
 *     stages see rates above the file's
 * @param maxBlockFrames the most frames one {@code process} call will carry, 1 to {@value #MAX_BLOCK_FRAMES}
 * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
 */
public record ProcessSpec(double sampleRate, int maxBlockFrames, int channels) {
    /** Highest rate a processor can be prepared for: 768 kHz oversampled 16 times. */
    public static final double MAX_SAMPLE_RATE = 12_288_000;
    /** Largest block a processor can be prepared for. */
    public static final int MAX_BLOCK_FRAMES = 1 << 20;

    /** Validates every field; see the record description for the ranges. */
    public ProcessSpec {
        if (!(sampleRate > 0 && sampleRate <= MAX_SAMPLE_RATE)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(sampleRate)
                    + " is out of range (0, " + Checks.format(MAX_SAMPLE_RATE) + "]");
        }
        Checks.inRange("maxBlockFrames", maxBlockFrames, 1, MAX_BLOCK_FRAMES);
        Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
    }

    /** The same spec with another channel count. */
    public ProcessSpec withChannels(int newChannels) {
        return new ProcessSpec(sampleRate, maxBlockFrames, newChannels);
    }
}
