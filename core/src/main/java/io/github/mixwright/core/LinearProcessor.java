package io.github.mixwright.core;

/**
 * A processor that is linear and time-invariant at its current settings, so it has a frequency
 * response: an EQ, a filter, a gain. {@code mixwright response} plots chains of these.
 */
public interface LinearProcessor extends Processor {
    /**
     * The response at the parameters' current targets (ignoring glides and automation), at
     * {@code sampleRate}. The same on every channel.
     */
    FrequencyResponse frequencyResponse(double sampleRate);
}
