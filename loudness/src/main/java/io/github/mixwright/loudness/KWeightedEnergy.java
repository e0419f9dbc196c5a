package io.github.mixwright.loudness;

import io.github.mixwright.core.Denormals;
import io.github.mixwright.filters.BiquadCoefficients;
import java.util.Arrays;

/**
 * The first part of {@link LoudnessMeter}: every channel K-weighted (BS.1770-4 Annex 1, the shelf then
 * the high-pass of {@link KWeighting}) and its squares summed per 100 ms step, with the sample peak and
 * the count of non-finite samples on the way.
 *
 * <p>A block is measured as segments that end on step boundaries: the first completes the step in
 * progress (or not, when the block is short), then whole steps, then perhaps a partial one.
 * {@link #measure} fills {@link #segmentSum(int, int)} for one channel; the meter then weighs and
 * combines the channels in channel order. Each channel's filter runs sample by sample in double
 * precision and its squares are summed in stream order, so any cut of a stream into blocks gives
 * bit-identical sums.
 *
 * <p>NaN and infinite samples are measured as 0 (digital silence), counted, and left out of the sample
 * peak, so they cannot poison the filter state for the rest of the stream.
 *
 * <p>Different channels may be measured on different threads at once (each touches only its own
 * state); one channel on one thread at a time.
 */
final class KWeightedEnergy {
    private final int channels;
    private final int stepFrames;
    /** b0, b1, b2, a1, a2 of the shelf, then of the high-pass. */
    private final double[] coefficients = new double[10];
    /** Per channel: x1, x2, y1, y2 of the shelf, then of the high-pass. */
    private final double[] state;
    /** Per channel: sum of squared K-weighted samples in the step in progress. */
    private final double[] stepSums;
    private final double[] peaks;
    private final long[] nonFinite;
    /** Per channel: the square sums of each step segment of the block being measured. */
    private double[][] segmentSums;

    /**
     * @param kWeighting the filter for the meter's rate
     * @param channels 1 to 64
     * @param stepFrames frames per 100 ms step
     */
    KWeightedEnergy(KWeighting kWeighting, int channels, int stepFrames) {
        this.channels = channels;
        this.stepFrames = stepFrames;
        BiquadCoefficients s = kWeighting.shelf();
        BiquadCoefficients h = kWeighting.highPass();
        double[] c = {s.b0(), s.b1(), s.b2(), s.a1(), s.a2(), h.b0(), h.b1(), h.b2(), h.a1(), h.a2()};
        System.arraycopy(c, 0, coefficients, 0, c.length);
        this.state = new double[8 * channels];
        this.stepSums = new double[channels];
        this.peaks = new double[channels];
        this.nonFinite = new long[channels];
        this.segmentSums = new double[channels][4];
    }

    /**
     * Makes room for the segments of a block of {@code frames} frames whose first segment is
     * {@code first} frames long; returns how many segments it has. Grows only for a block with more
     * segments than any before.
     */
    int prepareSegments(int frames, int first) {
        int segments = 1 + (frames - first + stepFrames - 1) / stepFrames;
        if (segmentSums[0].length < segments) {
            segmentSums = new double[channels][segments];
        }
        return segments;
    }

    /**
     * K-weights {@code n} samples of channel {@code c} from {@code x[from]}, segment by segment, the first
     * segment {@code first} frames long; the first segment's sum includes the step in progress.
     */
    void measure(int c, float[] x, int from, int n, int first) {
        double[] sums = segmentSums[c];
        double sum = stepSums[c];
        int at = 0;
        int s = 0;
        while (at < n) {
            int len = s == 0 ? first : Math.min(stepFrames, n - at);
            sums[s++] = filterAndSum(x, from + at, len, c, sum);
            sum = 0;
            at += len;
        }
    }

    /** Sum of squares of segment {@code s} of channel {@code c} of the block last measured. */
    double segmentSum(int c, int s) {
        return segmentSums[c][s];
    }

    /** Channel {@code c}'s step in progress now holds {@code sum} (0 once a step completes). */
    void setStepSum(int c, double sum) {
        stepSums[c] = sum;
    }

    /** Filters {@code len} samples of channel {@code c}; returns {@code sum} plus their squares. */
    private double filterAndSum(float[] x, int from, int len, int c, double sum) {
        double[] k = coefficients;
        double sb0 = k[0], sb1 = k[1], sb2 = k[2], sa1 = k[3], sa2 = k[4];
        double hb0 = k[5], hb1 = k[6], hb2 = k[7], ha1 = k[8], ha2 = k[9];
        int s = 8 * c;
        double x1 = state[s], x2 = state[s + 1], y1 = state[s + 2], y2 = state[s + 3];
        double u1 = state[s + 4], u2 = state[s + 5], v1 = state[s + 6], v2 = state[s + 7];
        double peak = peaks[c];
        long bad = 0;
        for (int i = from; i < from + len; i++) {
            double in = x[i];
            if (!Double.isFinite(in)) {
                in = 0;
                bad++;
            }
            peak = Math.max(peak, Math.abs(in));
            double y = (sb0 * in + sb1 * x1 + sb2 * x2 - sa2 * y2) - sa1 * y1;
            // Flush both newest outputs together so a silent tail reaches exact zero (see filters' BiquadKernel).
            if (Math.abs(y) < Denormals.FLUSH && Math.abs(y1) < Denormals.FLUSH) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            double v = (hb0 * y + hb1 * u1 + hb2 * u2 - ha2 * v2) - ha1 * v1;
            if (Math.abs(v) < Denormals.FLUSH && Math.abs(v1) < Denormals.FLUSH) {
                v = 0;
                v1 = 0;
            }
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            sum += v * v;
        }
        state[s] = x1;
        state[s + 1] = x2;
        state[s + 2] = y1;
        state[s + 3] = y2;
        state[s + 4] = u1;
        state[s + 5] = u2;
        state[s + 6] = v1;
        state[s + 7] = v2;
        peaks[c] = peak;
        nonFinite[c] += bad;
        return sum;
    }

    /** Largest absolute finite sample of channel {@code c} so far, linear. */
    double samplePeak(int c) {
        return peaks[c];
    }

    /** Non-finite samples measured as 0 so far, over all channels. */
    long nonFiniteSamples() {
        long n = 0;
        for (long v : nonFinite) {
            n += v;
        }
        return n;
    }

    /** Forgets the filter states, the step in progress, the peaks and the counts. */
    void reset() {
        Arrays.fill(state, 0);
        Arrays.fill(stepSums, 0);
        Arrays.fill(peaks, 0);
        Arrays.fill(nonFinite, 0);
    }
}
