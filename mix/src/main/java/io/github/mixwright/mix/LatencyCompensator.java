package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;

/**
 * Lines a processor's output up with its input: drops the first {@code latencyFrames} output frames,
 * and says how much silence to feed after the input ends until a wanted length has come out. What
 * {@link Render} does, for a caller that drives a processor itself. Not thread-safe.
 */
public final class LatencyCompensator {
    private long skip;
    private long frames;

    /** @param latencyFrames frames to drop, 0 or more */
    public LatencyCompensator(int latencyFrames) {
        this.skip = Checks.inRange("latencyFrames", latencyFrames, 0, Integer.MAX_VALUE);
    }

    /**
     * The part of the processor's output {@code block} that belongs to the aligned output: a view of it,
     * or null while the latency is still being dropped. Counted in {@link #frames()}.
     */
    public AudioBuffer keep(AudioBuffer block) {
        int n = block.frames();
        if (skip >= n) {
            skip -= n;
            return null;
        }
        AudioBuffer kept = skip == 0 ? block : block.view((int) skip, n - (int) skip);
        skip = 0;
        frames += kept.frames();
        return kept;
    }

    /** Aligned output frames kept so far. */
    public long frames() {
        return frames;
    }

    /**
     * Frames of silence to feed next, at most {@code maxBlock}, so that the aligned output reaches
     * {@code wanted} frames; 0 once it has.
     */
    public int silenceToFeed(long wanted, int maxBlock) {
        return frames >= wanted ? 0 : (int) Math.min(maxBlock, skip + (wanted - frames));
    }
}
