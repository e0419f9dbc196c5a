package io.github.mixwright.loudness;

import io.github.mixwright.filters.BiquadCoefficients;
import io.github.mixwright.filters.SectionKernel;
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
    /** Per channel, since channels may be measured on different threads: sum, peak, non-finite count. */
    private final double[][] accumulators;

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
        this.accumulators = new double[channels][3];
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
        double[] acc = accumulators[c];
        acc[0] = sum;
        acc[1] = peaks[c];
        acc[2] = 0;
        SectionKernel.twoInSeriesEnergy(x, from, len, coefficients, state, 8 * c, acc);
        peaks[c] = acc[1];
        nonFinite[c] += (long) acc[2];
        return acc[0];
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
