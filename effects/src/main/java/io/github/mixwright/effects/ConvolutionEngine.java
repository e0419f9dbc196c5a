package io.github.mixwright.effects;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Exact FIR convolution of long responses into one output channel: the sum over the engine's inputs
 * of each input convolved with its own filter. A direct-form head (zero-latency mode only) is
 * followed by uniformly partitioned overlap-save segments (Wefers, <i>Partitioned convolution
 * algorithms for real-time auralization</i>, 2015, ch. 5).
 *
 * <p>Segment {@code j} has partitions of {@code P} frames and covers the taps {@code [O, O')}. Each
 * completed input block of {@code P} frames is transformed once into a frequency-domain delay line;
 * the spectra of the segment's partitions multiply the line's entries, the sum is transformed back
 * and emitted during the next block. So the segment adds {@code P} frames of delay of its own, and its
 * output is {@code D} frames late, {@code D} being the engine's latency, when {@code O = P - D}.
 *
 * <ul>
 *   <li>Latency mode: one segment, {@code O = 0}, {@code D = P}, {@code P} chosen by
 *       {@link #partitionFor} for the least work per frame. Offline the latency costs nothing (chains
 *       compensate it), and one segment does the least work.</li>
 *   <li>Zero latency: the first {@value #HEAD} taps convolved directly, then segments of 64, 256,
 *       1024, 4096 and 16384 frames, each starting at its own partition length ({@code D = 0}).</li>
 * </ul>
 *
 * <p>Work is frame-driven, so output does not depend on how the caller blocks it. Spectra are kept
 * split (real and imaginary arrays) so that the complex multiply-adds are plain array loops the JIT
 * vectorises. Sums run in double. All allocation happens in the constructor. Not thread-safe; one
 * engine per output channel lets the channels run on separate threads.
 */
final class ConvolutionEngine {
    /** Taps convolved directly in zero-latency mode, and the first partition after them. */
    static final int HEAD = 64;
    /** Shortest and longest partitions of latency mode. */
    static final int MIN_PARTITION = 256;
    static final int MAX_PARTITION = 32768;
    /** Longest partition in zero-latency mode. */
    static final int MAX_ZERO_LATENCY_PARTITION = 16384;

    private final int inputs;
    /** The stream channel each input reads. */
    private final int[] from;
    private final int latency;
    private final int headTaps;
    /** Per input: the head's taps, reversed, or null without a head. */
    private final double[][] head;
    /** Per input channel: the last {@code HEAD - 1} input samples, then room for one stretch. */
    private final double[][] history;
    private final Segment[] segments;
    /** The wet output of one stretch. */
    private final double[] wet;
    private final int stretch;

    /**
     * The partition of latency mode for a response of {@code taps} frames: the power of two from
     * {@value #MIN_PARTITION} to {@value #MAX_PARTITION} that costs least per frame by the model
     * {@code 15 + 0.35 log2(P / 1024) + ceil(taps / P)} ns, which fits the measured cost of a forward
     * and an inverse JTransforms transform of {@code 2P} points per {@code P} frames (about 4 ns a point,
     * growing slowly with the size) and of one complex multiply-add per bin and partition.
     */
    static int partitionFor(int taps) {
        int best = MIN_PARTITION;
        double bestCost = Double.MAX_VALUE;
        for (int p = MIN_PARTITION; p <= MAX_PARTITION; p *= 2) {
            double cost = 15 + 0.35 * (Math.log(p / 1024.0) / Math.log(2)) + Math.ceil(taps / (double) p);
            if (cost < bestCost) {
                bestCost = cost;
                best = p;
            }
        }
        return best;
    }

    /**
     * @param filters one response per input, each at least one tap
     * @param from the stream channel each input reads
     * @param zeroLatency whether to add a direct head and report no latency
     */
    ConvolutionEngine(double[][] filters, int[] from, boolean zeroLatency) {
        if (ConcurrencyUtils.getNumberOfThreads() != 1) {
            // JTransforms would otherwise split large transforms over its own non-daemon threads
            ConcurrencyUtils.setNumberOfThreads(1);
        }
        this.inputs = filters.length;
        this.from = from.clone();
        int length = 0;
        for (double[] f : filters) {
            length = Math.max(length, f.length);
        }
        int first;
        if (zeroLatency) {
            latency = 0;
            headTaps = Math.min(HEAD, length);
            head = new double[filters.length][];
            for (int f = 0; f < filters.length; f++) {
                double[] h = new double[HEAD];
                for (int k = 0; k < Math.min(HEAD, filters[f].length); k++) {
                    h[HEAD - 1 - k] = filters[f][k];
                }
                head[f] = h;
            }
            first = HEAD;
        } else {
            first = partitionFor(length);
            latency = first;
            headTaps = 0;
            head = null;
        }
        stretch = first;
        history = new double[inputs][zeroLatency ? HEAD - 1 + stretch : 0];
        java.util.List<Segment> list = new java.util.ArrayList<>();
        if (zeroLatency) {
            int partition = first;
            int offset = partition;
            while (offset < length) {
                int end = partition == MAX_ZERO_LATENCY_PARTITION ? length : Math.min(length, 4 * partition);
                list.add(new Segment(filters, partition, offset, end, 0));
                offset = end;
                partition = Math.min(MAX_ZERO_LATENCY_PARTITION, 4 * partition);
            }
        } else {
            list.add(new Segment(filters, first, 0, length, latency));
        }
        segments = list.toArray(new Segment[0]);
        wet = new double[stretch];
    }

    /** Frames of delay: 0 in zero-latency mode, else the first partition. */
    int latency() {
        return latency;
    }

    /** Convolves {@code n} frames of the stream {@code in} (indexed by channel) into {@code target[0..n)}. */
    void process(float[][] in, int n, double[] target) {
        int done = 0;
        while (done < n) {
            Segment s0 = segments.length > 0 ? segments[0] : null;
            int room = s0 == null ? stretch : s0.partition - s0.pos;
            int take = Math.min(n - done, Math.min(room, stretch));
            Arrays.fill(wet, 0, take, 0);
            if (head != null) {
                directHead(in, done, take);
            }
            for (Segment s : segments) {
                s.step(in, from, done, take, wet);
            }
            System.arraycopy(wet, 0, target, done, take);
            done += take;
        }
    }

    private void directHead(float[][] in, int at, int take) {
        int keep = HEAD - 1;
        for (int i = 0; i < inputs; i++) {
            double[] h = history[i];
            float[] x = in[from[i]];
            for (int t = 0; t < take; t++) {
                h[keep + t] = x[at + t];
            }
        }
        double[] w = wet;
        for (int p = 0; p < inputs; p++) {
            double[] x = history[p];
            double[] taps = head[p];
            // w[t] += sum_k h[k] x[t - k], written as HEAD axpy passes over the stretch
            for (int k = HEAD - headTaps; k < HEAD; k++) {
                double c = taps[k];
                if (c != 0) {
                    for (int t = 0; t < take; t++) {
                        w[t] += c * x[k + t];
                    }
                }
            }
        }
        for (int i = 0; i < inputs; i++) {
            double[] h = history[i];
            System.arraycopy(h, take, h, 0, keep);
        }
    }

    /** Clears all signal history. */
    void reset() {
        for (double[] h : history) {
            Arrays.fill(h, 0);
        }
        for (Segment s : segments) {
            s.reset();
        }
    }

    /** One uniformly partitioned stretch of the response. */
    private static final class Segment {
        final int partition;
        final int count;
        final int delay;
        final int bins;
        final int slots;
        final DoubleFFT_1D fft;
        /** Per input and partition: its filter's spectrum, split (one array each, see {@link #multiplyAdd}). */
        final double[][][] hRe;
        final double[][][] hIm;
        /** Per input: the last two blocks of input. */
        final double[][] window;
        /** Per input and slot: the delay line of input spectra, a ring of {@code slots}. */
        final double[][][] xRe;
        final double[][][] xIm;
        /** The block being emitted. */
        final double[] out;
        final double[] accRe;
        final double[] accIm;
        final double[] work;
        final boolean[] used;
        int newest;
        int pos;

        Segment(double[][] filters, int partition, int from, int to, int latency) {
            int inputs = filters.length;
            this.partition = partition;
            this.count = (to - from + partition - 1) / partition;
            this.delay = (from + latency - partition) / partition;
            this.bins = partition + 1;
            this.slots = delay + count;
            int size = 2 * partition;
            fft = new DoubleFFT_1D(size);
            hRe = new double[filters.length][count][bins];
            hIm = new double[filters.length][count][bins];
            used = new boolean[filters.length];
            double[] w = new double[size];
            for (int f = 0; f < filters.length; f++) {
                for (int p = 0; p < count; p++) {
                    Arrays.fill(w, 0);
                    int start = from + p * partition;
                    int len = Math.max(0, Math.min(partition, Math.min(to, filters[f].length) - start));
                    if (len > 0) {
                        System.arraycopy(filters[f], start, w, 0, len);
                        used[f] = true;
                    }
                    fft.realForward(w);
                    unpack(w, hRe[f][p], hIm[f][p], partition);
                }
            }
            window = new double[inputs][size];
            xRe = new double[inputs][slots][bins];
            xIm = new double[inputs][slots][bins];
            out = new double[partition];
            accRe = new double[bins];
            accIm = new double[bins];
            work = new double[size];
        }

        void step(float[][] in, int[] channel, int from, int take, double[] wet) {
            for (int i = 0; i < window.length; i++) {
                double[] win = window[i];
                float[] x = in[channel[i]];
                int at = partition + pos;
                for (int t = 0; t < take; t++) {
                    win[at + t] = x[from + t];
                }
            }
            double[] src = out;
            for (int t = 0; t < take; t++) {
                wet[t] += src[pos + t];
            }
            pos += take;
            if (pos == partition) {
                block();
                pos = 0;
            }
        }

        private void block() {
            newest = newest + 1 == slots ? 0 : newest + 1;
            for (int i = 0; i < window.length; i++) {
                double[] win = window[i];
                System.arraycopy(win, 0, work, 0, work.length);
                fft.realForward(work);
                unpack(work, xRe[i][newest], xIm[i][newest], partition);
                System.arraycopy(win, partition, win, 0, partition);
            }
            Arrays.fill(accRe, 0);
            Arrays.fill(accIm, 0);
            boolean any = false;
            for (int f = 0; f < window.length; f++) {
                if (!used[f]) {
                    continue;
                }
                any = true;
                for (int p = 0; p < count; p++) {
                    int slot = newest - delay - p;
                    if (slot < 0) {
                        slot += slots;
                    }
                    multiplyAdd(hRe[f][p], hIm[f][p], xRe[f][slot], xIm[f][slot], accRe, accIm, bins);
                }
            }
            if (!any) {
                Arrays.fill(out, 0);
                return;
            }
            work[0] = accRe[0];
            work[1] = accRe[partition];
            for (int k = 1; k < partition; k++) {
                work[2 * k] = accRe[k];
                work[2 * k + 1] = accIm[k];
            }
            fft.realInverse(work, true);
            System.arraycopy(work, partition, out, 0, partition);
        }

        /**
         * {@code acc += h x}, bin by bin. Every array is read and written at the same index {@code k}, so
         * the JIT can prove the iterations independent (arrays of one type that it cannot tell apart,
         * read at other offsets than the one written, would keep it scalar) and vectorises the loop.
         */
        private static void multiplyAdd(double[] hr, double[] hi, double[] xr, double[] xi, double[] ar, double[] ai,
                int n) {
            for (int k = 0; k < n; k++) {
                double a = hr[k];
                double b = hi[k];
                double c = xr[k];
                double d = xi[k];
                ar[k] += a * c - b * d;
                ai[k] += a * d + b * c;
            }
        }

        /** JTransforms' packed real spectrum of size {@code 2P} into split bins {@code 0..P}. */
        private static void unpack(double[] packed, double[] re, double[] im, int partition) {
            re[0] = packed[0];
            im[0] = 0;
            re[partition] = packed[1];
            im[partition] = 0;
            for (int k = 1; k < partition; k++) {
                re[k] = packed[2 * k];
                im[k] = packed[2 * k + 1];
            }
        }

        void reset() {
            for (double[] w : window) {
                Arrays.fill(w, 0);
            }
            for (double[][] input : xRe) {
                for (double[] x : input) {
                    Arrays.fill(x, 0);
                }
            }
            for (double[][] input : xIm) {
                for (double[] x : input) {
                    Arrays.fill(x, 0);
                }
            }
            Arrays.fill(out, 0);
            newest = 0;
            pos = 0;
        }
    }
}
