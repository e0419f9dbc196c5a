package io.github.mixwright.loudness;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.filters.KaiserWindow;
import java.util.Arrays;
import java.util.Objects;

/**
 * True-peak meter after ITU-R BS.1770-4 Annex 2: the largest absolute value of the signal oversampled
 * 4 times below 96 kHz, 2 times from 96 to 192 kHz (inclusive) and not at all above
 * ({@link #factorFor(double)}).
 *
 * <p>The interpolator is a cascade of two half-sample interpolators, each symmetric, so the sample
 * itself is every fourth output and the true peak is never below the sample peak:
 * <ol>
 * <li>the value half-way between samples {@code n} and {@code n+1} is
 *     {@code h[n] = sum_j g_j (x[n-j] + x[n+1+j])} over {@value #HALF_PAIRS} pairs, {@code g_j} the sinc at
 *     {@code j + 1/2} under a Kaiser window (beta {@value #KAISER_BETA}) spanning
 *     {@code 2 * HALF_PAIRS} samples, normalised to unit gain at DC;</li>
 * <li>at 4x, the quarter positions are the same construction on the 2x sequence
 *     {@code x[0], h[0], x[1], h[1], ...} with {@value #QUARTER_PAIRS} pairs, designed by least squares
 *     for a flat response up to 0.46 of the base rate (content above that is the first stage's
 *     concern).</li>
 * </ol>
 * Every output position is within 0.025 dB of unity gain up to 0.4 fs and 0.04 dB up to 0.45 fs, so a
 * sine up to 0.45 fs reads at most 0.6 dB low, all but 0.04 dB of it the 4x grid itself
 * ({@code cos(pi f / 4 fs)} at worst). The Annex's example filter has 12 taps per phase and droops more
 * near the top of the band. A half-band cascade costs 28 multiplications per sample at 4x, where a
 * direct polyphase filter of the same quality costs 96.
 *
 * <p>The stream counts as preceded and followed by silence, and every interpolated value its samples
 * reach counts, the ringing just before the first sample and just after the last one included: a stream
 * that starts or stops abruptly overshoots in any reconstruction. The interpolated values lag the input
 * by {@value #HISTORY} samples; queries evaluate the pending ones without changing the state, so a peak
 * in the final samples is never missed.
 *
 * <p>Exact shortcut: a run of input whose largest magnitude, times the interpolator's worst-case gain,
 * cannot exceed the peak already found cannot raise it, and is not interpolated. The result is
 * bit-identical to interpolating everything.
 *
 * <p>NaN and infinite samples are read as 0 (the policy of {@link LoudnessMeter}). Not thread-safe;
 * different channels may be fed from different threads through the meter that owns this one.
 */
public final class TruePeakMeter {
    /** Coefficient pairs of the half-sample interpolator (its length is twice this). */
    public static final int HALF_PAIRS = 16;
    /** Coefficient pairs of the quarter-sample interpolator that runs on the 2x sequence. */
    public static final int QUARTER_PAIRS = 3;
    /** Kaiser window parameter of the half-sample interpolator. */
    public static final double KAISER_BETA = 5.0;
    /** Upper edge of the quarter-sample interpolator's least-squares band, as a fraction of the base rate. */
    static final double QUARTER_BAND_EDGE = 0.46;
    /** Input samples kept from one chunk to the next: one window plus one on each side. */
    static final int HISTORY = 2 * HALF_PAIRS + 1;
    private static final int CHUNK = 1024;

    /** {@code g_j} of the half-sample interpolator. */
    private static final float[] HALF = halfSampleDesign();
    /** The quarter-sample interpolator's pairs. */
    private static final float[] QUARTER = quarterSampleDesign();

    private final double sampleRate;
    private final int factor;
    private final int channels;
    /** Largest gain of the interpolator for any input: the product of the stages' coefficient sums. */
    private final double worstGain;
    private final float[][] work;
    private final float[][] halves;
    /** Per channel: samples copied to arrays of their own so that loops read each at one index (see interpolatedPeak). */
    private final float[][][] scratch;
    private static final int SCRATCH_ROWS = 9;
    /**
     * Per channel: the largest interpolated magnitude seen at each position of a chunk, folded into
     * {@link #peaks} once per block: a running maximum per position vectorises, where one maximum over
     * the chunk is a reduction C2 17 leaves scalar.
     */
    private final float[][] most;
    private final double[] peaks;

    /**
     * @param sampleRate Hz, in [8000, 768000]
     * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
     */
    public TruePeakMeter(double sampleRate, int channels) {
        this.sampleRate = Checks.inRange("sampleRate", sampleRate, 8_000, 768_000);
        this.channels = Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        this.factor = factorFor(sampleRate);
        double gain = absoluteSum(HALF);
        if (factor == 4) {
            gain *= Math.max(1, absoluteSum(QUARTER));
        }
        // A margin over the float sums, so rounding can never make the shortcut skip a real peak.
        this.worstGain = Math.max(1, gain) * (1 + 1e-4);
        this.work = new float[channels][HISTORY + CHUNK];
        this.halves = new float[channels][CHUNK + 2];
        this.scratch = new float[channels][SCRATCH_ROWS][CHUNK + 2];
        this.most = new float[channels][CHUNK];
        this.peaks = new double[channels];
    }

    private static double absoluteSum(float[] pairs) {
        double s = 0;
        for (float g : pairs) {
            s += 2 * Math.abs(g);
        }
        return s;
    }

    /** Oversampling factor for a rate: 4 below 96 kHz, 2 from 96 to 192 kHz, 1 above. */
    public static int factorFor(double sampleRate) {
        if (sampleRate < 96_000) {
            return 4;
        }
        return sampleRate <= 192_000 ? 2 : 1;
    }

    private static float[] halfSampleDesign() {
        double[] g = new double[HALF_PAIRS];
        double sum = 0;
        for (int j = 0; j < HALF_PAIRS; j++) {
            double t = j + 0.5;
            g[j] = Math.sin(Math.PI * t) / (Math.PI * t) * KaiserWindow.value(t, HALF_PAIRS, KAISER_BETA);
            sum += 2 * g[j];
        }
        float[] f = new float[HALF_PAIRS];
        for (int j = 0; j < HALF_PAIRS; j++) {
            f[j] = (float) (g[j] / sum);
        }
        return f;
    }

    /**
     * Least squares: the pairs {@code g_j} minimising the squared deviation of
     * {@code sum_j 2 g_j cos(w (j + 1/2))} from 1 on a dense grid of {@code w} from 0 to
     * {@code 2 pi QUARTER_BAND_EDGE / 2} (the band edge in units of the 2x rate).
     */
    private static float[] quarterSampleDesign() {
        int p = QUARTER_PAIRS;
        int points = 4000;
        double[][] normal = new double[p][p + 1];
        for (int k = 0; k < points; k++) {
            double w = Math.PI * QUARTER_BAND_EDGE * k / (points - 1);
            double[] row = new double[p];
            for (int j = 0; j < p; j++) {
                row[j] = 2 * Math.cos(w * (j + 0.5));
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    normal[a][b] += row[a] * row[b];
                }
                normal[a][p] += row[a];
            }
        }
        double[] g = solve(normal);
        float[] f = new float[p];
        for (int j = 0; j < p; j++) {
            f[j] = (float) g[j];
        }
        return f;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix {@code [A | b]}. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** A copy of the half-sample interpolator's pairs {@code g_j}. */
    static float[] halfSamplePairs() {
        return HALF.clone();
    }

    /** A copy of the quarter-sample interpolator's pairs. */
    static float[] quarterSamplePairs() {
        return QUARTER.clone();
    }

    /**
     * Magnitude of the interpolator's response at {@code hz} for the output {@code k/factor} of the way
     * from one sample to the next ({@code k} from 1 to factor - 1): what a sine at {@code hz} is scaled by
     * at that position.
     */
    double phaseMagnitude(int k, double hz) {
        Objects.checkIndex(k - 1, factor - 1);
        double w = 2 * Math.PI * hz / sampleRate;
        double half = 0;
        for (int j = 0; j < HALF_PAIRS; j++) {
            half += 2 * HALF[j] * Math.cos(w * (j + 0.5));
        }
        if (factor == 2 || k == 2) {
            return Math.abs(half);
        }
        // The 2x sequence of a complex sine: z[m] = e^(i w m / 2), times half at odd m. The output at
        // m + 1/2 (m = 0 for a quarter, 1 for three quarters), divided by e^(i w (m + 1/2) / 2).
        int m = k == 1 ? 0 : 1;
        double re = 0;
        double im = 0;
        for (int j = 0; j < QUARTER_PAIRS; j++) {
            for (int z : new int[] {m - j, m + 1 + j}) {
                double scale = Math.floorMod(z, 2) == 1 ? half : 1;
                double phase = w * (z - (m + 0.5)) / 2;
                re += QUARTER[j] * scale * Math.cos(phase);
                im += QUARTER[j] * scale * Math.sin(phase);
            }
        }
        return Math.hypot(re, im);
    }

    /** Measures a block; its channel count must be this meter's. */
    public void accept(AudioBuffer block) {
        if (block.channels() != channels) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels, meter " + channels);
        }
        for (int c = 0; c < channels; c++) {
            accept(c, block.channel(c), block.offset(), block.frames());
        }
    }

    /** Measures {@code len} samples of channel {@code c} from {@code x[from]}. */
    void accept(int c, float[] x, int from, int len) {
        float[] w = work[c];
        float[] interpolated = most[c];
        double peak = peaks[c];
        int done = 0;
        boolean interpolating = false;
        while (done < len) {
            int n = Math.min(CHUNK, len - done);
            System.arraycopy(x, from + done, w, HISTORY, n);
            float chunkMax = largestMagnitude(w, HISTORY, n);
            if (!(chunkMax <= Float.MAX_VALUE)) {
                // NaN or infinite samples (rare): read as 0.
                chunkMax = finite(w, HISTORY, n);
            }
            peak = Math.max(peak, chunkMax);
            if (factor > 1) {
                float windowMax = Math.max(chunkMax, largestMagnitude(w, 0, HISTORY));
                // The interpolated peaks are folded in below, so the peak this compares with may lag
                // within the block: the shortcut then skips less, never more.
                if (windowMax * worstGain > peak) {
                    interpolatedPeaks(w, n, halves[c], scratch[c], interpolated);
                    interpolating = true;
                }
            }
            System.arraycopy(w, n, w, 0, HISTORY);
            done += n;
        }
        if (interpolating) {
            peak = Math.max(peak, largestMagnitude(interpolated, 0, CHUNK));
        }
        peaks[c] = peak;
    }

    /** The largest {@code |a[from + i]|} for {@code i < n}: NaN if any is NaN. */
    private static float largestMagnitude(float[] a, int from, int n) {
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a[from + i]));
        }
        return max;
    }

    /** Replaces NaN and infinite values of {@code a[from..from+n)} by 0; returns the largest magnitude. */
    private static float finite(float[] a, int from, int n) {
        float max = 0;
        for (int i = from; i < from + n; i++) {
            if (!Float.isFinite(a[i])) {
                a[i] = 0;
            }
            max = Math.max(max, Math.abs(a[i]));
        }
        return max;
    }

    /**
     * Raises {@code most[i - 1]} to the largest absolute interpolated value between the samples
     * {@code w[i + HALF_PAIRS - 1]} and {@code w[i + HALF_PAIRS]}, for {@code i} from 1 to {@code n};
     * {@code w} holds {@code n + HISTORY} samples and {@code h} room for {@code n + 2} half-sample values.
     */
    private void interpolatedPeaks(float[] w, int n, float[] h, float[][] rows, float[] most) {
        float[] a = rows[0];
        float[] b = rows[1];
        // h[i]: half-way between w[i + 15] and w[i + 16], for i = 0 .. n + 1, summed tap pair by tap pair:
        // h[i] = g0 (w[i+15] + w[i+16]) + g1 (w[i+14] + w[i+17]) + ..., added from the left, the order
        // of the one expression this replaces, so every value is the same. Each pair's two samples are
        // copied to arrays of their own first, so that the loop reads every array at its own index,
        // which Java 17's C2 vectorises; reading w at two offsets it leaves scalar (three times slower).
        int m = n + 2;
        System.arraycopy(w, HALF_PAIRS - 1, a, 0, m);
        System.arraycopy(w, HALF_PAIRS, b, 0, m);
        firstPair(a, b, m, HALF[0], h);
        for (int t = 1; t < HALF_PAIRS; t++) {
            System.arraycopy(w, HALF_PAIRS - 1 - t, a, 0, m);
            System.arraycopy(w, HALF_PAIRS + t, b, 0, m);
            addPair(a, b, m, HALF[t], h);
        }
        float[] h0 = rows[5];
        System.arraycopy(h, 1, h0, 0, n);
        raise(most, h0, n);
        if (factor == 4) {
            // The 2x sequence around interval i: ..., x[-1], h[-1], x[0], h[0], x[1], h[1], x[2], ...; the
            // seven values each interval reads are copied to rows of their own at j = i - 1 (see above).
            float[] xm1 = rows[0];
            float[] x0 = rows[1];
            float[] x1 = rows[2];
            float[] x2 = rows[3];
            float[] hm1 = rows[4];
            float[] h1 = rows[6];
            System.arraycopy(w, HALF_PAIRS - 1, xm1, 0, n);
            System.arraycopy(w, HALF_PAIRS, x0, 0, n);
            System.arraycopy(w, HALF_PAIRS + 1, x1, 0, n);
            System.arraycopy(w, HALF_PAIRS + 2, x2, 0, n);
            System.arraycopy(h, 0, hm1, 0, n);
            System.arraycopy(h, 2, h1, 0, n);
            // The quarter and three-quarter values, q0 (x0 + h0) + q1 (hm1 + x1) + q2 (xm1 + h1) and
            // q0 (h0 + x1) + q1 (x0 + h1) + q2 (hm1 + x2), a pair at a time in that order: one loop over
            // both expressions is too long for C2 17 to unroll, so it stays scalar (three times slower).
            float[] quarter = rows[7];
            float[] threeQuarters = rows[8];
            firstPair(x0, h0, n, QUARTER[0], quarter);
            addPair(hm1, x1, n, QUARTER[1], quarter);
            addPair(xm1, h1, n, QUARTER[2], quarter);
            firstPair(h0, x1, n, QUARTER[0], threeQuarters);
            addPair(x0, h1, n, QUARTER[1], threeQuarters);
            addPair(hm1, x2, n, QUARTER[2], threeQuarters);
            raise(most, quarter, n);
            raise(most, threeQuarters, n);
        }
    }

    /** {@code most[i] = max(most[i], |v[i]|)}. */
    private static void raise(float[] most, float[] v, int n) {
        for (int i = 0; i < n; i++) {
            most[i] = Math.max(most[i], Math.abs(v[i]));
        }
    }

    private static void firstPair(float[] a, float[] b, int m, float g, float[] h) {
        for (int i = 0; i < m; i++) {
            h[i] = g * (a[i] + b[i]);
        }
    }

    private static void addPair(float[] a, float[] b, int m, float g, float[] h) {
        for (int i = 0; i < m; i++) {
            h[i] += g * (a[i] + b[i]);
        }
    }

    /** Peak of the values still pending at the end of the stream, as if silence followed. */
    private double tailPeak(int c) {
        if (factor == 1) {
            return 0;
        }
        // The intervals from w[HALF_PAIRS] on, through the last one the final samples still reach.
        int pending = 2 * HALF_PAIRS + 2;
        float[] w = new float[HISTORY + pending];
        System.arraycopy(work[c], 0, w, 0, HISTORY);
        float[] tail = new float[pending];
        interpolatedPeaks(w, pending, new float[pending + 2], new float[SCRATCH_ROWS][pending + 2], tail);
        return largestMagnitude(tail, 0, pending);
    }

    /** True peak of channel {@code c} so far, linear (full scale 1). */
    public double truePeak(int c) {
        Objects.checkIndex(c, channels);
        return Math.max(peaks[c], tailPeak(c));
    }

    /** True peak over all channels so far, linear. */
    public double truePeak() {
        double p = 0;
        for (int c = 0; c < channels; c++) {
            p = Math.max(p, truePeak(c));
        }
        return p;
    }

    /** {@link #truePeak()} in dBTP; {@code -Infinity} for silence. */
    public double truePeakDbtp() {
        return 20 * Math.log10(truePeak());
    }

    /** The oversampling factor in use. */
    public int factor() {
        return factor;
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Sample rate, Hz. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Forgets everything measured. */
    public void reset() {
        for (float[] w : work) {
            Arrays.fill(w, 0f);
        }
        for (float[] m : most) {
            Arrays.fill(m, 0f);
        }
        Arrays.fill(peaks, 0);
    }
}
