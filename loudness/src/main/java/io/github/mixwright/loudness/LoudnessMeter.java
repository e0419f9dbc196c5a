package io.github.mixwright.loudness;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.filters.BiquadCoefficients;
import java.util.Arrays;
import java.util.Objects;

/**
 * A streaming loudness meter after ITU-R BS.1770-4 and EBU Tech 3341: momentary, short-term and
 * integrated loudness in LUFS, and sample peak.
 *
 * <p>Feed blocks of any size with {@link #accept(AudioBuffer)} and query at any time. Every channel is
 * K-weighted ({@link KWeighting}, BS.1770-4 Annex 1, section 2.1) and its mean square {@code z_i} taken
 * over a window; loudness is {@code -0.691 + 10 log10(sum G_i z_i)} (section 2.3, equation 2), with the
 * channel weights {@code G_i}. Silence measures {@code -Infinity}.
 *
 * <p>Windows advance in steps of 100 ms ({@code round(sampleRate / 10)} frames; Tech 3341 asks for
 * an update rate of at least 10 Hz):
 * <ul>
 * <li>{@link #momentaryLufs()}: the last 4 complete steps (400 ms);</li>
 * <li>{@link #shortTermLufs()}: the last 30 complete steps (3 s);</li>
 * <li>{@link #integratedLufs()}: gating blocks of 4 steps (400 ms) every step (75 % overlap), with the
 *     absolute gate at -70 LUFS and the relative gate 10 LU below the loudness of the blocks that pass
 *     it (BS.1770-4 section 2.8; a block passes a gate when its loudness is strictly above it). The
 *     exact energy of every block is kept (8 bytes per 100 ms, 2.3 MB for 8 hours), not a histogram.</li>
 * </ul>
 * Before a window is full, the time before the first sample counts as silence (as libebur128 does), so
 * momentary and short-term rise from {@code -Infinity} as the meter fills. Integrated loudness needs one
 * complete 400 ms block and is {@code -Infinity} before.
 *
 * <p>Block-size independence: each channel's filter runs sample by sample in double precision and its
 * squares are summed in stream order, so any way of cutting the same signal into blocks gives
 * bit-identical results.
 *
 * <p>Non-finite samples: a NaN or infinite sample is measured as 0 (digital silence) so it cannot poison
 * the filter state for the rest of the stream; such samples are counted by {@link #nonFiniteSamples()}
 * and ignored by the sample peak.
 *
 * <p>Channel weights (BS.1770-4 table 3): 1.0 for left, right and centre, 1.41 for the surrounds, 0 for
 * the LFE. {@link #LoudnessMeter(double, int)} knows mono, stereo and 5.1 in the order L R C LFE Ls Rs;
 * any other layout passes its weights to {@link #LoudnessMeter(double, double[])}.
 *
 * <p>Not thread-safe.
 */
public final class LoudnessMeter {
    /** Absolute gate, LUFS (BS.1770-4 section 2.8). */
    public static final double ABSOLUTE_GATE_LUFS = -70;
    /** Relative gate below the absolutely gated loudness, LU. */
    public static final double RELATIVE_GATE_LU = -10;
    /** Weight of a surround channel (BS.1770-4 table 3). */
    public static final double SURROUND_WEIGHT = 1.41;

    private static final double OFFSET_DB = -0.691;
    private static final int MOMENTARY_STEPS = 4;
    private static final int SHORT_TERM_STEPS = 30;
    /** Mean square whose loudness is the absolute gate. */
    private static final double ABSOLUTE_GATE_ENERGY = Math.pow(10, (ABSOLUTE_GATE_LUFS - OFFSET_DB) / 10);

    private final double sampleRate;
    private final int channels;
    private final double[] weights;
    private final KWeighting kWeighting;
    /** b0, b1, b2, a1, a2 of the shelf, then of the high-pass. */
    private final double[] coefficients = new double[10];
    private final int stepFrames;

    /** Per channel: x1, x2, y1, y2 of the shelf, then of the high-pass. */
    private final double[] state;
    /** Per channel: sum of squared K-weighted samples in the current step. */
    private final double[] stepSums;
    private final double[] peaks;
    private int stepFill;

    /** Weighted energy sums of the last {@value #SHORT_TERM_STEPS} steps, a ring. */
    private final double[] recentSteps = new double[SHORT_TERM_STEPS];
    private long steps;

    /** Mean-square energy of every complete gating block, in order. */
    private double[] blockEnergies = new double[64];
    private int blockCount;

    private double maxMomentaryEnergy;
    private double maxShortTermEnergy;
    private long frames;
    private long nonFinite;

    /**
     * A meter with the default weights for {@code channels}: 1 (mono), 2 (L R) or 6 (5.1 as
     * L R C LFE Ls Rs: weights 1, 1, 1, 0, 1.41, 1.41).
     *
     * @param sampleRate Hz, in [8000, 384000]
     * @param channels 1, 2 or 6
     * @throws IllegalArgumentException for another channel count: give the weights explicitly
     */
    public LoudnessMeter(double sampleRate, int channels) {
        this(sampleRate, defaultWeights(channels));
    }

    /**
     * A meter with explicit channel weights {@code G_i}: 1.0 for L, R, C; {@value #SURROUND_WEIGHT}
     * for surrounds; 0 to exclude a channel (LFE).
     *
     * @param sampleRate Hz, in [8000, 384000]
     * @param weights one per channel, 1 to {@value AudioBuffer#MAX_CHANNELS} of them, each in [0, 100]
     */
    public LoudnessMeter(double sampleRate, double[] weights) {
        Objects.requireNonNull(weights, "weights");
        this.kWeighting = KWeighting.of(sampleRate);
        this.sampleRate = sampleRate;
        this.channels = Checks.inRange("channels", weights.length, 1, AudioBuffer.MAX_CHANNELS);
        this.weights = weights.clone();
        for (int c = 0; c < channels; c++) {
            Checks.inRange("weights[" + c + "]", this.weights[c], 0, 100);
        }
        BiquadCoefficients s = kWeighting.shelf();
        BiquadCoefficients h = kWeighting.highPass();
        double[] c = {s.b0(), s.b1(), s.b2(), s.a1(), s.a2(), h.b0(), h.b1(), h.b2(), h.a1(), h.a2()};
        System.arraycopy(c, 0, coefficients, 0, c.length);
        this.stepFrames = (int) Math.round(sampleRate / 10);
        this.state = new double[8 * channels];
        this.stepSums = new double[channels];
        this.peaks = new double[channels];
    }

    /** The default BS.1770 weights for 1, 2 or 6 (L R C LFE Ls Rs) channels. */
    public static double[] defaultWeights(int channels) {
        switch (channels) {
            case 1:
                return new double[] {1};
            case 2:
                return new double[] {1, 1};
            case 6:
                return new double[] {1, 1, 1, 0, SURROUND_WEIGHT, SURROUND_WEIGHT};
            default:
                throw new IllegalArgumentException("channels " + channels
                        + " has no default layout (1, 2 or 6): give the channel weights explicitly");
        }
    }

    /**
     * Measures a block; its channel count must be this meter's.
     *
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void accept(AudioBuffer block) {
        if (block.channels() != channels) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels, meter " + channels);
        }
        int done = 0;
        int n = block.frames();
        while (done < n) {
            int len = Math.min(n - done, stepFrames - stepFill);
            for (int c = 0; c < channels; c++) {
                filterAndSum(block.channel(c), block.offset() + done, len, c);
            }
            done += len;
            stepFill += len;
            frames += len;
            if (stepFill == stepFrames) {
                completeStep();
            }
        }
    }

    private void filterAndSum(float[] x, int from, int len, int c) {
        double[] k = coefficients;
        double sb0 = k[0], sb1 = k[1], sb2 = k[2], sa1 = k[3], sa2 = k[4];
        double hb0 = k[5], hb1 = k[6], hb2 = k[7], ha1 = k[8], ha2 = k[9];
        int s = 8 * c;
        double x1 = state[s], x2 = state[s + 1], y1 = state[s + 2], y2 = state[s + 3];
        double u1 = state[s + 4], u2 = state[s + 5], v1 = state[s + 6], v2 = state[s + 7];
        double sum = stepSums[c];
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
            if (Math.abs(y) < 1e-30 && Math.abs(y1) < 1e-30) {
                y = 0;
                y1 = 0;
            }
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            double v = (hb0 * y + hb1 * u1 + hb2 * u2 - ha2 * v2) - ha1 * v1;
            if (Math.abs(v) < 1e-30 && Math.abs(v1) < 1e-30) {
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
        stepSums[c] = sum;
        peaks[c] = peak;
        nonFinite += bad;
    }

    private void completeStep() {
        double e = 0;
        for (int c = 0; c < channels; c++) {
            e += weights[c] * stepSums[c];
            stepSums[c] = 0;
        }
        stepFill = 0;
        recentSteps[(int) (steps % SHORT_TERM_STEPS)] = e;
        steps++;
        double momentary = windowEnergy(MOMENTARY_STEPS);
        maxMomentaryEnergy = Math.max(maxMomentaryEnergy, momentary);
        maxShortTermEnergy = Math.max(maxShortTermEnergy, windowEnergy(SHORT_TERM_STEPS));
        if (steps >= MOMENTARY_STEPS) {
            if (blockCount == blockEnergies.length) {
                blockEnergies = Arrays.copyOf(blockEnergies, 2 * blockCount);
            }
            blockEnergies[blockCount++] = momentary;
        }
    }

    /** Mean weighted square over the last {@code count} steps, silence before the start. */
    private double windowEnergy(int count) {
        double sum = 0;
        long first = Math.max(0, steps - count);
        for (long i = first; i < steps; i++) {
            sum += recentSteps[(int) (i % SHORT_TERM_STEPS)];
        }
        return sum / ((double) count * stepFrames);
    }

    private static double lufs(double energy) {
        return OFFSET_DB + 10 * Math.log10(energy);
    }

    /** Momentary loudness (last complete 400 ms), LUFS; {@code -Infinity} for silence or before 100 ms. */
    public double momentaryLufs() {
        return lufs(windowEnergy(MOMENTARY_STEPS));
    }

    /** Short-term loudness (last complete 3 s), LUFS; {@code -Infinity} for silence or before 100 ms. */
    public double shortTermLufs() {
        return lufs(windowEnergy(SHORT_TERM_STEPS));
    }

    /** Highest momentary loudness so far, LUFS. */
    public double maxMomentaryLufs() {
        return lufs(maxMomentaryEnergy);
    }

    /** Highest short-term loudness so far, LUFS. */
    public double maxShortTermLufs() {
        return lufs(maxShortTermEnergy);
    }

    /**
     * Gated integrated loudness of everything fed so far (BS.1770-4 section 2.8), LUFS;
     * {@code -Infinity} when no 400 ms block passes the absolute gate.
     */
    public double integratedLufs() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < blockCount; i++) {
            double e = blockEnergies[i];
            if (e > ABSOLUTE_GATE_ENERGY) {
                sum += e;
                n++;
            }
        }
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        // 10^(-10/10): the relative gate, applied to energies.
        double relativeGate = sum / n * Math.pow(10, RELATIVE_GATE_LU / 10);
        double gated = 0;
        int m = 0;
        for (int i = 0; i < blockCount; i++) {
            double e = blockEnergies[i];
            if (e > ABSOLUTE_GATE_ENERGY && e > relativeGate) {
                gated += e;
                m++;
            }
        }
        return lufs(gated / m);
    }

    /** Largest absolute finite sample value of channel {@code c} so far, linear (full scale 1). */
    public double samplePeak(int c) {
        Objects.checkIndex(c, channels);
        return peaks[c];
    }

    /** Largest absolute finite sample value over all channels so far, linear (full scale 1). */
    public double samplePeak() {
        double p = 0;
        for (double v : peaks) {
            p = Math.max(p, v);
        }
        return p;
    }

    /** {@link #samplePeak()} in dBFS; {@code -Infinity} for silence. */
    public double samplePeakDbfs() {
        return 20 * Math.log10(samplePeak());
    }

    /** How many non-finite (NaN or infinite) samples were measured as 0. */
    public long nonFiniteSamples() {
        return nonFinite;
    }

    /** Frames fed so far. */
    public long frames() {
        return frames;
    }

    /** Sample rate, Hz. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** A copy of the channel weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** The K-weighting filter in use. */
    public KWeighting kWeighting() {
        return kWeighting;
    }

    /** Forgets everything measured; keeps the rate and weights. */
    public void reset() {
        Arrays.fill(state, 0);
        Arrays.fill(stepSums, 0);
        Arrays.fill(peaks, 0);
        Arrays.fill(recentSteps, 0);
        stepFill = 0;
        steps = 0;
        blockCount = 0;
        maxMomentaryEnergy = 0;
        maxShortTermEnergy = 0;
        frames = 0;
        nonFinite = 0;
    }
}
