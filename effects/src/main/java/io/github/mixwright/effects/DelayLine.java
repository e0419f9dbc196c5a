package io.github.mixwright.effects;

import java.util.Arrays;

/**
 * A delay line read between samples: {@link #read} gives the signal {@code d} frames (any real number from 1
 * up to the capacity) before the frame about to be {@link #write written}, by cubic Hermite (Catmull-Rom)
 * interpolation over the four samples around it, which is exact at whole frames and continuous with its
 * slope between them. The delays, chorus and flanger read theirs moving. Not thread-safe.
 */
final class DelayLine {
    /** Doubles, so that reading widens nothing: a scalar float-to-double conversion chains loop iterations. */
    private final double[] line;
    /** The buffer's length, a power of two, less one: indices wrap by masking, not dividing. */
    private final int mask;
    private int writeAt;

    /** A line holding up to {@code frames} frames of history. */
    DelayLine(int frames) {
        int size = Integer.highestOneBit(Math.max(4, frames + 4) - 1) << 1;
        this.line = new double[size];
        this.mask = size - 1;
    }

    /** The frame {@code d} frames before the one about to be written. */
    float read(double d) {
        return (float) readAhead(d, 0);
    }

    /**
     * What {@link #read} would give {@code ahead} writes from now, for a read that lands before the
     * next write ({@code d >= ahead + 3}), before its rounding to float: so a caller can read a stretch of
     * frames before writing them. It returns the double, because a loop that rounds to float and widens
     * back chains its iterations on Java 17 (the scalar conversion's false register dependency).
     */
    double readAhead(double d, int ahead) {
        // a whole buffer ahead keeps the position positive, so the cast floors it
        double pos = ((writeAt + ahead) & mask) - d + line.length;
        int i = (int) pos;
        double f = pos - i;
        double[] a = line;
        int m = mask;
        double y0 = a[(i - 1) & m];
        double y1 = a[i & m];
        double y2 = a[(i + 1) & m];
        double y3 = a[(i + 2) & m];
        double c1 = 0.5 * (y2 - y0);
        double c2 = y0 - 2.5 * y1 + 2 * y2 - 0.5 * y3;
        double c3 = 0.5 * (y3 - y0) + 1.5 * (y1 - y2);
        return ((c3 * f + c2) * f + c1) * f + y1;
    }

    /** The frame exactly {@code frames} (1 up to the capacity) before the one about to be written. */
    double readWhole(int frames) {
        return line[(writeAt - frames) & mask];
    }

    /** {@link #readWhole} as it would read {@code ahead} writes from now (for {@code frames > ahead}). */
    double readWholeAhead(int frames, int ahead) {
        return line[(writeAt + ahead - frames) & mask];
    }

    /** Appends the next frame. */
    void write(double x) {
        line[writeAt] = x;
        writeAt = (writeAt + 1) & mask;
    }

    void clear() {
        Arrays.fill(line, 0);
        writeAt = 0;
    }
}
