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
        return (float) interpolate(d);
    }

    /** {@link #read} before its rounding to float. */
    private double interpolate(double d) {
        return interpolateAt(writeAt, d);
    }

    /** {@link #interpolate} with the write position at {@code writeIndex}. */
    private double interpolateAt(int writeIndex, double d) {
        // a whole buffer ahead keeps the position positive, so the cast floors it
        double pos = exact(writeIndex + line.length) - d;
        int i = (int) pos;
        double f = pos - exact(i);
        double[] a = line;
        int m = mask;
        double y0 = a[(i - 1) & m];
        double y1 = a[i & m];
        double y2 = a[(i + 1) & m];
        double y3 = a[(i + 2) & m];
        return hermite(y0, y1, y2, y3, f);
    }

    private static final double TWO_52 = 0x1p52;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);

    /**
     * A non-negative int as a double, from its bits: {@code 2^52 + v} has {@code v} in its low mantissa
     * bits. Java 17's C2 turns {@code (double) v} into {@code vcvtsi2sd}, which also waits for whatever last
     * wrote its destination register; in a loop that is often the previous iteration's result, and every
     * read then waited for the one before (a third of the delay's time).
     */
    private static double exact(int v) {
        return Double.longBitsToDouble(TWO_52_BITS | v) - TWO_52;
    }

    /**
     * The Catmull-Rom cubic through {@code y0 .. y3} at {@code f} (0 to 1) between {@code y1} and {@code y2}.
     * Callers that read a stretch at a time from {@link #buffer} use it too, so every read interpolates alike.
     */
    static double hermite(double y0, double y1, double y2, double y3, double f) {
        double c1 = 0.5 * (y2 - y0);
        double c2 = y0 - 2.5 * y1 + 2 * y2 - 0.5 * y3;
        double c3 = 0.5 * (y3 - y0) + 1.5 * (y1 - y2);
        return ((c3 * f + c2) * f + c1) * f + y1;
    }

    /**
     * Copies the {@code len} frames that start {@code frames} before the one about to be written into
     * {@code dst[at, at + len)}: {@code dst[at + t]} is the frame {@code frames - t} back. With
     * {@code frames >= len} they are all history; with less, the call must follow the writes of those frames.
     */
    void readBack(int frames, double[] dst, int at, int len) {
        int from = (writeAt - frames) & mask;
        int first = Math.min(len, line.length - from);
        System.arraycopy(line, from, dst, at, first);
        System.arraycopy(line, 0, dst, at + first, len - first);
    }

    /** Appends {@code src[at, at + len)}, as {@code len} calls of {@link #write} would. */
    void writeFrom(double[] src, int at, int len) {
        int first = Math.min(len, line.length - writeAt);
        System.arraycopy(src, at, line, writeAt, first);
        System.arraycopy(src, at + first, line, 0, len - first);
        writeAt = (writeAt + len) & mask;
    }

    /**
     * The ring itself, for callers that read a stretch at a time: the frame {@code d} back from the one
     * about to be written is at {@code (writeIndex() - d) & mask()}. Writers go through {@link #write} or
     * {@link #writeFrom}.
     */
    double[] buffer() {
        return line;
    }

    int mask() {
        return mask;
    }

    /** Where the next {@link #write} goes. */
    int writeIndex() {
        return writeAt;
    }

    /**
     * {@code out[i] = read(d[i])} as if frame {@code i} were read after {@code i} more writes, for
     * {@code i} in {@code [0, len)}, without the writes: right for delays longer than {@code i + 2},
     * whose reads are all history. Each value is bit for bit what that {@link #read} returns.
     */
    void readStretch(double[] d, int len, double[] out) {
        for (int i = 0; i < len; i++) {
            out[i] = (float) interpolateAt((writeAt + i) & mask, d[i]);
        }
    }

    /** Appends {@code src[0, len)}, each value rounded to float first, as {@code write((float) v)} would. */
    void writeRounded(double[] src, int len) {
        double[] a = line;
        int m = mask;
        int w = writeAt;
        for (int i = 0; i < len; i++) {
            a[(w + i) & m] = (float) src[i];
        }
        writeAt = (w + len) & m;
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
