package io.github.mixwright.core;

/**
 * An audio processor: prepared once, then fed blocks in place.
 *
 * <p>The contract (after JUCE's {@code prepare / process / reset}):
 * <ul>
 *   <li>{@link #prepare} allocates everything the processor needs for the given spec; it may be
 *       called again with another spec.</li>
 *   <li>{@link #process} transforms the block in place. It never allocates, never locks and never
 *       throws for audio content (NaN, infinities and huge values are content, not errors). It throws
 *       {@link IllegalStateException} if called before {@code prepare}, and
 *       {@link IllegalArgumentException} if the block has more frames than
 *       {@link ProcessSpec#maxBlockFrames()} or another channel count than the spec's.</li>
 *   <li>Output does not depend on how the signal is cut into blocks: blocks of 1, 7, 64 or 4096
 *       frames give bit-identical samples.</li>
 *   <li>{@link #reset} clears the signal history (delay lines, envelopes, smoothing ramps) but keeps
 *       parameters, so the same input after {@code reset} gives the same output again.</li>
 * </ul>
 *
 * <p>Processors are not thread-safe: one thread drives a processor at a time.
 */
public interface Processor {
    /** Prepares for processing blocks described by {@code spec}, allocating all state. */
    void prepare(ProcessSpec spec);

    /** Processes {@code block} in place. */
    void process(AudioBuffer block);

    /** Clears signal history, keeping parameters and coefficients. */
    void reset();

    /** Frames by which output lags input; 0 unless the processor looks ahead. */
    default int latencyFrames() {
        return 0;
    }

    /**
     * How many frames output keeps sounding after input falls silent, at the current settings and the
     * prepared sample rate: a filter's ring-out to -120 dB, a reverb's or a delay's tail, a
     * lookahead's delay. A renderer that wants every sound runs this many frames of silence through
     * after the last input. It includes {@link #latencyFrames()}, so a processor that only delays has
     * a tail equal to its latency, which is the default. A processor with recursive state overrides
     * it; the processor contract test checks that the output after the stated tail is below -120 dB
     * of the input's peak. Meaningful only after {@code prepare}.
     */
    default int tailFrames() {
        return latencyFrames();
    }
}
