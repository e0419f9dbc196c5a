package io.github.mixwright.mix;

import java.util.Objects;

/**
 * A fade at a clip's start or end: its length in seconds and its curve.
 *
 * @param seconds 0 (no fade) or more, finite
 * @param shape the curve ({@link FadeShape#LINEAR} for every fade of 0 s)
 */
public record Fade(double seconds, FadeShape shape) {
    /** No fade. */
    public static final Fade NONE = new Fade(0, FadeShape.LINEAR);

    /**
     * @throws IllegalArgumentException if {@code seconds} is negative or not finite
     */
    public Fade {
        Objects.requireNonNull(shape, "shape");
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("fade length " + seconds + " s is out of range [0, Infinity)");
        }
        if (seconds == 0) {
            // no fade has no shape: every empty fade is the same value
            shape = FadeShape.LINEAR;
        }
    }

    /** A fade of {@code seconds} with the {@link FadeShape#S_CURVE} curve. */
    public static Fade of(double seconds) {
        return new Fade(seconds, FadeShape.S_CURVE);
    }
}
