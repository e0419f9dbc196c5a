package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.KaiserWindow;
import io.github.mixwright.filters.Oversampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * 0.17 dB at Nyquist. Every grid value of a sample's step that is a local maximum of the magnitudes is
 * replaced by the vertex of the parabola through it and its two neighbours, and the step reads the
 * largest; that reads any sine up to Nyquist at most 0.005 dB low. Near Nyquist a step can hold two
 * maxima; both are refined.
 *
 * <p><b>Timing.</b> The values reported for base sample {@code m} cover {@code [m - 2/8, m + 7/8]} and are
 * available {@link #LATENCY} samples after {@code m} arrives. The reconstructions around {@code m} reach
 * {@link #REACH} samples either side.
 *
 * <p><b>Cost.</b> About 130 multiply-adds per sample. The first stages share each pair's sum. Java 17's C2
 * vectorises a loop only when it reads every array at one and the same offset from the loop's index, so
 * the filters run tap by tap over the whole chunk, each tap's two inputs first copied to arrays of their
 * own ({@code arraycopy} is itself vectorised), and the later stages keep their sequences as phases (the
 * 2x sequence as samples and midpoints, the 4x and 8x sequences as four and eight arrays) so that no
 * loop interleaves or strides, and the refinement runs branch-free over the eight phases. Each loop is
 * a kernel compiled on its own (see the notes in the source): about 31 ns per sample on a Zen 4 core,
 * against 46 for the interleaved grid and scalar refinement this replaced.
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


    /** Steep midpoints of the past kept: stage 2 reads them up to 6 samples back. */
    private static final int MID_HISTORY = 6;
    /** Short midpoints of the past kept: the short second stage reads them up to 7 samples back. */
    private static final int SHORT_MID_HISTORY = 7;
    /**
     * Keeps the refinement's quotient defined where a grid value has no neighbour below it: the smallest
     * normal float, so that silence puts no subnormal operand into a division (slow on x86) and the
     * quotient is exact wherever the neighbours differ by more than about 1e-30.
     */
    private static final float TINY = Float.MIN_NORMAL;
    /** Grid neighbours closer than this fraction of a value count as equal to it (a power of two). */
    private static final float NEAR = 0x1p-20f;

    /** Per channel: the program of kernels that detects one chunk (see the class notes on cost). */
    private final Kernel[][] programs;
    /** Per channel: the program's first kernel, which is told where each chunk's input is. */
    private final Clamp[] inputs;
    /** The peaks of the chunk, read out by {@link #detect}. */
    private final float[] chunkPeaks = new float[CHUNK];
    /** Per channel: every array the program keeps from chunk to chunk, zeroed by {@link #reset}. */
    private final float[][][] state;

    TruePeakDetector(int channels, double sampleRate) {
        Tables.load();
        float[][] hann = hannPairs(sampleRate);
        Scratch s = new Scratch();
        programs = new Kernel[channels][];
        inputs = new Clamp[channels];
        state = new float[channels][][];
        for (int c = 0; c < channels; c++) {
            Program p = new Program(s, hann, chunkPeaks);
            programs[c] = p.kernels.toArray(new Kernel[0]);
            inputs[c] = p.input;
            state[c] = p.state.toArray(new float[0][]);
        }
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
        for (float[][] arrays : state) {
            for (float[] a : arrays) {
                Arrays.fill(a, 0f);
            }
        }
    }

    /**
     * Takes {@code n} (at most {@link #CHUNK}) samples of channel {@code c} from {@code x[from]} and writes,
     * for each, the peak magnitude around the sample {@link #LATENCY} samples earlier into {@code peaks[0..n)}.
     */
    void detect(int c, float[] x, int from, int n, float[] peaks) {
        inputs[c].set(x, from);
        // One call site for every kernel: it sees many classes, so neither compiler inlines them here.
        for (Kernel k : programs[c]) {
            k.run(n);
        }
        System.arraycopy(chunkPeaks, 0, peaks, 0, n);
    }

    /*
     * The program. Every stage runs as a loop over the chunk's samples that reads each array at the loop's
     * own index (the arrays being copies made at the offsets the filters read), which C2 vectorises. Each
     * loop is a kernel object of its own, called from the one loop in detect(): a call site that sees a
     * dozen classes is inlined by neither compiler, so every kernel is compiled once, small, as soon as it
     * is hot. Inlined into one caller, as in a first version of this layout, they made a unit of 24 kB
     * that C2 took a third of a second to compile, and the loops ran as C1 code, ten times slower, until
     * it had.
     *
     * The 2x sequence of the steep reconstruction has two phases: the samples E and the midpoints O of the
     * first stage; the 4x sequence four, Q0 = E, Q1, Q2 = O, Q3, where Q1 and Q3 are stage 2's midpoints
     * after E and after O; the 8x grid eight, Q0, R0, Q1, R1, Q2, R2, Q3, R3, where Rj is stage 3's midpoint
     * after Qj. The short reconstruction's 2x sequence is E and its own midpoints.
     */

    /** Arrays the channels' programs share: nothing in them outlives one chunk. */
    private static final class Scratch {
        /** samplesBack[k][i]: E, k samples before chunk sample i; midsBack and shortMidsBack likewise. */
        final float[][] samplesBack = arrays(7);
        final float[][] midsBack = arrays(7);
        final float[][] shortMidsBack = arrays(8);
        final float[] q1 = new float[CHUNK];
        final float[] q3 = new float[CHUNK];
        /** quarters[j][k]: the 4x phase Qj, k samples back; Q0 and Q2 are samplesBack and midsBack 3 on. */
        final float[][][] quarters = {
            {samplesBack[3], samplesBack[4], samplesBack[5]},
            {q1, new float[CHUNK], new float[CHUNK]},
            {midsBack[3], midsBack[4], midsBack[5]},
            {q3, new float[CHUNK], new float[CHUNK]}};
        /** lastStage[j]: Rj. */
        final float[][] lastStage = arrays(4);
        /** R3 one sample back. */
        final float[] lastPhaseBack = new float[CHUNK];
        final float[] shortQuarter = new float[CHUNK];
        final float[] shortThreeQuarter = new float[CHUNK];
        /** The first stages' sums, and the two inputs of a pair copied to the start of arrays of their own. */
        final float[] steepSums = new float[CHUNK];
        final float[] shortSums = new float[CHUNK];
        final float[] older = new float[CHUNK];
        final float[] newer = new float[CHUNK];
        final float[] hannMidSums = new float[CHUNK];
        final float[] hannSymmetricSums = new float[CHUNK];
        final float[] hannAntisymmetricSums = new float[CHUNK];
        final float[] hannPeaks = new float[CHUNK];

        private static float[][] arrays(int count) {
            return new float[count][CHUNK];
        }
    }

    /** Builds one channel's program: its kernels in order, over its own state and the shared scratch. */
    private static final class Program {
        final List<Kernel> kernels = new ArrayList<>();
        final List<float[]> state = new ArrayList<>();
        final Clamp input;
        private final Scratch s;

        Program(Scratch s, float[][] hann, float[] peaks) {
            this.s = s;
            float[] in = kept(2 * STEEP_PAIRS + CHUNK);
            float[] mids = kept(MID_HISTORY + CHUNK);
            float[] shortMids = kept(SHORT_MID_HISTORY + CHUNK);
            float[] q1History = kept(2 + CHUNK);
            float[] q3History = kept(2 + CHUNK);
            float[] lastHistory = kept(1 + CHUNK);
            float[] hannDelay = kept(WAIT + CHUNK);

            input = new Clamp(in, 2 * STEEP_PAIRS);
            kernels.add(input);
            firstStages(in, hann);
            kernels.add(new Copy(s.steepSums, 0, mids, MID_HISTORY));
            kernels.add(new Copy(s.shortSums, 0, shortMids, SHORT_MID_HISTORY));
            for (int k = 0; k < s.samplesBack.length; k++) {
                kernels.add(new Copy(in, STEEP_PAIRS - k, s.samplesBack[k], 0));
                kernels.add(new Copy(mids, MID_HISTORY - k, s.midsBack[k], 0));
            }
            for (int k = 1; k < s.shortMidsBack.length; k++) {
                kernels.add(new Copy(shortMids, SHORT_MID_HISTORY - k, s.shortMidsBack[k], 0));
            }
            // Stage 2 of the steep reconstruction, after E and after O three samples back (2x positions -6
            // and -5), and of the short one, four samples back (-8 and -7).
            halfBand(s.samplesBack, s.midsBack, -6, s.q1);
            halfBand(s.samplesBack, s.midsBack, -5, s.q3);
            halfBand(s.samplesBack, s.shortMidsBack, -8, s.shortQuarter);
            halfBand(s.samplesBack, s.shortMidsBack, -7, s.shortThreeQuarter);
            backCopies(q1History, s.quarters[1]);
            backCopies(q3History, s.quarters[3]);
            // Stage 3, after each 4x phase one sample back (4x positions -4 to -1).
            for (int j = 0; j < 4; j++) {
                quarterBand(-4 + j, s.lastStage[j]);
            }
            kernels.add(new Copy(s.lastStage[3], 0, lastHistory, 1));
            kernels.add(new Copy(lastHistory, 0, s.lastPhaseBack, 0));
            kernels.add(new Shift(lastHistory, 1));

            // The steep peaks: the eighths -1 to 6 around the sample one back from the 4x phases (R3 one
            // further back, then Q0, R0, ... Q3), each with its neighbours (Q3 two back, and R3).
            float[][] grid = {s.quarters[3][2], s.lastPhaseBack, s.quarters[0][1], s.lastStage[0], s.quarters[1][1],
                s.lastStage[1], s.quarters[2][1], s.lastStage[2], s.quarters[3][1], s.lastStage[3]};
            kernels.add(new Vertices(grid[0], grid[1], grid[2], peaks, true));
            for (int j = 2; j <= 8; j++) {
                kernels.add(new Vertices(grid[j - 1], grid[j], grid[j + 1], peaks, false));
            }
            // The short reconstruction's 4x grid, four samples back: its midpoint and the two either side.
            kernels.add(new ShortPeaks(s.shortMidsBack[4], s.shortQuarter, s.shortThreeQuarter, peaks));
            if (hann[0].length > 0) {
                // The Hann reconstruction, summed with the first stages and delayed to line up.
                kernels.add(new HannPeaks(s.hannMidSums, s.hannSymmetricSums, s.hannAntisymmetricSums, s.hannPeaks));
                kernels.add(new Copy(s.hannPeaks, 0, hannDelay, WAIT));
                kernels.add(new Raise(peaks, hannDelay));
                kernels.add(new Shift(hannDelay, WAIT));
            }
            kernels.add(new Shift(in, 2 * STEEP_PAIRS));
            kernels.add(new Shift(mids, MID_HISTORY));
            kernels.add(new Shift(shortMids, SHORT_MID_HISTORY));
        }

        private float[] kept(int length) {
            float[] a = new float[length];
            state.add(a);
            return a;
        }

        /**
         * The first stages at once, sharing each pair: the steep and short midpoints after the samples
         * {@code in[STEEP_PAIRS + i]}, and the Hann reconstruction's sums there (see {@link #hannPairs}).
         * Pair {@code t} joins the samples {@code t} before and {@code t + 1} after.
         */
        private void firstStages(float[] in, float[][] hann) {
            float[] hm = hann[0];
            float[] hs = hann[1];
            float[] hd = hann[2];
            int span = hm.length;
            boolean quarters = hs.length > 0;
            kernels.add(new FirstTaps(in, Tables.STEEP[0], Tables.SHORT[0], span > 0 ? hm[0] : 0f,
                    quarters ? hs[0] : 0f, quarters ? hd[0] : 0f, s));
            for (int t = 1; t < STEEP_PAIRS; t++) {
                float g = Tables.STEEP[t];
                Kernel k;
                if (t < span && quarters) {
                    k = new Taps5(in, t, g, Tables.SHORT[t], hm[t], hs[t], hd[t], s);
                } else if (t < span) {
                    k = new Taps3(in, t, g, Tables.SHORT[t], hm[t], s);
                } else if (t < SHORT_PAIRS) {
                    k = new Taps2(in, t, g, Tables.SHORT[t], s);
                } else {
                    k = new Taps1(in, t, g, s);
                }
                kernels.add(k);
            }
        }

        /**
         * A midpoint of a half-band stage ({@code G2}) on a 2x sequence held as two phases: {@code even[k][i]}
         * is its value at 2x position {@code 2(i - k)}, {@code odd[k][i]} at {@code 2(i - k) + 1}. Writes to
         * {@code out[i]} the midpoint after position {@code 2i + centre},
         * {@code sum_t g_t (x[2i + centre - t] + x[2i + centre + 1 + t])}, adding the pairs in order of t.
         */
        private void halfBand(float[][] even, float[][] odd, int centre, float[] out) {
            float[] g = Tables.G2;
            for (int t = 0; t < g.length; t++) {
                kernels.add(new Pair(phase(even, odd, centre - t), phase(even, odd, centre + 1 + t), g[t], out,
                        t == 0));
            }
        }

        /** The copy holding 2x position {@code p} (relative to {@code 2i}): its phase, {@code -floor(p / 2)} back. */
        private static float[] phase(float[][] even, float[][] odd, int p) {
            return ((p & 1) == 0 ? even : odd)[-(p >> 1)];
        }

        /** A midpoint of stage 3 ({@code G3}) on the 4x phases: after 4x position {@code 4i + centre}. */
        private void quarterBand(int centre, float[] out) {
            float[] g = Tables.G3;
            for (int t = 0; t < g.length; t++) {
                kernels.add(new Pair(quarter(centre - t), quarter(centre + 1 + t), g[t], out, t == 0));
            }
        }

        private float[] quarter(int p) {
            return s.quarters[p & 3][-(p >> 2)];
        }

        /**
         * Appends stage 2's fresh midpoints {@code back[0]} to {@code history} (two of the past in front),
         * copies them one and two samples back into {@code back[1]} and {@code back[2]}, and moves on.
         */
        private void backCopies(float[] history, float[][] back) {
            kernels.add(new Copy(back[0], 0, history, 2));
            kernels.add(new Copy(history, 1, back[1], 0));
            kernels.add(new Copy(history, 0, back[2], 0));
            kernels.add(new Shift(history, 2));
        }
    }

    /** One loop of the program over a chunk's {@code n} samples. */
    private abstract static class Kernel {
        abstract void run(int n);
    }

    /** Copies the chunk from the caller's array to {@code in[to..]}, NaN as 0, magnitudes above {@link #LARGEST} clamped. */
    private static final class Clamp extends Kernel {
        private final float[] in;
        private final int to;
        private float[] x;
        private int from;

        Clamp(float[] in, int to) {
            this.in = in;
            this.to = to;
        }

        void set(float[] x, int from) {
            this.x = x;
            this.from = from;
        }

        @Override
        void run(int n) {
            float[] x = this.x;
            float[] in = this.in;
            int from = this.from;
            int to = this.to;
            for (int i = 0; i < n; i++) {
                float v = x[from + i];
                in[to + i] = v > LARGEST ? LARGEST : v < -LARGEST ? -LARGEST : v == v ? v : 0f;
            }
        }
    }

    /** {@code n} values from {@code src[srcAt]} to {@code dst[dstAt]}. */
    private static final class Copy extends Kernel {
        private final float[] src;
        private final int srcAt;
        private final float[] dst;
        private final int dstAt;

        Copy(float[] src, int srcAt, float[] dst, int dstAt) {
            this.src = src;
            this.srcAt = srcAt;
            this.dst = dst;
            this.dstAt = dstAt;
        }

        @Override
        void run(int n) {
            System.arraycopy(src, srcAt, dst, dstAt, n);
        }
    }

    /** Moves a history on by the chunk: the {@code kept} values after the chunk's to the front. */
    private static final class Shift extends Kernel {
        private final float[] a;
        private final int kept;

        Shift(float[] a, int kept) {
            this.a = a;
            this.kept = kept;
        }

        @Override
        void run(int n) {
            System.arraycopy(a, n, a, 0, kept);
        }
    }

    /**
     * Pair 0 of the first stages, the two samples either side of the midpoint, which starts every sum:
     * steep, short and the Hann reconstruction's (its midpoint weight, and the half-sum and half-difference
     * of its quarter weights, this one on the pair's difference).
     */
    private static final class FirstTaps extends Kernel {
        private final float[] in;
        private final float g;
        private final float h;
        private final float hm;
        private final float hs;
        private final float hd;
        private final Scratch s;

        FirstTaps(float[] in, float g, float h, float hm, float hs, float hd, Scratch s) {
            this.in = in;
            this.g = g;
            this.h = h;
            this.hm = hm;
            this.hs = hs;
            this.hd = hd;
            this.s = s;
        }

        @Override
        void run(int n) {
            float[] a = s.older;
            float[] b = s.newer;
            System.arraycopy(in, STEEP_PAIRS, a, 0, n);
            System.arraycopy(in, STEEP_PAIRS + 1, b, 0, n);
            float[] steep = s.steepSums;
            float[] shorter = s.shortSums;
            float[] mid = s.hannMidSums;
            float[] sym = s.hannSymmetricSums;
            float[] anti = s.hannAntisymmetricSums;
            float g = this.g;
            float h = this.h;
            float hm = this.hm;
            float hs = this.hs;
            float hd = this.hd;
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
    }

    /** A pair {@code t > 0} of the first stages: its two samples copied to arrays of their own, then added. */
    private abstract static class Taps extends Kernel {
        private final float[] in;
        private final int t;
        final Scratch s;

        Taps(float[] in, int t, Scratch s) {
            this.in = in;
            this.t = t;
            this.s = s;
        }

        @Override
        final void run(int n) {
            System.arraycopy(in, STEEP_PAIRS - t, s.older, 0, n);
            System.arraycopy(in, STEEP_PAIRS + 1 + t, s.newer, 0, n);
            add(s.older, s.newer, n);
        }

        abstract void add(float[] a, float[] b, int n);
    }

    /** A pair within every reconstruction's span, the Hann one at 4x. */
    private static final class Taps5 extends Taps {
        private final float g;
        private final float h;
        private final float hm;
        private final float hs;
        private final float hd;

        Taps5(float[] in, int t, float g, float h, float hm, float hs, float hd, Scratch s) {
            super(in, t, s);
            this.g = g;
            this.h = h;
            this.hm = hm;
            this.hs = hs;
            this.hd = hd;
        }

        @Override
        void add(float[] a, float[] b, int n) {
            // Two loops: one loop over all five sums is too long for C2 17 to unroll, so it stays scalar.
            Taps3.add(a, b, n, g, h, hm, s.steepSums, s.shortSums, s.hannMidSums);
            quarters(a, b, n, hs, hd, s.hannSymmetricSums, s.hannAntisymmetricSums);
        }

        private static void quarters(float[] a, float[] b, int n, float hs, float hd, float[] sym, float[] anti) {
            for (int i = 0; i < n; i++) {
                float older = a[i];
                float newer = b[i];
                sym[i] += hs * (older + newer);
                anti[i] += hd * (newer - older);
            }
        }
    }

    /** A pair within every reconstruction's span, the Hann one at 2x (midpoints only). */
    private static final class Taps3 extends Taps {
        private final float g;
        private final float h;
        private final float hm;

        Taps3(float[] in, int t, float g, float h, float hm, Scratch s) {
            super(in, t, s);
            this.g = g;
            this.h = h;
            this.hm = hm;
        }

        @Override
        void add(float[] a, float[] b, int n) {
            add(a, b, n, g, h, hm, s.steepSums, s.shortSums, s.hannMidSums);
        }

        static void add(float[] a, float[] b, int n, float g, float h, float hm, float[] steep, float[] shorter,
                float[] mid) {
            for (int i = 0; i < n; i++) {
                float pair = a[i] + b[i];
                steep[i] += g * pair;
                shorter[i] += h * pair;
                mid[i] += hm * pair;
            }
        }
    }

    /** A pair of the steep and short reconstructions. */
    private static final class Taps2 extends Taps {
        private final float g;
        private final float h;

        Taps2(float[] in, int t, float g, float h, Scratch s) {
            super(in, t, s);
            this.g = g;
            this.h = h;
        }

        @Override
        void add(float[] a, float[] b, int n) {
            float[] steep = s.steepSums;
            float[] shorter = s.shortSums;
            float g = this.g;
            float h = this.h;
            for (int i = 0; i < n; i++) {
                float pair = a[i] + b[i];
                steep[i] += g * pair;
                shorter[i] += h * pair;
            }
        }
    }

    /** A pair of the steep reconstruction only. */
    private static final class Taps1 extends Taps {
        private final float g;

        Taps1(float[] in, int t, float g, Scratch s) {
            super(in, t, s);
            this.g = g;
        }

        @Override
        void add(float[] a, float[] b, int n) {
            float[] steep = s.steepSums;
            float g = this.g;
            for (int i = 0; i < n; i++) {
                steep[i] += g * (a[i] + b[i]);
            }
        }
    }

    /** One pair of a later stage: {@code out[i] (+)= g (older[i] + newer[i])}, the first pair setting. */
    private static final class Pair extends Kernel {
        private final float[] older;
        private final float[] newer;
        private final float g;
        private final float[] out;
        private final boolean first;

        Pair(float[] older, float[] newer, float g, float[] out, boolean first) {
            this.older = older;
            this.newer = newer;
            this.g = g;
            this.out = out;
            this.first = first;
        }

        @Override
        void run(int n) {
            if (first) {
                set(older, newer, g, n, out);
            } else {
                add(older, newer, g, n, out);
            }
        }

        private static void set(float[] a, float[] b, float g, int n, float[] s) {
            for (int i = 0; i < n; i++) {
                s[i] = g * (a[i] + b[i]);
            }
        }

        private static void add(float[] a, float[] b, float g, int n, float[] s) {
            for (int i = 0; i < n; i++) {
                s[i] += g * (a[i] + b[i]);
            }
        }
    }

    /**
     * One eighth of the steep grid into the peaks: its magnitude, refined to the vertex of the parabola
     * through it and its neighbours where it is a local maximum (see {@link #vertex}); the first eighth
     * sets the peaks, the others raise them.
     */
    private static final class Vertices extends Kernel {
        private final float[] before;
        private final float[] at;
        private final float[] after;
        private final float[] peaks;
        private final boolean first;

        Vertices(float[] before, float[] at, float[] after, float[] peaks, boolean first) {
            this.before = before;
            this.at = at;
            this.after = after;
            this.peaks = peaks;
            this.first = first;
        }

        @Override
        void run(int n) {
            if (first) {
                set(before, at, after, n, peaks);
            } else {
                raise(before, at, after, n, peaks);
            }
        }

        private static void set(float[] before, float[] at, float[] after, int n, float[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = vertex(before[i], at[i], after[i]);
            }
        }

        private static void raise(float[] before, float[] at, float[] after, int n, float[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(out[i], vertex(before[i], at[i], after[i]));
            }
        }
    }

    /**
     * The grid value {@code at} between {@code before} and {@code after}, as a magnitude, raised to the
     * vertex of the parabola through the three magnitudes where it is a local maximum; branch-free, so
     * that C2 vectorises the loops calling it. With {@code rise = m - a} and {@code fall = m - c}, both at
     * least 0 at a maximum, the vertex is {@code m + (rise - fall)^2 / (8 (rise + fall))}, the quotient at
     * most 1/8 since {@code |rise - fall| <= rise + fall}, so nothing overflows. Negative rises and falls
     * are clamped to 0 ({@code (x + |x|) / 2}, exact), which keeps the quotient within 1/8 everywhere. The
     * correction is capped by {@code (min(rise, fall) + m / 2^20)^+ 2^20}: 0 where the value is not a
     * maximum (by more than {@code m / 2^20}), and at least {@code m}, more than any correction (at most
     * {@code m / 4}), where it is.
     */
    static float vertex(float before, float at, float after) {
        float a = Math.abs(before);
        float m = Math.abs(at);
        float c = Math.abs(after);
        float rise = m - a;
        float fall = m - c;
        float cap = Math.min(rise, fall) + m * NEAR;
        cap = (cap + Math.abs(cap)) * (0.5f / NEAR);
        rise = (rise + Math.abs(rise)) * 0.5f;
        fall = (fall + Math.abs(fall)) * 0.5f;
        float d = rise - fall;
        return m + Math.min(d * (d / (8 * (rise + fall) + TINY)), cap);
    }

    /** Raises the peaks to the short reconstruction's 4x grid: its midpoint and the midpoints either side. */
    private static final class ShortPeaks extends Kernel {
        private final float[] mid;
        private final float[] quarter;
        private final float[] threeQuarter;
        private final float[] peaks;

        ShortPeaks(float[] mid, float[] quarter, float[] threeQuarter, float[] peaks) {
            this.mid = mid;
            this.quarter = quarter;
            this.threeQuarter = threeQuarter;
            this.peaks = peaks;
        }

        @Override
        void run(int n) {
            float[] mid = this.mid;
            float[] quarter = this.quarter;
            float[] threeQuarter = this.threeQuarter;
            float[] peaks = this.peaks;
            for (int i = 0; i < n; i++) {
                float m = Math.max(Math.abs(mid[i]), Math.max(Math.abs(quarter[i]), Math.abs(threeQuarter[i])));
                peaks[i] = Math.max(peaks[i], m);
            }
        }
    }

    /**
     * The Hann reconstruction's largest magnitude after each sample: at the midpoint, and the larger of the
     * quarter and three-quarter values, {@code |S| + |A|} (see {@link #hannPairs}).
     */
    private static final class HannPeaks extends Kernel {
        private final float[] mid;
        private final float[] sym;
        private final float[] anti;
        private final float[] out;

        HannPeaks(float[] mid, float[] sym, float[] anti, float[] out) {
            this.mid = mid;
            this.sym = sym;
            this.anti = anti;
            this.out = out;
        }

        @Override
        void run(int n) {
            float[] mid = this.mid;
            float[] sym = this.sym;
            float[] anti = this.anti;
            float[] out = this.out;
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(Math.abs(mid[i]), Math.abs(sym[i]) + Math.abs(anti[i]));
            }
        }
    }

    /** {@code peaks[i] = max(peaks[i], by[i])}. */
    private static final class Raise extends Kernel {
        private final float[] peaks;
        private final float[] by;

        Raise(float[] peaks, float[] by) {
            this.peaks = peaks;
            this.by = by;
        }

        @Override
        void run(int n) {
            float[] peaks = this.peaks;
            float[] by = this.by;
            for (int i = 0; i < n; i++) {
                peaks[i] = Math.max(peaks[i], by[i]);
            }
        }
    }
}
