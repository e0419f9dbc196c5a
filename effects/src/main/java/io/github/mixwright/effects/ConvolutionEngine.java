package io.github.mixwright.effects;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Exact FIR convolution of long responses: a direct-form head (zero-latency mode only) followed by
 * uniformly partitioned overlap-save segments (Wefers, <i>Partitioned convolution algorithms for
 * real-time auralization</i>, 2015, ch. 5) whose partitions grow four-fold, so short partitions cover
 * the start of the response where latency matters and long ones its tail where speed does.
 *
 * <p>Segment {@code j} has partitions of {@code P} frames and covers the taps {@code [O, O')}. Each
 * completed input block of {@code P} frames is transformed once into a frequency-domain delay line;
 * the spectra of the segment's partitions multiply the line's older entries, the sum is transformed
 * back and emitted during the next block. So the segment adds {@code P} frames of delay of its own
 * and reads the line {@code E = (O + D - P) / P} entries further back, which puts its output exactly
 * {@code D} frames late, {@code D} being the engine's latency: 0 with a head, else the first
 * partition. The layout {@code O = P - D} with {@code P = D 4^j} (latency mode) or {@code P = 64 4^j}
 * after a 64-tap head (zero latency) meets that with {@code E = 0}.
 *
 * <p>Paths join an input channel to an output channel through one of the filters: the same filter
 * on every channel (mono response), one per channel (stereo), or four (true stereo: left to left,
 * left to right, right to left, right to left). Work is frame-driven, so output does not depend on
 * how the caller blocks it. Spectra are kept split (real and imaginary arrays) so that the complex
 * multiply-adds are plain array loops the JIT vectorises. Sums run in double. All allocation happens
 * in the constructor. Not thread-safe.
 */
final class ConvolutionEngine {
    /** Taps convolved directly in zero-latency mode, and the first partition after them. */
    static final int HEAD = 64;
    /** The first partition, and so the latency, in latency mode. */
    static final int FIRST_PARTITION = 1024;
    /** No partition is longer. */
    static final int MAX_PARTITION = 16384;

    private final int inputs;
    private final int outputs;
    private final int latency;
    private final int headTaps;
    /** Per path: input channel, output channel, filter. */
    private final int[] pathIn;
    private final int[] pathOut;
    private final int[] pathFilter;
    /** Per filter: the head's taps, reversed, or null without a head. */
    private final double[][] head;
    /** Per input channel: the last {@code HEAD - 1} input samples, then room for one stretch. */
    private final double[][] history;
    private final Segment[] segments;
    /** Per output: wet output of one stretch. */
    private final double[][] wet;
    private final int stretch;

    /**
     * @param filters the responses, each at least one tap
     * @param inputs input channels
     * @param outputs output channels
     * @param paths {@code {input, output, filter}} triples
     * @param zeroLatency whether to add a direct head and report no latency
     */
    ConvolutionEngine(double[][] filters, int inputs, int outputs, int[][] paths, boolean zeroLatency) {
        if (ConcurrencyUtils.getNumberOfThreads() != 1) {
            // JTransforms would otherwise split large transforms over its own non-daemon threads
            ConcurrencyUtils.setNumberOfThreads(1);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        int length = 0;
        for (double[] f : filters) {
            length = Math.max(length, f.length);
        }
        pathIn = new int[paths.length];
        pathOut = new int[paths.length];
        pathFilter = new int[paths.length];
        for (int p = 0; p < paths.length; p++) {
            pathIn[p] = paths[p][0];
            pathOut[p] = paths[p][1];
            pathFilter[p] = paths[p][2];
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
            latency = FIRST_PARTITION;
            headTaps = 0;
            head = null;
            first = FIRST_PARTITION;
        }
        stretch = first;
        history = new double[inputs][HEAD - 1 + stretch];
        java.util.List<Segment> list = new java.util.ArrayList<>();
        int partition = first;
        int offset = partition - latency;
        while (offset < length) {
            int end = partition == MAX_PARTITION ? length : Math.min(length, 4 * partition - latency);
            list.add(new Segment(filters, partition, offset, end, latency, inputs, outputs));
            offset = end;
            partition = Math.min(MAX_PARTITION, 4 * partition);
        }
        segments = list.toArray(new Segment[0]);
        wet = new double[outputs][stretch];
    }

    /** Frames of delay: 0 in zero-latency mode, else the first partition. */
    int latency() {
        return latency;
    }

    /**
     * Convolves {@code n} frames: {@code out[o][outOffset + t]} receives the wet output of frame
     * {@code t}, computed from {@code in[i][inOffset + t]}. In and out may be the same arrays only if
     * every output channel is also an input channel read before it is written, which holds here
     * because outputs are written stretch by stretch after the whole stretch has been read.
     */
    void process(float[][] in, int n, double[][] target) {
        int done = 0;
        while (done < n) {
            Segment s0 = segments.length > 0 ? segments[0] : null;
            int room = s0 == null ? stretch : s0.partition - s0.pos;
            int take = Math.min(n - done, Math.min(room, stretch));
            for (double[] w : wet) {
                Arrays.fill(w, 0, take, 0);
            }
            if (head != null) {
                directHead(in, done, take);
            }
            for (Segment s : segments) {
                s.step(in, done, take, wet, this);
            }
            for (int o = 0; o < outputs; o++) {
                System.arraycopy(wet[o], 0, target[o], done, take);
            }
            done += take;
        }
    }

    private void directHead(float[][] in, int from, int take) {
        int keep = HEAD - 1;
        for (int i = 0; i < inputs; i++) {
            double[] h = history[i];
            float[] x = in[i];
            for (int t = 0; t < take; t++) {
                h[keep + t] = x[from + t];
            }
        }
        for (int p = 0; p < pathIn.length; p++) {
            double[] x = history[pathIn[p]];
            double[] taps = head[pathFilter[p]];
            double[] w = wet[pathOut[p]];
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
        /** Per filter: the partitions' spectra, split, partition after partition. */
        final double[][] hRe;
        final double[][] hIm;
        /** Per input: the last two blocks of input. */
        final double[][] window;
        /** Per input: the delay line of input spectra, a ring of {@code slots}. */
        final double[][] xRe;
        final double[][] xIm;
        /** Per output: the block being emitted. */
        final double[][] out;
        final double[] accRe;
        final double[] accIm;
        final double[] work;
        final boolean[] used;
        int newest;
        int pos;

        Segment(double[][] filters, int partition, int from, int to, int latency, int inputs, int outputs) {
            this.partition = partition;
            this.count = (to - from + partition - 1) / partition;
            this.delay = (from + latency - partition) / partition;
            this.bins = partition + 1;
            this.slots = delay + count;
            int size = 2 * partition;
            fft = new DoubleFFT_1D(size);
            hRe = new double[filters.length][count * bins];
            hIm = new double[filters.length][count * bins];
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
                    unpack(w, hRe[f], hIm[f], p * bins, partition);
                }
            }
            window = new double[inputs][size];
            xRe = new double[inputs][slots * bins];
            xIm = new double[inputs][slots * bins];
            out = new double[outputs][partition];
            accRe = new double[bins];
            accIm = new double[bins];
            work = new double[size];
        }

        void step(float[][] in, int from, int take, double[][] wet, ConvolutionEngine e) {
            for (int i = 0; i < window.length; i++) {
                double[] win = window[i];
                float[] x = in[i];
                int at = partition + pos;
                for (int t = 0; t < take; t++) {
                    win[at + t] = x[from + t];
                }
            }
            for (int o = 0; o < out.length; o++) {
                double[] src = out[o];
                double[] w = wet[o];
                for (int t = 0; t < take; t++) {
                    w[t] += src[pos + t];
                }
            }
            pos += take;
            if (pos == partition) {
                block(e);
                pos = 0;
            }
        }

        private void block(ConvolutionEngine e) {
            newest = newest + 1 == slots ? 0 : newest + 1;
            int base = newest * bins;
            for (int i = 0; i < window.length; i++) {
                double[] win = window[i];
                System.arraycopy(win, 0, work, 0, work.length);
                fft.realForward(work);
                unpack(work, xRe[i], xIm[i], base, partition);
                System.arraycopy(win, partition, win, 0, partition);
            }
            for (int o = 0; o < out.length; o++) {
                Arrays.fill(accRe, 0);
                Arrays.fill(accIm, 0);
                boolean any = false;
                for (int path = 0; path < e.pathIn.length; path++) {
                    int f = e.pathFilter[path];
                    if (e.pathOut[path] != o || !used[f]) {
                        continue;
                    }
                    any = true;
                    double[] fr = hRe[f];
                    double[] fi = hIm[f];
                    double[] xr = xRe[e.pathIn[path]];
                    double[] xi = xIm[e.pathIn[path]];
                    for (int p = 0; p < count; p++) {
                        int slot = newest - delay - p;
                        if (slot < 0) {
                            slot += slots;
                        }
                        multiplyAdd(fr, fi, p * bins, xr, xi, slot * bins, accRe, accIm, bins);
                    }
                }
                if (!any) {
                    Arrays.fill(out[o], 0);
                    continue;
                }
                work[0] = accRe[0];
                work[1] = accRe[partition];
                for (int k = 1; k < partition; k++) {
                    work[2 * k] = accRe[k];
                    work[2 * k + 1] = accIm[k];
                }
                fft.realInverse(work, true);
                System.arraycopy(work, partition, out[o], 0, partition);
            }
        }

        private static void multiplyAdd(double[] hr, double[] hi, int ho, double[] xr, double[] xi, int xo,
                double[] ar, double[] ai, int n) {
            for (int k = 0; k < n; k++) {
                double a = hr[ho + k];
                double b = hi[ho + k];
                double c = xr[xo + k];
                double d = xi[xo + k];
                ar[k] += a * c - b * d;
                ai[k] += a * d + b * c;
            }
        }

        /** JTransforms' packed real spectrum of size {@code 2P} into split bins {@code 0..P}. */
        private static void unpack(double[] packed, double[] re, double[] im, int at, int partition) {
            re[at] = packed[0];
            im[at] = 0;
            re[at + partition] = packed[1];
            im[at + partition] = 0;
            for (int k = 1; k < partition; k++) {
                re[at + k] = packed[2 * k];
                im[at + k] = packed[2 * k + 1];
            }
        }

        void reset() {
            for (double[] w : window) {
                Arrays.fill(w, 0);
            }
            for (double[] x : xRe) {
                Arrays.fill(x, 0);
            }
            for (double[] x : xIm) {
                Arrays.fill(x, 0);
            }
            for (double[] o : out) {
                Arrays.fill(o, 0);
            }
            newest = 0;
            pos = 0;
        }
    }
}
