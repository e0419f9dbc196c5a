package io.github.mixwright.dynamics;

import java.util.Arrays;

/** Delays each channel by a fixed number of frames, in place, for a processor that looks ahead. Not thread-safe. */
final class LookaheadDelay {
    private final int frames;
    /** Per channel, the last {@link #frames} input frames, oldest first. */
    private final float[][] lines;
    private final float[] spare;

    LookaheadDelay(int channels, int frames, int chunk) {
        this.frames = frames;
        lines = new float[channels][frames];
        spare = new float[Math.max(frames, chunk)];
    }

    int frames() {
        return frames;
    }

    void reset() {
        for (float[] d : lines) {
            Arrays.fill(d, 0f);
        }
    }

    /** Delays frames {@code [from, from + len)} of channel {@code c}, {@code len} at most the chunk. */
    void delay(int c, float[] x, int from, int len) {
        int n = frames;
        if (n == 0) {
            return;
        }
        float[] line = lines[c];
        if (len >= n) {
            System.arraycopy(x, from + len - n, spare, 0, n);
            System.arraycopy(x, from, x, from + n, len - n);
            System.arraycopy(line, 0, x, from, n);
            System.arraycopy(spare, 0, line, 0, n);
        } else {
            System.arraycopy(x, from, spare, 0, len);
            System.arraycopy(line, 0, x, from, len);
            System.arraycopy(line, len, line, 0, n - len);
            System.arraycopy(spare, 0, line, n - len, len);
        }
    }
}
