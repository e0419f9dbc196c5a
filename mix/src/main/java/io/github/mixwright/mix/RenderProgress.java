package io.github.mixwright.mix;

/**
 * How far a {@link Render} has come, reported after every block.
 *
 * @param frames output frames rendered so far
 * @param totalFrames the output's length, or -1 while the source does not say how long it is
 * @param elapsedNanos time since the render started
 */
public record RenderProgress(long frames, long totalFrames, long elapsedNanos) {
    /** The fraction done, in [0, 1], or NaN while the length is unknown. */
    public double fraction() {
        return totalFrames < 0 ? Double.NaN : totalFrames == 0 ? 1 : Math.min(1, (double) frames / totalFrames);
    }

    /** The time left at the rate so far, in nanoseconds, or -1 while it cannot be estimated. */
    public long remainingNanos() {
        if (totalFrames < 0 || frames == 0) {
            return -1;
        }
        return (long) (elapsedNanos * (double) Math.max(0, totalFrames - frames) / frames);
    }
}
