package io.github.mixwright.filters;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Uniformly partitioned overlap-save convolution (Soo and Pang 1990; Wefers, Partitioned convolution
 * algorithms for real-time auralization, 2015, section 5.2) of several channels with one FIR.
 *
 * <p>The FIR is cut into {@code K = ceil(N / B)} partitions of {@code B} taps, each held as the real
 * spectrum of size {@code 2B}. Input is collected into fixed partitions of {@code B} frames whatever
 * the caller's block size; each full partition is transformed once into a frequency-domain delay
 * line, multiplied with the {@code K} filter spectra, summed, transformed back, and its last
 * {@code B} samples (the alias-free half) are emitted during the next partition. Output is therefore
 * delayed by exactly {@code B} frames and bit-identical for any blocking.
 *
 * <p>Cost per frame and channel: two real FFTs of size {@code 2B} per {@code B} frames plus {@code K}
 * complex multiply-adds. Memory: {@code 2B K} doubles for the filter plus as much per channel.
 * All allocation happens in the constructor. Not thread-safe (it owns one FFT instance).
 */
final class PartitionedConvolver {
    private final int partition;
    private final int count;
    private final int size;
    private final DoubleFFT_1D fft;
    /** {@code filter[p]}: packed spectrum of taps {@code pB .. pB + B - 1}, zero-padded to 2B. */
    private final double[][] filter;
    /** Per channel: the last 2B input samples, older half first. */
    private final double[][] input;
    /** Per channel: the output partition being emitted. */
    private final double[][] output;
    /** Per channel: spectra of the last K input windows, a ring ending at {@code head[c]}. */
    private final double[][][] delayLine;
    private final int[] head;
    private final int[] fill;
    private final double[] accumulator;

    PartitionedConvolver(double[] taps, int partition, int channels) {
        this.partition = partition;
        this.count = (taps.length + partition - 1) / partition;
        this.size = 2 * partition;
        FirDesign.singleThreadedFft();
        this.fft = new DoubleFFT_1D(size);
        filter = new double[count][size];
        for (int p = 0; p < count; p++) {
            int from = p * partition;
            System.arraycopy(taps, from, filter[p], 0, Math.min(partition, taps.length - from));
            fft.realForward(filter[p]);
        }
        input = new double[channels][size];
        output = new double[channels][partition];
        delayLine = new double[channels][count][size];
        head = new int[channels];
        fill = new int[channels];
        accumulator = new double[size];
    }

    /** Frames of delay added by the partitioning: {@code B}. */
    int latency() {
        return partition;
    }

    /** Convolves {@code n} samples of one channel in place, starting at {@code data[offset]}. */
    void process(int channel, float[] data, int offset, int n) {
        double[] in = input[channel];
        double[] out = output[channel];
        int pos = fill[channel];
        int end = offset + n;
        int i = offset;
        while (i < end) {
            int take = Math.min(end - i, partition - pos);
            for (int j = 0; j < take; j++) {
                in[partition + pos + j] = data[i + j];
                data[i + j] = (float) out[pos + j];
            }
            pos += take;
            i += take;
            if (pos == partition) {
                convolvePartition(channel);
                pos = 0;
            }
        }
        fill[channel] = pos;
    }

    private void convolvePartition(int channel) {
        double[] in = input[channel];
        double[][] line = delayLine[channel];
        int newest = head[channel];
        double[] spectrum = line[newest];
        System.arraycopy(in, 0, spectrum, 0, size);
        fft.realForward(spectrum);
        System.arraycopy(in, partition, in, 0, partition);

        double[] acc = accumulator;
        Arrays.fill(acc, 0);
        for (int p = 0; p < count; p++) {
            int slot = newest - p;
            if (slot < 0) {
                slot += count;
            }
            multiplyAdd(filter[p], line[slot], acc, size);
        }
        fft.realInverse(acc, true);
        System.arraycopy(acc, partition, output[channel], 0, partition);
        head[channel] = newest + 1 == count ? 0 : newest + 1;
    }

    /** {@code acc += h x} on JTransforms' packed real spectra (DC and Nyquist real, in slots 0 and 1). */
    private static void multiplyAdd(double[] h, double[] x, double[] acc, int size) {
        acc[0] += h[0] * x[0];
        acc[1] += h[1] * x[1];
        for (int k = 2; k < size; k += 2) {
            double hr = h[k];
            double hi = h[k + 1];
            double xr = x[k];
            double xi = x[k + 1];
            acc[k] += hr * xr - hi * xi;
            acc[k + 1] += hr * xi + hi * xr;
        }
    }

    /** Clears all signal history. */
    void reset() {
        for (int c = 0; c < input.length; c++) {
            Arrays.fill(input[c], 0);
            Arrays.fill(output[c], 0);
            for (double[] s : delayLine[c]) {
                Arrays.fill(s, 0);
            }
            head[c] = 0;
            fill[c] = 0;
        }
    }
}
