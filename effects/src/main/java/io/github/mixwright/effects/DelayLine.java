package io.github.mixwright.effects;

import java.util.Arrays;

/**
 * A delay line read between samples: {@link #read} gives the signal {@code d} frames (any real number from 1
 * up to the capacity) before the frame about to be {@link #write written}, by cubic Hermite (Catmull-Rom)
 * interpolation over the four samples around it, which is exact at whole frames and continuous with its
 * slope between them. The delays, chorus and flanger read theirs moving. Not thread-safe.
 */
final class DelayLine {
    private final float[] line;
    private int writeAt;

    /** A line holding up to {@code frames} frames of history. */
    DelayLine(int frames) {
        this.line = new float[frames + 4];
    }

    /** The frame {@code d} frames before the one about to be written. */
    float read(double d) {
        double pos = writeAt - d;
        int i = (int) Math.floor(pos);
        double f = pos - i;
        float y0 = at(i - 1);
        float y1 = at(i);
        float y2 = at(i + 1);
        float y3 = at(i + 2);
        double c1 = 0.5 * (y2 - y0);
        double c2 = y0 - 2.5 * y1 + 2 * y2 - 0.5 * y3;
        double c3 = 0.5 * (y3 - y0) + 1.5 * (y1 - y2);
        return (float) (((c3 * f + c2) * f + c1) * f + y1);
    }

    /** Appends the next frame. */
    void write(float x) {
        line[writeAt] = x;
        writeAt = writeAt + 1 == line.length ? 0 : writeAt + 1;
    }

    void clear() {
        Arrays.fill(line, 0f);
        writeAt = 0;
    }

    private float at(int i) {
        int k = i % line.length;
        return line[k < 0 ? k + line.length : k];
    }
}
