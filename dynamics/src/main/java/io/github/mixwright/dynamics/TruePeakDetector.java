package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.KaiserWindow;
import io.github.mixwright.filters.Oversampler;
import java.util.Arrays;

/**
 * The {@link TruePeakLimiter}'s detector: for every input sample, the largest magnitude of the signal
 * reconstructed just after it, under three reconstructions, keeping the largest.
 *
 * <p><b>Why three.</b> Below 0.45 fs accurate interpolators agree to a few thousandths of a dB, but meters
 * are not all accurate, and near Nyquist and at abrupt edges no two agree. A long, steep reconstruction
 * (an oversampler built for 100 dB, or the ideal one) reads near-Nyquist content and the ringing after an
 * abrupt stop up to 0.2 dB higher than a short one; a short one of the kind BS.1770 meters use reads up to
 * 0.1 dB higher at the onset of a tone near 0.45 fs and, through its pass-band ripple, up to 0.04 dB
 * higher on steady tones; libebur128's Hann-windowed interpolator reads steady tones near fs/3 up to
 * 0.11 dB high. The output is held under each:
 * <ol>
 *   <li><b>Steep</b>, read on an 8x grid and refined between grid points: {@link Oversampler}'s first
 *       stage (its 100 dB half-band, taken from its impulse response, so measurements through the
 *       library's oversampler at any factor agree with the limiter), then two short half-band stages
 *       (at 2 fs: {@value #PAIRS_2} pairs, Kaiser beta {@value #BETA_2}; at 4 fs: {@value #PAIRS_3}
 *       pairs, beta {@value #BETA_3}; both within 1e-4 of unit gain up to 0.5 fs).</li>
 *   <li><b>Short</b>, read on a 4x grid as 4x meters read: a half-band of {@value #SHORT_PAIRS} pairs
 *       under a Kaiser window of beta {@value #SHORT_BETA} (the project's BS.1770 meter uses this one),
 *       then the same 2 fs stage.</li>
 *   <li><b>Hann</b>, read on its own grid: a sinc under a Hann window spanning {@value #HANN_TAPS} taps
 *       of a 4x grid below 96 kHz, of a 2x grid below 192 kHz, none above (libebur128's design).</li>
 * </ol>
 * A half-band stage puts the value half-way between two samples {@code s[a]} and {@code s[a+1]} of its
 * input at {@code sum_t g_t (s[a-t] + s[a+1+t])} and passes the samples through, so every grid sits
 * exactly at multiples of its step and never reads below the sample peak.
 *
 * <p><b>Between grid points</b> (steep reconstruction only: meters read their grids). A sine at {@code f}
 * can peak half a grid step from the nearest grid point, which reads it {@code cos(pi f / 8 fs)} low:
 * 0.17 dB at Nyquist. The largest grid value of each sample's step is replaced by the vertex of the
 * parabola through it and its two neighbours when it is a local maximum; that reads any sine up to Nyquist
 * at most 0.005 dB low. At 8x a peak of {@code |x|} spans at least 8 grid steps, so one step holds one
 * maximum worth refining.
 *
 * <p><b>Timing.</b> The values reported for base sample {@code m} cover {@code [m - 2/8, m + 7/8]} and are
 * available {@link #LATENCY} samples after {@code m} arrives. The reconstructions around {@code m} reach
 * {@link #REACH} samples either side.
 *
 * <p><b>Cost.</b> About 130 multiply-adds per sample. The first stages share each pair's sum. Java 17's C2
 * vectorises a loop only when it reads every array at the loop's own index, so the filters run tap by tap
 * over the whole chunk, each tap's two inputs first copied to arrays of their own ({@code arraycopy} is
 * itself vectorised): about 2.5 times faster than the plain scalar loop.
 *
 * <p>Input NaN reads as 0 and magnitudes above {@value #LARGEST} as {@value #LARGEST}, so no sum can
 * overflow and content can never poison the state. Chunks of up to {@link #CHUNK} samples; the output is
 * the same however the stream is cut. Allocates only when constructed. Not thread-safe.
 */
final class TruePeakDetector {
    /** Largest chunk {@link #detect} takes. */
    static final int CHUNK = 256;
    /** Largest input magnitude the detector reads; larger values are clamped. */
    static final float LARGEST = 1e30f;
    static final int SHORT_PAIRS = 16;
    static final double SHORT_BETA = 5;
    /** Taps of the Hann-windowed reconstruction's prototype filter on its oversampled grid. */
    static final int HANN_TAPS = 49;
    static final int PAIRS_2 = 6;
    static final double BETA_2 = 9.4;
    static final int PAIRS_3 = 4;
    static final double BETA_3 = 9.3;

    /**
     * Pairs of the steep first stage (those of the oversampler's 100 dB half-band). A constant, so that
     * loading this class or the limiter (whose descriptor the registry reads at start-up) designs no
     * filter; {@link Tables} checks it against the design the first time a detector is made.
     */
    static final int STEEP_PAIRS = 33;
    /** Delay of the reported values, in base samples: the steep cascade's, a whole number by design. */
    static final int LATENCY = STEEP_PAIRS + PAIRS_2 / 2 + PAIRS_3 / 4;
    /** How far, in base samples, the reconstructions around a sample reach. */
    static final int REACH = STEEP_PAIRS + (PAIRS_2 + 1) / 2 + (PAIRS_3 + 3) / 4;
    /**
     * The first stages read the sample {@code STEEP_PAIRS} back; the short and Hann results wait this many
     * samples to report, with the steep grid, the sample {@code LATENCY} back.
     */
    private static final int WAIT = LATENCY - STEEP_PAIRS;
    /** History of the short 2x sequence: its second stage reads around the value {@code 2 WAIT} back. */
    private static final int SHORT_HISTORY = 2 * WAIT + PAIRS_2;

    static {
        if (PAIRS_2 % 2 != 0 || PAIRS_3 % 4 != 0 || STEEP_PAIRS < SHORT_PAIRS || (HANN_TAPS - 1) / 4 > SHORT_PAIRS) {
            throw new AssertionError("the reconstructions must align on whole samples, the steep one the longest");
        }
    }

    /**
     * The reconstructions' pair weights, designed when the first detector is made rather than when the
     * class loads: the steep one comes from the oversampler's filter search, which takes tens of
     * milliseconds that a command running no limiter should not pay.
     */
    private static final class Tables {
        static final float[] STEEP = oversamplerPairs();
        static final float[] SHORT = pairs(SHORT_PAIRS, SHORT_BETA);
        static final float[] G2 = pairs(PAIRS_2, BETA_2);
        static final float[] G3 = pairs(PAIRS_3, BETA_3);

        static {
            if (STEEP.length != STEEP_PAIRS) {
                throw new AssertionError("the oversampler's first stage has " + STEEP.length + " pairs, not "
                        + STEEP_PAIRS);
            }
        }

        /** Designs the tables now, if not yet done. */
        static void load() {
        }
    }


    private final int channels;
    /**
     * The Hann-windowed reconstruction as pairs (see {@link #hannPairs}): at the midpoint, and the
     * half-sum and half-difference of the quarter and three-quarter weights; empty where unused.
     */
    private final float[] hannMid;
    private final float[] hannSum;
    private final float[] hannDiff;
    /** Per channel: base samples, {@code 2 STEEP_PAIRS} of history in front. */
    private final float[][] base;
    /** Per channel: the steep 2x and 4x sequences and the short 2x sequence, history in front. */
    private final float[][] steep2;
    private final float[][] steep4;
    private final float[][] short2;
    /** Per channel: the last two 8x grid values of the previous chunk. */
    private final float[][] carry;
    /** Per channel: the Hann peaks of the last {@code WAIT} samples, then room for a chunk's. */
    private final float[][] hannDelay;
    /** The steep 8x grid of the chunk, after two carried values. */
    private final float[] grid = new float[2 + 8 * CHUNK];
    /** Scratch sums, and the two inputs of a pair copied to the start of arrays of their own. */
    private final float[] sums = new float[4 * CHUNK];
    private final float[] older = new float[4 * CHUNK];
    private final float[] newer = new float[4 * CHUNK];
    private final float[] shortSums = new float[CHUNK];
    private final float[] midSums = new float[CHUNK];
    private final float[] symmetricSums = new float[CHUNK];
    private final float[] antisymmetricSums = new float[CHUNK];

    TruePeakDetector(int channels, double sampleRate) {
        Tables.load();
        this.channels = channels;
        float[][] hann = hannPairs(sampleRate);
        hannMid = hann[0];
        hannSum = hann[1];
        hannDiff = hann[2];
        base = new float[channels][2 * STEEP_PAIRS + CHUNK];
        steep2 = new float[channels][2 * PAIRS_2 + 2 * CHUNK];
        steep4 = new float[channels][2 * PAIRS_3 + 4 * CHUNK];
        short2 = new float[channels][SHORT_HISTORY + 2 * CHUNK];
        carry = new float[channels][2];
        hannDelay = new float[channels][WAIT + CHUNK];
    }

    /** The midpoint interpolator's pairs: windowed sinc at {@code t + 1/2}, summing to 1/2. */
    static float[] pairs(int count, double beta) {
        double[] g = new double[count];
        double sum = 0;
        for (int t = 0; t < count; t++) {
            double x = t + 0.5;
            g[t] = Math.sin(Math.PI * x) / (Math.PI * x) * KaiserWindow.value(x, count, beta);
            sum += 2 * g[t];
        }
        float[] f = new float[count];
        for (int t = 0; t < count; t++) {
            f[t] = (float) (g[t] / sum);
        }
        return f;
    }

    /**
     * The midpoint pairs of {@link Oversampler}'s first stage, read from its impulse response: the sample
     * itself passes through exactly (the value 1), and the values either side of it are the pairs.
     */
    private static float[] oversamplerPairs() {
        Oversampler up = new Oversampler(2);
        int n = 4 * up.upsampleLatencyFrames() + 8;
        up.prepare(new ProcessSpec(48_000, n, 1));
        AudioBuffer impulse = AudioBuffer.allocate(1, n);
        impulse.set(0, 0, 1f);
        AudioBuffer out = AudioBuffer.allocate(1, 2 * n);
        up.upsample(impulse, out);
        float[] y = out.channel(0);
        int centre = 0;
        while (y[centre] != 1f) {
            centre++;
        }
        int count = 0;
        while (centre + 1 + 2 * count < y.length && y[centre + 1 + 2 * count] != 0f) {
            count++;
        }
        float[] g = new float[count];
        for (int t = 0; t < count; t++) {
            g[t] = y[centre + 1 + 2 * t];
        }
        return g;
    }

    /**
     * The Hann-windowed reconstruction for {@code sampleRate}, libebur128's: a sinc under a Hann window
     * spanning {@value #HANN_TAPS} taps of the {@code F}x grid ({@code F} = 4 below 96 kHz, 2 below
     * 192 kHz, none above), {@code h(tau) = sinc(tau) (1 + cos(pi tau / S)) / 2} for
     * {@code |tau| < S = (HANN_TAPS - 1) / (2F)}, read at the positions {@code f / F} past a sample. As
     * pairs over the samples {@code j} after and {@code 1 - j} before ({@code j = 1 .. S}): row 0, the
     * midpoint weights {@code h(j - 1/2)}; at 4x, rows 1 and 2, the half-sum and half-difference of the
     * quarter and three-quarter weights {@code h(j - 1/4)} and {@code h(j - 3/4)}. With {@code S} row 1
     * times the pairs' sums and {@code A} row 2 times their differences, the quarter and three-quarter
     * values are {@code S + A} and {@code S - A}, and the larger magnitude is {@code |S| + |A|}.
     */
    static float[][] hannPairs(double sampleRate) {
        int factor = sampleRate < 96_000 ? 4 : sampleRate < 192_000 ? 2 : 1;
        if (factor == 1) {
            return new float[][] {new float[0], new float[0], new float[0]};
        }
        int span = (HANN_TAPS - 1) / (2 * factor);
        float[][] h = {new float[span], new float[factor == 4 ? span : 0], new float[factor == 4 ? span : 0]};
        for (int j = 1; j <= span; j++) {
            h[0][j - 1] = (float) hann(j - 0.5, span);
            if (factor == 4) {
                double early = hann(j - 0.25, span);
                double late = hann(j - 0.75, span);
                h[1][j - 1] = (float) ((early + late) / 2);
                h[2][j - 1] = (float) ((early - late) / 2);
            }
        }
        return h;
    }

    private static double hann(double tau, int span) {
        return Math.sin(Math.PI * tau) / (Math.PI * tau) * 0.5 * (1 + Math.cos(Math.PI * tau / span));
    }

    /** Copies of the pairs of the steep and short first stages, stage 2 and stage 3, for tests. */
    static float[][] stages() {
        return new float[][] {Tables.STEEP.clone(), Tables.SHORT.clone(), Tables.G2.clone(), Tables.G3.clone()};
    }

    /** Forgets the signal: silence before. */
    void reset() {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(base[c], 0f);
            Arrays.fill(steep2[c], 0f);
            Arrays.fill(steep4[c], 0f);
            Arrays.fill(short2[c], 0f);
            Arrays.fill(carry[c], 0f);
            Arrays.fill(hannDelay[c], 0f);
        }
    }

    /**
     * Takes {@code n} (at most {@link #CHUNK}) samples of channel {@code c} from {@code x[from]} and writes,
     * for each, the peak magnitude around the sample {@link #LATENCY} samples earlier into {@code peaks[0..n)}.
     */
    void detect(int c, float[] x, int from, int n, float[] peaks) {
        float[] in = base[c];
        int history = 2 * STEEP_PAIRS;
        clamp(x, from, n, in, history);
        // The first stages read the sample STEEP_PAIRS back, in[STEEP_PAIRS + i].
        float[] steepMids = sums;
        float[] shortMids = shortSums;
        firstStages(in, n, steepMids, shortMids);

        float[] t2 = short2[c];
        interleave(in, shortMids, n, t2, SHORT_HISTORY);
        float[] s2 = steep2[c];
        interleave(in, steepMids, n, s2, 2 * PAIRS_2);
        float[] s4 = steep4[c];
        midpoints(s2, PAIRS_2, 2 * n, Tables.G2, s4, 2 * PAIRS_3);
        System.arraycopy(s2, 2 * n, s2, 0, 2 * PAIRS_2);
        float[] v = grid;
        v[0] = carry[c][0];
        v[1] = carry[c][1];
        midpoints(s4, PAIRS_3, 4 * n, Tables.G3, v, 2);
        System.arraycopy(s4, 4 * n, s4, 0, 2 * PAIRS_3);
        carry[c][0] = v[8 * n];
        carry[c][1] = v[8 * n + 1];
        refinedPeaks(v, n, peaks);

        shortPeaks(t2, n, peaks);
        System.arraycopy(t2, 2 * n, t2, 0, SHORT_HISTORY);
        hannPeaks(c, n, peaks);
        System.arraycopy(in, n, in, 0, history);
    }

    /** Copies {@code x[from..from+n)} to {@code in[to..]}, NaN as 0 and magnitudes above {@link #LARGEST} clamped. */
    private static void clamp(float[] x, int from, int n, float[] in, int to) {
        for (int i = 0; i < n; i++) {
            float v = x[from + i];
            in[to + i] = v > LARGEST ? LARGEST : v < -LARGEST ? -LARGEST : v == v ? v : 0f;
        }
    }

    /**
     * The first stages at once, sharing each pair: the steep and short midpoints after the samples
     * {@code in[STEEP_PAIRS + i]}, {@code i < n}, and the Hann reconstruction's sums there (see
     * {@link #hannPairs}). Pair {@code t} joins the samples {@code t} before and {@code t + 1} after.
     */
    private void firstStages(float[] in, int n, float[] steep, float[] shorter) {
        float[] mid = midSums;
        float[] sym = symmetricSums;
        float[] anti = antisymmetricSums;
        int hannSpan = hannMid.length;
        boolean quarters = hannSum.length > 0;
        // Pair 0, the two samples either side of the midpoint, starts every sum.
        firstPair(in, n, steep, shorter, hannSpan > 0 ? hannMid[0] : 0f, quarters ? hannSum[0] : 0f,
                quarters ? hannDiff[0] : 0f);
        float[] a = older;
        float[] b = newer;
        for (int t = 1; t < STEEP_PAIRS; t++) {
            // Copies, so that every array is read at the loop's own index, which C2 vectorises.
            System.arraycopy(in, STEEP_PAIRS - t, a, 0, n);
            System.arraycopy(in, STEEP_PAIRS + 1 + t, b, 0, n);
            float g = Tables.STEEP[t];
            if (t < hannSpan && quarters) {
                addPairs(a, b, n, g, Tables.SHORT[t], hannMid[t], hannSum[t], hannDiff[t], steep, shorter, mid, sym,
                        anti);
            } else if (t < hannSpan) {
                addPairs(a, b, n, g, Tables.SHORT[t], hannMid[t], steep, shorter, mid);
            } else if (t < SHORT_PAIRS) {
                addPairs(a, b, n, g, Tables.SHORT[t], steep, shorter);
            } else {
                addPairs(a, b, n, g, steep);
            }
        }
    }

    /*
     * The loops over a chunk's samples are methods of their own, so that the methods calling them loop
     * only over taps and stages: C2 then compiles each loop once, small, instead of compiling its caller
     * on stack replacement at every loop of the caller's that runs long, as it did before (four compiles
     * of firstStages and two of detect, a fifth of a ten-minute limiter render's compiler time).
     */

    private void firstPair(float[] in, int n, float[] steep, float[] shorter, float hm, float hs, float hd) {
        float[] mid = midSums;
        float[] sym = symmetricSums;
        float[] anti = antisymmetricSums;
        float g = Tables.STEEP[0];
        float h = Tables.SHORT[0];
        // Copies, as for every other pair, so that the loop reads each array at its own index.
        float[] a = older;
        float[] b = newer;
        System.arraycopy(in, STEEP_PAIRS, a, 0, n);
        System.arraycopy(in, STEEP_PAIRS + 1, b, 0, n);
        for (int i = 0; i < n; i++) {
            float before = a[i];
            float after = b[i];
            float pair = before + after;
            steep[i] = g * pair;
            shorter[i] = h * pair;
            mid[i] = hm * pair;
            sym[i] = hs * pair;
            anti[i] = hd * (after - before);
        }
    }

    private static void addPairs(float[] a, float[] b, int n, float g, float h, float hm, float hs, float hd,
            float[] steep, float[] shorter, float[] mid, float[] sym, float[] anti) {
        for (int i = 0; i < n; i++) {
            float pair = a[i] + b[i];
            steep[i] += g * pair;
            shorter[i] += h * pair;
            mid[i] += hm * pair;
            sym[i] += hs * pair;
            anti[i] += hd * (b[i] - a[i]);
        }
    }

    private static void addPairs(float[] a, float[] b, int n, float g, float h, float hm, float[] steep,
            float[] shorter, float[] mid) {
        for (int i = 0; i < n; i++) {
            float pair = a[i] + b[i];
            steep[i] += g * pair;
            shorter[i] += h * pair;
            mid[i] += hm * pair;
        }
    }

    private static void addPairs(float[] a, float[] b, int n, float g, float h, float[] steep, float[] shorter) {
        for (int i = 0; i < n; i++) {
            float pair = a[i] + b[i];
            steep[i] += g * pair;
            shorter[i] += h * pair;
        }
    }

    private static void addPairs(float[] a, float[] b, int n, float g, float[] steep) {
        for (int i = 0; i < n; i++) {
            steep[i] += g * (a[i] + b[i]);
        }
    }

    /** Appends the samples {@code in[STEEP_PAIRS + i]} and their midpoints as a 2x sequence at {@code outFrom}. */
    private static void interleave(float[] in, float[] mids, int n, float[] out, int outFrom) {
        for (int i = 0; i < n; i++) {
            out[outFrom + 2 * i] = in[STEEP_PAIRS + i];
            out[outFrom + 2 * i + 1] = mids[i];
        }
    }

    /**
     * One half-band stage: {@code in} holds {@code 2p} values of history then {@code n} new ones; writes
     * the values {@code p} back and the midpoints after them to {@code out[outFrom + 2i]} and the next.
     * The caller moves the history.
     */
    private void midpoints(float[] in, int p, int n, float[] g, float[] out, int outFrom) {
        float[] s = sums;
        pairSums(in, p, p, n, g, s);
        for (int i = 0; i < n; i++) {
            out[outFrom + 2 * i] = in[p + i];
            out[outFrom + 2 * i + 1] = s[i];
        }
    }

    /**
     * For each base sample {@code i}, the largest magnitude of the 8x grid over its step, the grid values
     * {@code v[2 + 8i - 1 .. 2 + 8i + 6]}, refined by a parabola when it is a local maximum. The largest
     * and where it is are found together and without a branch (which of eight noisy values is largest is
     * unpredictable): magnitudes are non-negative floats, whose bits order like their values, so each
     * value's bits shifted left by 3 with {@code 7 - j} in the low bits make a key whose maximum names
     * the largest value and, of equal ones, the first.
     */
    private static void refinedPeaks(float[] v, int n, float[] peaks) {
        for (int i = 0; i < n; i++) {
            int first = 1 + 8 * i;
            long key = 0;
            for (int j = 0; j < 8; j++) {
                long k = ((long) (Float.floatToRawIntBits(v[first + j]) & 0x7fff_ffff) << 3) | (7 - j);
                key = Math.max(key, k);
            }
            int at = first + 7 - (int) (key & 7);
            float best = Float.intBitsToFloat((int) (key >>> 3));
            float a = Math.abs(v[at - 1]);
            float c = Math.abs(v[at + 1]);
            float curvature = 2 * best - a - c;
            float slope = a - c;
            // |slope| <= curvature at a local maximum, so the quotient is at most 1/8 and nothing overflows.
            peaks[i] = best >= a && best >= c && curvature > 0 ? best + slope * (slope / (8 * curvature)) : best;
        }
    }

    /**
     * Raises {@code peaks[i]} to the short reconstruction's 4x grid after the sample {@code LATENCY} back:
     * its midpoint, {@code 2 WAIT} values before the newest in the short 2x sequence {@code t2}, and the
     * second stage's midpoints either side of it.
     */
    private void shortPeaks(float[] t2, int n, float[] peaks) {
        float[] q = sums;
        int at = SHORT_HISTORY - 2 * WAIT;
        pairSums(t2, at, PAIRS_2, 2 * n, Tables.G2, q);
        for (int i = 0; i < n; i++) {
            float m = Math.max(Math.abs(t2[at + 2 * i + 1]), Math.max(Math.abs(q[2 * i]), Math.abs(q[2 * i + 1])));
            peaks[i] = Math.max(peaks[i], m);
        }
    }

    /**
     * {@code s[i] = sum_t g_t (in[centre - t + i] + in[centre + 1 + t + i])} for {@code i < n}: the
     * midpoints after the values {@code in[centre + i]} by the {@code p} pairs {@code g}.
     */
    private void pairSums(float[] in, int centre, int p, int n, float[] g, float[] s) {
        float[] a = older;
        float[] b = newer;
        // Copies for the first pair too: reading in[] at two offsets in one loop, C2 stays scalar.
        System.arraycopy(in, centre, a, 0, n);
        System.arraycopy(in, centre + 1, b, 0, n);
        float g0 = g[0];
        for (int i = 0; i < n; i++) {
            s[i] = g0 * (a[i] + b[i]);
        }
        for (int t = 1; t < p; t++) {
            // Copies, so that every array is read at the loop's own index, which C2 vectorises.
            System.arraycopy(in, centre - t, a, 0, n);
            System.arraycopy(in, centre + 1 + t, b, 0, n);
            float gt = g[t];
            for (int i = 0; i < n; i++) {
                s[i] += gt * (a[i] + b[i]);
            }
        }
    }

    /**
     * Raises {@code peaks[i]} to the largest magnitude of the Hann-windowed reconstruction after the sample
     * {@code LATENCY} back: {@link #firstStages} summed it after the sample {@code STEEP_PAIRS} back, and a
     * ring delays it.
     */
    private void hannPeaks(int c, int n, float[] peaks) {
        if (hannMid.length == 0) {
            return;
        }
        float[] mid = midSums;
        float[] sym = symmetricSums;
        float[] anti = antisymmetricSums;
        float[] delay = hannDelay[c];
        for (int i = 0; i < n; i++) {
            delay[WAIT + i] = Math.max(Math.abs(mid[i]), Math.abs(sym[i]) + Math.abs(anti[i]));
        }
        for (int i = 0; i < n; i++) {
            peaks[i] = Math.max(peaks[i], delay[i]);
        }
        System.arraycopy(delay, n, delay, 0, WAIT);
    }
}
