package io.github.mixwright.io;

import java.util.Arrays;

/**
 * Encodes blocks of integer samples as FLAC frames (RFC 9639), at a compression level 0 to 8 modelled
 * on libFLAC's:
 *
 * <pre>
 * level  block  stereo        predictors                          LPC windows                          Rice partition order
 *   0    1152   independent   fixed                               -                                    0 to 3
 *   1    1152   estimated     fixed                               -                                    0 to 3
 *   2    1152   best of four  fixed                               -                                    0 to 3
 *   3    4096   independent   fixed, LPC to order 6               tukey(0.5)                           0 to 4
 *   4    4096   estimated     fixed, LPC to order 8               tukey(0.5)                           0 to 4
 *   5    4096   best of four  fixed, LPC to order 8               tukey(0.5)                           0 to 5
 *   6    4096   best of four  fixed, LPC to order 8               tukey(0.5), partial tukey(2)         0 to 6
 *   7    4096   best of four  fixed, LPC to order 12              tukey(0.5), partial tukey(2)         0 to 6
 *   8    4096   best of four  fixed, LPC to order 12, 3 precisions tukey(0.5), partial and punchout     0 to 6
 * </pre>
 *
 * <p>"Best of four" encodes left, right, mid and side and keeps the smallest of independent,
 * left-side, right-side and mid-side for each frame; "estimated" picks one from the residual sizes of
 * the best fixed predictors. For each channel the encoder tries a constant subframe, a verbatim one, the
 * fixed predictor of least absolute residual, and at levels 3 and up linear prediction: the block is
 * windowed, its autocorrelation solved by Levinson-Durbin, the order chosen from the prediction errors,
 * the coefficients quantised to a precision that depends on the bit depth and block size (with the
 * rounding error carried to the next coefficient) and the residual computed exactly. Residuals are
 * Rice-coded with the partition order and parameters of least estimated size, Rice2 when a parameter
 * passes 14, escaped (raw) partitions when smaller. The smallest subframe is written. Wasted low bits
 * common to a whole block are shifted out. Not thread-safe.
 */
final class FlacEncoder {
    static final int MAX_LEVEL = 8;
    private static final int CONSTANT = 0;
    private static final int VERBATIM = 1;
    private static final int FIXED = 2;
    private static final int LPC = 3;

    private final int channels;
    private final int bits;
    private final int sampleRate;
    private final int blockSize;
    private final int stereoMode;
    private final int maxLpcOrder;
    private final int maxPartitionOrder;
    private final int windowCount;
    private final int precisions;
    private final FlacBitWriter out;
    private final Plan[] plans;
    private final Plan[] chosen;
    private final int[] mid;
    private final int[] side;
    private final double[][] windows;
    private int windowLength = -1;
    private final double[] windowed;
    private final double[] autoc = new double[33];
    private final double[][] lpc = new double[33][33];
    private final double[] error = new double[33];
    private final double[] tmp = new double[33];
    private final long[] sums;
    private final long[] fixed = new long[5];
    private final long[] ors;

    FlacEncoder(int channels, int bits, int sampleRate, int level) {
        this.channels = channels;
        this.bits = bits;
        this.sampleRate = sampleRate;
        this.blockSize = blockSize(level);
        this.stereoMode = channels != 2 ? 0 : level == 0 || level == 3 ? 0 : level == 1 || level == 4 ? 1 : 2;
        this.maxLpcOrder = level < 3 ? 0 : level == 3 ? 6 : level <= 6 ? 8 : 12;
        this.maxPartitionOrder = level < 3 ? 3 : level == 3 || level == 4 ? 4 : level == 5 ? 5 : 6;
        this.windowCount = level < 3 ? 0 : level <= 5 ? 1 : level <= 7 ? 3 : 6;
        this.precisions = level == 8 ? 3 : 1;
        int candidates = channels == 2 ? 4 : channels;
        this.plans = new Plan[candidates];
        for (int c = 0; c < candidates; c++) {
            plans[c] = new Plan(blockSize, maxPartitionOrder);
        }
        this.chosen = new Plan[channels];
        this.mid = channels == 2 ? new int[blockSize] : null;
        this.side = channels == 2 ? new int[blockSize] : null;
        this.windows = new double[windowCount][blockSize];
        this.windowed = new double[blockSize];
        this.sums = new long[1 << maxPartitionOrder];
        this.ors = new long[1 << maxPartitionOrder];
        this.out = new FlacBitWriter(maxFrameBytes(blockSize));
    }

    /** The block size of compression level {@code level}: 1152 for 0 to 2, 4096 above. */
    static int blockSize(int level) {
        return level < 3 ? 1152 : 4096;
    }

    /** Bytes of the largest frame: verbatim subframes plus headers. */
    int maxFrameBytes(int n) {
        return 32 + channels * (2 + (n * (bits + 1) + 7) / 8);
    }

    /** The bytes of the last frame encoded, valid to {@link #length()}. */
    byte[] bytes() {
        return out.bytes();
    }

    int length() {
        return out.length();
    }

    /**
     * Encodes {@code n} samples (1 to the block size) of each channel of {@code x} as frame number
     * {@code frameNumber} of a stream with a fixed block size.
     */
    void encode(int[][] x, int n, long frameNumber) {
        encode(x, n, frameNumber, false);
    }

    /**
     * Encodes {@code n} samples (1 to the block size) of each channel of {@code x}; {@code number} is
     * the frame number, or with {@code variable} the number of the frame's first sample (the header of
     * a stream with a variable block size).
     */
    void encode(int[][] x, int n, long number, boolean variable) {
        int assignment;
        Plan[] chosen = this.chosen;
        if (channels == 2 && stereoMode > 0 && n > 1) {
            int[] l = x[0];
            int[] r = x[1];
            for (int i = 0; i < n; i++) {
                mid[i] = (l[i] + r[i]) >> 1;
                side[i] = l[i] - r[i];
            }
            if (stereoMode == 2) {
                long bl = analyse(plans[0], l, n, bits);
                long br = analyse(plans[1], r, n, bits);
                long bm = analyse(plans[2], mid, n, bits);
                long bs = analyse(plans[3], side, n, bits + 1);
                assignment = bestAssignment(bl, br, bm, bs);
            } else {
                long el = fixedEstimate(l, n);
                long er = fixedEstimate(r, n);
                long em = fixedEstimate(mid, n);
                long es = fixedEstimate(side, n);
                assignment = bestAssignment(el, er, em, es);
                int[] a = assignment == 1 || assignment == 0 ? l : assignment == 2 ? side : mid;
                int[] b = assignment == 0 || assignment == 2 ? r : side;
                analyse(plans[index(assignment, 0)], a, n, bits + (assignment == 2 ? 1 : 0));
                analyse(plans[index(assignment, 1)], b, n, bits + (assignment == 1 || assignment == 3 ? 1 : 0));
            }
            chosen[0] = plans[index(assignment, 0)];
            chosen[1] = plans[index(assignment, 1)];
        } else {
            assignment = 0;
            for (int c = 0; c < channels; c++) {
                analyse(plans[c], x[c], n, bits);
                chosen[c] = plans[c];
            }
        }
        long total = 0;
        for (Plan p : chosen) {
            total += p.bits;
        }
        out.reset();
        out.ensure(total + 256);
        writeHeader(n, number, variable, assignment);
        for (Plan p : chosen) {
            writeSubframe(p, n);
        }
        out.alignAndFlush();
        int crc = FlacCrc.crc16(0, out.bytes(), 0, out.length());
        out.write(crc, 16);
        out.alignAndFlush();
    }

    /** 0 independent, 1 left-side, 2 right-side, 3 mid-side: the least of the four sums. */
    private static int bestAssignment(long l, long r, long m, long s) {
        long[] cost = {l + r, l + s, s + r, m + s};
        int best = 0;
        for (int a = 1; a < 4; a++) {
            if (cost[a] < cost[best]) {
                best = a;
            }
        }
        return best;
    }

    /** The plan (0 left, 1 right, 2 mid, 3 side) holding channel {@code c} of assignment {@code a}. */
    private static int index(int a, int c) {
        switch (a) {
            case 0: return c;
            case 1: return c == 0 ? 0 : 3;
            case 2: return c == 0 ? 3 : 1;
            default: return c == 0 ? 2 : 3;
        }
    }

    private void writeHeader(int n, long number, boolean variable, int assignment) {
        out.write(variable ? 0xFFF9 : 0xFFF8, 16);
        int blockCode = blockSizeCode(n);
        int rateCode = sampleRateCode(sampleRate);
        out.write(blockCode, 4);
        out.write(rateCode, 4);
        int channelCode = channels == 2 && assignment > 0 ? 7 + assignment : channels - 1;
        out.write(channelCode, 4);
        out.write(bits == 16 ? 4 : bits == 24 ? 6 : bits == 8 ? 1 : bits == 12 ? 2 : bits == 20 ? 5 : 7, 3);
        out.write(0, 1);
        writeCodedNumber(number);
        if (blockCode == 6) {
            out.write(n - 1, 8);
        } else if (blockCode == 7) {
            out.write(n - 1, 16);
        }
        if (rateCode == 12) {
            out.write(sampleRate / 1000, 8);
        } else if (rateCode == 13) {
            out.write(sampleRate, 16);
        } else if (rateCode == 14) {
            out.write(sampleRate / 10, 16);
        }
        out.alignAndFlush();
        out.write(FlacCrc.crc8(0, out.bytes(), 0, out.length()), 8);
    }

    private void writeCodedNumber(long v) {
        if (v < 0x80) {
            out.write(v, 8);
            return;
        }
        int extra = v < 0x800 ? 1 : v < 0x1_0000 ? 2 : v < 0x20_0000 ? 3 : v < 0x400_0000 ? 4 : v < 0x8000_0000L ? 5 : 6;
        int lead = extra == 6 ? 0xFE : (0xFF00 >> (extra + 1)) & 0xFF;
        out.write(lead | (v >>> (6 * extra)), 8);
        for (int i = extra - 1; i >= 0; i--) {
            out.write(0x80 | (v >>> (6 * i) & 0x3F), 8);
        }
    }

    static int blockSizeCode(int n) {
        switch (n) {
            case 192: return 1;
            case 576: return 2;
            case 1152: return 3;
            case 2304: return 4;
            case 4608: return 5;
            case 256: return 8;
            case 512: return 9;
            case 1024: return 10;
            case 2048: return 11;
            case 4096: return 12;
            case 8192: return 13;
            case 16384: return 14;
            case 32768: return 15;
            default: return n <= 256 ? 6 : 7;
        }
    }

    static int sampleRateCode(int rate) {
        switch (rate) {
            case 88_200: return 1;
            case 176_400: return 2;
            case 192_000: return 3;
            case 8_000: return 4;
            case 16_000: return 5;
            case 22_050: return 6;
            case 24_000: return 7;
            case 32_000: return 8;
            case 44_100: return 9;
            case 48_000: return 10;
            case 96_000: return 11;
            default:
                if (rate % 1000 == 0 && rate / 1000 <= 255) {
                    return 12;
                }
                if (rate <= 0xFFFF) {
                    return 13;
                }
                if (rate % 10 == 0 && rate / 10 <= 0xFFFF) {
                    return 14;
                }
                return 0;
        }
    }

    // ---------------------------------------------------------------- analysis

    /** The least absolute residual sum over the fixed predictors, an estimate of a channel's size. */
    private long fixedEstimate(int[] x, int n) {
        long[] s = fixed;
        fixedSums(x, n, s);
        long best = s[0];
        for (int o = 1; o < 5; o++) {
            best = Math.min(best, s[o]);
        }
        return best;
    }

    /** Sums of the absolute residuals of the fixed predictors of orders 0 to 4, from sample 4 on. */
    private static void fixedSums(int[] x, int n, long[] s) {
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        if (n > 4) {
            int a = x[3];
            int d1 = x[3] - x[2];
            int d2 = d1 - (x[2] - x[1]);
            int d3 = d2 - ((x[2] - x[1]) - (x[1] - x[0]));
            for (int i = 4; i < n; i++) {
                int v = x[i];
                int e1 = v - a;
                int e2 = e1 - d1;
                int e3 = e2 - d2;
                int e4 = e3 - d3;
                s0 += Math.abs(v);
                s1 += Math.abs(e1);
                s2 += Math.abs(e2);
                s3 += Math.abs(e3);
                s4 += Math.abs(e4);
                a = v;
                d1 = e1;
                d2 = e2;
                d3 = e3;
            }
        }
        s[0] = s0;
        s[1] = s1;
        s[2] = s2;
        s[3] = s3;
        s[4] = s4;
    }

    /** Chooses the subframe for {@code n} samples of {@code x} at {@code sampleBits}; returns its bits. */
    private long analyse(Plan p, int[] x, int n, int sampleBits) {
        int or = 0;
        boolean constant = true;
        int first = x[0];
        for (int i = 0; i < n; i++) {
            or |= x[i];
            constant &= x[i] == first;
        }
        if (constant) {
            p.type = CONSTANT;
            p.wasted = 0;
            p.sampleBits = sampleBits;
            p.constant = first;
            p.bits = 8 + sampleBits;
            return p.bits;
        }
        int wasted = Integer.numberOfTrailingZeros(or);
        int[] s = p.signal;
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                s[i] = x[i] >> wasted;
            }
        } else {
            System.arraycopy(x, 0, s, 0, n);
        }
        int b = sampleBits - wasted;
        p.wasted = wasted;
        p.sampleBits = b;
        long head = 8 + wasted;
        p.type = VERBATIM;
        p.bits = head + (long) n * b;

        // fixed predictor of least absolute residual
        long[] fs = fixed;
        fixedSums(s, n, fs);
        int order = 0;
        for (int o = 1; o < 5; o++) {
            if (fs[o] < fs[order]) {
                order = o;
            }
        }
        order = Math.min(order, n - 1);
        fixedResidual(s, n, order, p.trial);
        long fixedBits = head + (long) order * b + rice(p.trial, n, order, p.trialRice);
        if (fixedBits < p.bits) {
            p.accept(FIXED, order, fixedBits);
        }

        if (maxLpcOrder > 0 && n > 16) {
            lpcSearch(p, s, n, b, head);
        }
        return p.bits;
    }

    private static void fixedResidual(int[] x, int n, int order, int[] r) {
        switch (order) {
            case 0:
                System.arraycopy(x, 0, r, 0, n);
                break;
            case 1:
                for (int i = 1; i < n; i++) {
                    r[i] = x[i] - x[i - 1];
                }
                break;
            case 2:
                for (int i = 2; i < n; i++) {
                    r[i] = x[i] - 2 * x[i - 1] + x[i - 2];
                }
                break;
            case 3:
                for (int i = 3; i < n; i++) {
                    r[i] = x[i] - 3 * (x[i - 1] - x[i - 2]) - x[i - 3];
                }
                break;
            default:
                for (int i = 4; i < n; i++) {
                    r[i] = x[i] - 4 * (x[i - 1] + x[i - 3]) + 6 * x[i - 2] + x[i - 4];
                }
        }
    }

    private void lpcSearch(Plan p, int[] s, int n, int b, long head) {
        int maxOrder = Math.min(maxLpcOrder, n - 1);
        prepareWindows(n);
        int basePrecision = precision(b, n);
        for (int w = 0; w < windowCount; w++) {
            double[] win = windows[w];
            double[] d = windowed;
            for (int i = 0; i < n; i++) {
                d[i] = s[i] * win[i];
            }
            autocorrelation(d, n, maxOrder);
            if (!(autoc[0] > 0)) {
                continue;
            }
            int solved = levinsonDurbin(maxOrder);
            if (solved == 0) {
                continue;
            }
            int order = bestOrder(solved, n, basePrecision + b);
            for (int k = 0; k < precisions; k++) {
                int precision = Math.max(5, basePrecision - 2 * k);
                int shift = quantise(lpc[order], order, precision, p.trialCoefficients);
                if (shift < 0) {
                    continue;
                }
                if (!lpcResidual(s, n, order, p.trialCoefficients, shift, p.trial)) {
                    continue;
                }
                long bitsLpc = head + (long) order * b + 4 + 5 + (long) order * precision
                        + rice(p.trial, n, order, p.trialRice);
                if (bitsLpc < p.bits) {
                    p.precision = precision;
                    p.shift = shift;
                    System.arraycopy(p.trialCoefficients, 0, p.coefficients, 0, order);
                    p.accept(LPC, order, bitsLpc);
                }
            }
        }
    }

    /** libFLAC's default coefficient precision for a subframe's bit depth and block size. */
    private static int precision(int sampleBits, int n) {
        if (sampleBits < 16) {
            return Math.max(5, 2 + sampleBits / 2);
        }
        if (sampleBits <= 17) {
            return n <= 192 ? 7 : n <= 384 ? 8 : n <= 576 ? 9 : n <= 1152 ? 10 : n <= 2304 ? 11 : n <= 4608 ? 12 : 13;
        }
        return n <= 384 ? 13 : n <= 1152 ? 14 : 15;
    }

    /**
     * {@code autoc[lag] = sum d[i] d[i - lag]} for lags 0 to {@code maxOrder}, eight lags in one pass over
     * the block: eight independent sums keep the adder busy where one sum per pass would wait on each
     * addition, and each sample is loaded once for eight products.
     */
    private void autocorrelation(double[] d, int n, int maxOrder) {
        double[] a = autoc;
        for (int lag = 0; lag <= maxOrder; lag += 8) {
            int last = Math.min(maxOrder, lag + 7);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int from = lag + 7;
            for (int i = from; i < n; i++) {
                double x = d[i];
                s0 += x * d[i - lag];
                s1 += x * d[i - lag - 1];
                s2 += x * d[i - lag - 2];
                s3 += x * d[i - lag - 3];
                s4 += x * d[i - lag - 4];
                s5 += x * d[i - lag - 5];
                s6 += x * d[i - lag - 6];
                s7 += x * d[i - lag - 7];
            }
            double[] sums = {s0, s1, s2, s3, s4, s5, s6, s7};
            for (int l = lag; l <= last; l++) {
                double sum = sums[l - lag];
                for (int i = l; i < Math.min(from, n); i++) {
                    sum += d[i] * d[i - l];
                }
                a[l] = sum;
            }
        }
    }

    /**
     * Solves for the predictors of orders 1 to {@code maxOrder}: {@code lpc[m][0 .. m)} predicts
     * {@code x[i]} as {@code sum lpc[m][j] x[i-1-j]}, with prediction error {@code error[m]}. Returns the
     * highest order solved (lower if the error vanishes or the recursion goes unstable).
     */
    private int levinsonDurbin(int maxOrder) {
        double[] r = autoc;
        double e = r[0];
        double[] a = tmp;
        Arrays.fill(a, 0);
        for (int m = 1; m <= maxOrder; m++) {
            double acc = r[m];
            for (int j = 1; j < m; j++) {
                acc -= a[j] * r[m - j];
            }
            double k = acc / e;
            if (!Double.isFinite(k) || Math.abs(k) >= 1) {
                return m - 1;
            }
            for (int j = 1; j < m; j++) {
                lpc[m][j - 1] = a[j] - k * a[m - j];
            }
            lpc[m][m - 1] = k;
            for (int j = 1; j <= m; j++) {
                a[j] = lpc[m][j - 1];
            }
            e *= 1 - k * k;
            error[m] = e;
            if (!(e > 0)) {
                return m;
            }
        }
        return maxOrder;
    }

    /** The order of least estimated size: residual bits from the prediction error plus the header's. */
    private int bestOrder(int maxOrder, int n, int bitsPerOrder) {
        double scale = 0.5 / n;
        int best = 1;
        double bestBits = Double.MAX_VALUE;
        for (int m = 1; m <= maxOrder; m++) {
            double e = error[m] * scale;
            double perSample = e > 0 ? Math.max(0, 0.5 * Math.log(e) / Math.log(2)) : 0;
            double total = perSample * (n - m) + (double) m * bitsPerOrder;
            if (total < bestBits) {
                bestBits = total;
                best = m;
            }
        }
        return best;
    }

    /**
     * Quantises {@code c[0 .. order)} to {@code precision}-bit integers {@code q} with the largest shift
     * (at most 15) that keeps them in range, carrying each rounding error to the next coefficient;
     * returns the shift, or -1 if the coefficients are all zero or too large for any shift.
     */
    private static int quantise(double[] c, int order, int precision, int[] q) {
        double cmax = 0;
        for (int j = 0; j < order; j++) {
            cmax = Math.max(cmax, Math.abs(c[j]));
        }
        if (!(cmax > 0) || !Double.isFinite(cmax)) {
            return -1;
        }
        int log2 = Math.getExponent(cmax);
        int shift = precision - 2 - log2;
        if (shift > 15) {
            shift = 15;
        }
        if (shift < 0) {
            return -1;
        }
        int max = (1 << (precision - 1)) - 1;
        int min = -(1 << (precision - 1));
        double scale = 1 << shift;
        double carry = 0;
        for (int j = 0; j < order; j++) {
            carry += c[j] * scale;
            long v = Math.round(carry);
            if (v > max) {
                v = max;
            } else if (v < min) {
                v = min;
            }
            carry -= v;
            q[j] = (int) v;
        }
        return shift;
    }

    /** The residual of the quantised predictor; false if one falls outside the 32-bit range. */
    private static boolean lpcResidual(int[] x, int n, int order, int[] q, int shift, int[] r) {
        for (int i = 0; i < order; i++) {
            r[i] = x[i];
        }
        long bad = 0;
        if (order == 8) {
            long c0 = q[0], c1 = q[1], c2 = q[2], c3 = q[3], c4 = q[4], c5 = q[5], c6 = q[6], c7 = q[7];
            for (int i = 8; i < n; i++) {
                long sum = c0 * x[i - 1] + c1 * x[i - 2] + c2 * x[i - 3] + c3 * x[i - 4]
                        + c4 * x[i - 5] + c5 * x[i - 6] + c6 * x[i - 7] + c7 * x[i - 8];
                long e = x[i] - (sum >> shift);
                bad |= e - (int) e;
                r[i] = (int) e;
            }
        } else {
            for (int i = order; i < n; i++) {
                long sum = 0;
                for (int j = 0; j < order; j++) {
                    sum += (long) q[j] * x[i - 1 - j];
                }
                long e = x[i] - (sum >> shift);
                bad |= e - (int) e;
                r[i] = (int) e;
            }
        }
        return bad == 0;
    }

    /**
     * Chooses the Rice coding of {@code r[order .. n)}: partition order, method and parameters of least
     * estimated size, written into {@code choice}; returns the bits, with the 6 of the method and order.
     */
    private long rice(int[] r, int n, int order, Rice choice) {
        int top = maxPartitionOrder;
        while (top > 0 && ((n & ((1 << top) - 1)) != 0 || (n >> top) <= order)) {
            top--;
        }
        int parts = 1 << top;
        int size = n >> top;
        for (int p = 0; p < parts; p++) {
            long sum = 0;
            long or = 0;
            for (int i = p == 0 ? order : p * size, end = (p + 1) * size; i < end; i++) {
                int v = r[i];
                long u = ((long) v << 1 ^ (long) (v >> 31)) & 0xFFFF_FFFFL;
                sum += u;
                or |= u;
            }
            sums[p] = sum;
            ors[p] = or;
        }
        long best = Long.MAX_VALUE;
        for (int po = top; po >= 0; po--) {
            int count = 1 << po;
            int psize = n >> po;
            if (po < top) {
                for (int p = 0; p < count; p++) {
                    sums[p] = sums[2 * p] + sums[2 * p + 1];
                    ors[p] = ors[2 * p] | ors[2 * p + 1];
                }
            }
            for (int method = 0; method < 2; method++) {
                int paramBits = 4 + method;
                int escape = (1 << paramBits) - 1;
                long total = 6;
                for (int p = 0; p < count; p++) {
                    int samples = psize - (p == 0 ? order : 0);
                    long sum = sums[p];
                    int k = 0;
                    long bitsK = samples + sum;
                    if (samples > 0 && sum > 0) {
                        long mean = sum / samples;
                        int k0 = mean > 0 ? 63 - Long.numberOfLeadingZeros(mean) : 0;
                        bitsK = Long.MAX_VALUE;
                        // near the mean's logarithm, clamped to the parameters this method can state
                        int hi = Math.min(k0 + 1, escape - 1);
                        for (int kk = Math.min(Math.max(0, k0 - 1), hi); kk <= hi; kk++) {
                            long est = (long) samples * (kk + 1) + (sum >>> kk);
                            if (est < bitsK) {
                                bitsK = est;
                                k = kk;
                            }
                        }
                    }
                    int width = 64 - Long.numberOfLeadingZeros(ors[p]);
                    long raw = 5 + (long) samples * width;
                    if (raw < bitsK && width < 32) {
                        choice.trialParams[p] = escape;
                        choice.trialWidths[p] = width;
                        total += paramBits + raw;
                    } else {
                        choice.trialParams[p] = k;
                        total += paramBits + bitsK;
                    }
                }
                if (total < best) {
                    best = total;
                    choice.order = po;
                    choice.method = method;
                    System.arraycopy(choice.trialParams, 0, choice.params, 0, count);
                    System.arraycopy(choice.trialWidths, 0, choice.widths, 0, count);
                }
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- windows

    private void prepareWindows(int n) {
        if (windowLength == n) {
            return;
        }
        windowLength = n;
        if (windowCount > 0) {
            tukey(windows[0], n, 0, n, 0.5);
        }
        if (windowCount >= 3) {
            // partial tukey(2): each half of the block, overlapping by half a half
            int quarter = n / 4;
            partial(windows[1], n, 0, n / 2 + quarter / 2);
            partial(windows[2], n, n / 2 - quarter / 2, n);
        }
        if (windowCount >= 6) {
            // punchout tukey(3): the whole block with one third cut out
            for (int k = 0; k < 3; k++) {
                double[] w = windows[3 + k];
                Arrays.fill(w, 0, n, 0);
                int cutFrom = k * n / 3;
                int cutTo = (k + 1) * n / 3;
                if (cutFrom > 0) {
                    tukey(w, n, 0, cutFrom, 0.2);
                }
                if (cutTo < n) {
                    tukey(w, n, cutTo, n, 0.2);
                }
            }
        }
    }

    private static void partial(double[] w, int n, int from, int to) {
        Arrays.fill(w, 0, n, 0);
        tukey(w, n, from, to, 0.2);
    }

    /** A Tukey window of taper fraction {@code p} over {@code w[from .. to)}, leaving the rest. */
    private static void tukey(double[] w, int n, int from, int to, double p) {
        int len = to - from;
        int taper = (int) (p / 2 * len);
        for (int i = 0; i < len; i++) {
            double v;
            if (taper > 1 && i < taper) {
                v = 0.5 - 0.5 * Math.cos(Math.PI * i / taper);
            } else if (taper > 1 && i >= len - taper) {
                v = 0.5 - 0.5 * Math.cos(Math.PI * (len - 1 - i) / taper);
            } else {
                v = 1;
            }
            w[from + i] = v;
        }
    }

    // ---------------------------------------------------------------- writing

    private void writeSubframe(Plan p, int n) {
        out.write(0, 1);
        int typeCode = p.type == CONSTANT ? 0 : p.type == VERBATIM ? 1 : p.type == FIXED ? 8 + p.order : 31 + p.order;
        out.write(typeCode, 6);
        if (p.wasted > 0) {
            out.write(1, 1);
            out.writeUnary(p.wasted - 1);
        } else {
            out.write(0, 1);
        }
        int b = p.sampleBits;
        switch (p.type) {
            case CONSTANT:
                out.writeSigned(p.constant, b);
                return;
            case VERBATIM:
                for (int i = 0; i < n; i++) {
                    out.writeSigned(p.signal[i], b);
                }
                return;
            default:
                break;
        }
        for (int i = 0; i < p.order; i++) {
            out.writeSigned(p.signal[i], b);
        }
        if (p.type == LPC) {
            out.write(p.precision - 1, 4);
            out.writeSigned(p.shift, 5);
            for (int j = 0; j < p.order; j++) {
                out.writeSigned(p.coefficients[j], p.precision);
            }
        }
        Rice rice = p.rice;
        out.write(rice.method, 2);
        out.write(rice.order, 4);
        int paramBits = 4 + rice.method;
        int escape = (1 << paramBits) - 1;
        int size = n >> rice.order;
        for (int q = 0; q < 1 << rice.order; q++) {
            int from = q == 0 ? p.order : q * size;
            int to = (q + 1) * size;
            int k = rice.params[q];
            out.write(k, paramBits);
            if (k == escape) {
                int width = rice.widths[q];
                out.write(width, 5);
                for (int i = from; i < to; i++) {
                    out.writeSigned(p.residual[i], width);
                }
            } else {
                out.writeRice(p.residual, from, to, k);
            }
        }
    }

    /** The Rice coding chosen for a residual. */
    private static final class Rice {
        int method;
        int order;
        final int[] params;
        final int[] widths;
        final int[] trialParams;
        final int[] trialWidths;

        Rice(int maxPartitions) {
            params = new int[maxPartitions];
            widths = new int[maxPartitions];
            trialParams = new int[maxPartitions];
            trialWidths = new int[maxPartitions];
        }
    }

    /** The best subframe found so far for one candidate channel. */
    private static final class Plan {
        int type;
        int order;
        int wasted;
        int sampleBits;
        int constant;
        int precision;
        int shift;
        long bits;
        final int[] signal;
        int[] residual;
        int[] trial;
        final int[] coefficients = new int[32];
        final int[] trialCoefficients = new int[32];
        Rice rice;
        Rice trialRice;

        Plan(int blockSize, int maxPartitionOrder) {
            signal = new int[blockSize];
            residual = new int[blockSize];
            trial = new int[blockSize];
            rice = new Rice(1 << maxPartitionOrder);
            trialRice = new Rice(1 << maxPartitionOrder);
        }

        /** Makes the trial residual and Rice coding the plan's. */
        void accept(int newType, int newOrder, long newBits) {
            type = newType;
            order = newOrder;
            bits = newBits;
            int[] r = residual;
            residual = trial;
            trial = r;
            Rice c = rice;
            rice = trialRice;
            trialRice = c;
        }
    }
}
