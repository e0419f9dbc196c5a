package io.github.mixwright.mix;

import java.io.IOException;

/**
 * A {@link Render} failed reading its source or writing a sink; {@link #getCause()} is the original
 * failure, and no sink kept anything.
 */
public final class RenderFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which side failed. */
    public enum Side {
        /** Reading or decoding the source. */
        INPUT,
        /** Creating, writing or completing a sink. */
        OUTPUT
    }

    private final Side side;

    RenderFailure(Side side, IOException cause) {
        super(cause.getMessage(), cause);
        this.side = side;
    }

    /** The original failure. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    /** Whether the source or a sink failed. */
    public Side side() {
        return side;
    }
}
