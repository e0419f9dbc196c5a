package io.github.mixwright.loudness;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChannelTasks;
import io.github.mixwright.core.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A streaming loudness meter after ITU-R BS.1770-4, EBU Tech 3341 and Tech 3342: momentary,
 * short-term and integrated loudness in LUFS, loudness range in LU, sample peak and true peak.
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
 *     exact energy of every block is kept, not a histogram;</li>
 * <li>{@link #loudnessRangeLu()}: Tech 3342 over the short-term loudness of every complete 3 s window,
 *     one every step (10 Hz): the windows above -70 LUFS, then those above 20 LU below their
 *     power mean, and the difference between the 95th and the 10th percentile of what remains
 *     (nearest rank on the sorted values, index {@code round((n - 1) p)});</li>
 * <li>{@link #truePeak()}: {@link TruePeakMeter}, BS.1770-4 Annex 2 (on unless the builder turns it
 *     off).</li>
 * </ul>
 * Before a window is full, the time before the first sample counts as silence (as libebur128 does), so
 * momentary and short-term rise from {@code -Infinity} as the meter fills. Integrated loudness needs one
 * complete 400 ms block, loudness range one complete 3 s window; before that they are
 * {@code -Infinity} and 0. Each 100 ms step keeps two doubles (the momentary and short-term energy),
 * 4.6 MB for 8 hours; {@link #series()} returns them as loudness.
 *
 * <p>Several meters combine into one programme with {@link #album(Collection)}: their blocks and
 * windows are pooled before gating, as if the files were played one after the other.
 *
 * <p>Block-size independence: each channel's filter runs sample by sample in double precision and its
 * squares are summed in stream order, so any way of cutting the same signal into blocks gives
 * bit-identical results, with or without an {@link Builder#executor(Executor) executor}: channels are
 * then measured in parallel, and combined in channel order as before.
 *
 * <p>Non-finite samples: a NaN or infinite sample is measured as 0 (digital silence) so it cannot poison
 * the filter state for the rest of the stream; such samples are counted by {@link #nonFiniteSamples()}
 * and ignored by the sample and true peaks.
 *
 * <p>Channel weights (BS.1770-4 table 3, 1.41 for channels at 60 to 120 degrees from the front, 1 for
 * the others, 0 for the LFE): {@link #defaultWeights(int)} knows mono, stereo, 5.1 and 7.1;
 * {@link #weightsForWaveMask(int, int)} reads a WAV channel mask; any other layout passes explicit
 * weights.
 *
 * <p>The meter keeps the 100 ms steps and their windows and delegates one idea to each of its parts
 * (package-private): {@code KWeightedEnergy} (K-weighting, square sums, sample peak), {@code Gating}
 * (integrated loudness), {@code LoudnessRange} (Tech 3342), {@code Album} and {@code ChannelWeights}.
 *
 * <p>Not thread-safe.
 */
public final class LoudnessMeter {
    /** Absolute gate, LUFS (BS.1770-4 section 2.8, Tech 3342). */
    public static final double ABSOLUTE_GATE_LUFS = -70;
    /** Relative gate below the absolutely gated loudness, LU. */
    public static final double RELATIVE_GATE_LU = -10;
    /** Relative gate of the loudness range below the absolutely gated short-term power mean, LU. */
    public static final double RANGE_RELATIVE_GATE_LU = -20;
    /** Lower percentile of the loudness range. */
    public static final double RANGE_LOW_PERCENTILE = 0.10;
    /** Upper percentile of the loudness range. */
    public static final double RANGE_HIGH_PERCENTILE = 0.95;
    /** Weight of a surround channel (BS.1770-4 table 3). */
    public static final double SURROUND_WEIGHT = 1.41;

    private static final int MOMENTARY_STEPS = 4;
    private static final int SHORT_TERM_STEPS = 30;
    /**
     * Blocks shorter than this are measured on the calling thread even with an executor: handing a
     * 4096-frame block to another thread cost what it saved (LoudnessBenchmark).
     */
    private static final int PARALLEL_MIN_FRAMES = 16_384;

    private final double sampleRate;
    private final int channels;
    private final double[] weights;
    private final KWeighting kWeighting;
    private final int stepFrames;
    /** The K-weighted square sums, sample peaks and non-finite counts of every channel. */
    private final KWeightedEnergy energy;
    private final TruePeakMeter truePeak;
    private final Executor executor;
    /** The channels' measurement of a block as one fork/join, built once so that blocks allocate nothing. */
    private final ChannelTasks channelTasks;
    /** The block {@link #channelTasks} measures and the length of its first segment, set before each run. */
    private AudioBuffer pendingBlock;
    private int pendingFirst;

    /** Frames of the step in progress measured so far. */
    private int stepFill;

    /** Weighted energy sums of the last {@value #SHORT_TERM_STEPS} steps, a ring. */
    private final double[] recentSteps = new double[SHORT_TERM_STEPS];
    private long steps;

    /** Momentary (400 ms) mean-square energy at the end of every step, in order. */
    private double[] momentaryEnergies = new double[64];
    /** Short-term (3 s) mean-square energy at the end of every step, in order. */
    private double[] shortTermEnergies = new double[64];

    private double maxMomentaryEnergy;
    private double maxShortTermEnergy;
    private long frames;

    /**
     * A meter with the {@linkplain #defaultWeights(int) default weights} for {@code channels} and true
     * peak on.
     *
     * @param sampleRate Hz, in [8000, 384000]
     * @param channels 1, 2, 6 or 8
     * @throws IllegalArgumentException for another channel count: give the weights explicitly
     */
    public LoudnessMeter(double sampleRate, int channels) {
        this(builder(sampleRate, channels));
    }

    /**
     * A meter with explicit channel weights {@code G_i} (1.0 for L, R, C; {@value #SURROUND_WEIGHT}
     * for side surrounds; 0 to exclude a channel such as the LFE) and true peak on.
     *
     * @param sampleRate Hz, in [8000, 384000]
     * @param weights one per channel, 1 to {@value AudioBuffer#MAX_CHANNELS} of them, each in [0, 100]
     */
    public LoudnessMeter(double sampleRate, double[] weights) {
        this(builder(sampleRate, Objects.requireNonNull(weights, "weights").length).weights(weights));
    }

    private LoudnessMeter(Builder b) {
        this.kWeighting = KWeighting.of(b.sampleRate);
        this.sampleRate = b.sampleRate;
        double[] w = b.weights != null ? b.weights : defaultWeights(b.channels);
        this.channels = Checks.inRange("channels", w.length, 1, AudioBuffer.MAX_CHANNELS);
        this.weights = w.clone();
        for (int c = 0; c < channels; c++) {
            Checks.inRange("weights[" + c + "]", this.weights[c], 0, 100);
        }
        this.stepFrames = (int) Math.round(sampleRate / 10);
        this.energy = new KWeightedEnergy(kWeighting, channels, stepFrames);
        this.truePeak = b.truePeak ? new TruePeakMeter(sampleRate, channels) : null;
        this.executor = b.executor;
        this.channelTasks = new ChannelTasks(channels, ch -> measureChannel(pendingBlock, ch, pendingFirst));
    }

    /**
     * A builder for a meter at {@code sampleRate} Hz (8,000 to 384,000) with {@code channels} channels:
     * default weights, true peak on, no executor.
     */
    public static Builder builder(double sampleRate, int channels) {
        return new Builder(sampleRate, channels);
    }

    /** Options of a {@link LoudnessMeter}. */
    public static final class Builder {
        private final double sampleRate;
        private final int channels;
        private double[] weights;
        private boolean truePeak = true;
        private Executor executor;

        private Builder(double sampleRate, int channels) {
            this.sampleRate = Checks.inRange("sampleRate", sampleRate, KWeighting.MIN_SAMPLE_RATE, KWeighting.MAX_SAMPLE_RATE);
            this.channels = Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        }

        /** Explicit channel weights, one per channel, each in [0, 100]. */
        public Builder weights(double[] channelWeights) {
            Objects.requireNonNull(channelWeights, "weights");
            if (channelWeights.length != channels) {
                throw new IllegalArgumentException("weights has " + channelWeights.length + " values for "
                        + channels + " channels");
            }
            this.weights = channelWeights.clone();
            return this;
        }

        /** Whether to measure the true peak (on by default; it is most of the meter's cost). */
        public Builder truePeak(boolean on) {
            this.truePeak = on;
            return this;
        }

        /**
         * Measures the channels of each block of 16,384 frames or more in parallel on {@code pool} (the
         * caller keeps owning it); {@code null} measures on the calling thread. Results are bit-identical
         * either way.
         */
        public Builder executor(Executor pool) {
            this.executor = pool;
            return this;
        }

        /** The meter. */
        public LoudnessMeter build() {
            return new LoudnessMeter(this);
        }
    }

    /**
     * The default BS.1770 weights for 1 (mono), 2 (L R), 6 (5.1 as L R C LFE Ls Rs: 1, 1, 1, 0, 1.41,
     * 1.41) or 8 channels (7.1 as L R C LFE Lss Rss Lrs Rrs, the order of ITU-R BS.2051 system I:
     * 1, 1, 1, 0, 1.41, 1.41, 1, 1; the side surrounds at 90 degrees weigh 1.41, the rear surrounds at
     * 135 to 150 degrees 1, by BS.1770-4 table 3).
     *
     * @throws IllegalArgumentException for any other count
     */
    public static double[] defaultWeights(int channels) {
        return ChannelWeights.defaults(channels);
    }

    /**
     * Weights for a WAVE_FORMAT_EXTENSIBLE channel mask, whose set bits name the channels in order.
     * Side surrounds (SL, SR) weigh 1.41; back surrounds (BL, BR) weigh 1.41 when the layout has no
     * side surrounds (the common 5.1 mask 0x3F, where they are the surrounds at 110 degrees) and 1
     * otherwise (7.1 mask 0x63F, where they are the rear pair); the LFE weighs 0; every other speaker,
     * including the top ones, 1. A mask of 0, or one with fewer bits than channels, falls back to
     * {@link #defaultWeights(int)} (the extra channels of a short mask are unnamed).
     *
     * @throws IllegalArgumentException when the mask is 0 or short and the count has no default layout
     */
    public static double[] weightsForWaveMask(int channelMask, int channels) {
        return ChannelWeights.forWaveMask(channelMask, channels);
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
        int n = block.frames();
        if (n == 0) {
            return;
        }
        // The block splits at step boundaries into segments: the first completes the current step (or
        // not, when the block is short), then whole steps, then perhaps a partial one.
        int first = Math.min(n, stepFrames - stepFill);
        int segments = energy.prepareSegments(n, first);
        pendingBlock = block;
        pendingFirst = first;
        channelTasks.run(n >= PARALLEL_MIN_FRAMES ? executor : null);
        pendingBlock = null;
        int at = 0;
        for (int s = 0; s < segments; s++) {
            int len = s == 0 ? first : Math.min(stepFrames, n - at);
            at += len;
            stepFill += len;
            frames += len;
            if (stepFill == stepFrames) {
                double e = 0;
                for (int c = 0; c < channels; c++) {
                    e += weights[c] * energy.segmentSum(c, s);
                    energy.setStepSum(c, 0);
                }
                completeStep(e);
            } else {
                for (int c = 0; c < channels; c++) {
                    energy.setStepSum(c, energy.segmentSum(c, s));
                }
            }
        }
    }

    /** K-weights channel {@code c} of the block segment by segment, and feeds its true peak. */
    private void measureChannel(AudioBuffer block, int c, int first) {
        float[] x = block.channel(c);
        energy.measure(c, x, block.offset(), block.frames(), first);
        if (truePeak != null) {
            truePeak.accept(c, x, block.offset(), block.frames());
        }
    }

    private void completeStep(double e) {
        stepFill = 0;
        recentSteps[(int) (steps % SHORT_TERM_STEPS)] = e;
        int k = (int) steps;
        steps++;
        double momentary = windowEnergy(MOMENTARY_STEPS);
        double shortTerm = windowEnergy(SHORT_TERM_STEPS);
        maxMomentaryEnergy = Math.max(maxMomentaryEnergy, momentary);
        maxShortTermEnergy = Math.max(maxShortTermEnergy, shortTerm);
        if (k == momentaryEnergies.length) {
            momentaryEnergies = Arrays.copyOf(momentaryEnergies, 2 * k);
            shortTermEnergies = Arrays.copyOf(shortTermEnergies, 2 * k);
        }
        momentaryEnergies[k] = momentary;
        shortTermEnergies[k] = shortTerm;
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
        return Gating.lufs(energy);
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

    /** The gating blocks: momentary energies once 400 ms are complete. */
    double[] gatingBlocks() {
        int from = MOMENTARY_STEPS - 1;
        return steps > from ? Arrays.copyOfRange(momentaryEnergies, from, (int) steps) : new double[0];
    }

    /** The loudness-range windows: short-term energies once 3 s are complete. */
    double[] rangeWindows() {
        int from = SHORT_TERM_STEPS - 1;
        return steps > from ? Arrays.copyOfRange(shortTermEnergies, from, (int) steps) : new double[0];
    }

    /**
     * Gated integrated loudness of everything fed so far (BS.1770-4 section 2.8), LUFS;
     * {@code -Infinity} when no 400 ms block passes the absolute gate.
     */
    public double integratedLufs() {
        return Gating.integratedLufs(List.of(gatingBlocks()));
    }

    /**
     * Loudness range (EBU Tech 3342) of everything fed so far, LU: the spread between the 10th and 95th
     * percentiles of the gated short-term loudness. 0 before 3 s or when no window passes the gates.
     */
    public double loudnessRangeLu() {
        return LoudnessRange.rangeLu(List.of(rangeWindows()));
    }

    /** Largest absolute finite sample value of channel {@code c} so far, linear (full scale 1). */
    public double samplePeak(int c) {
        Objects.checkIndex(c, channels);
        return energy.samplePeak(c);
    }

    /** Largest absolute finite sample value over all channels so far, linear (full scale 1). */
    public double samplePeak() {
        double p = 0;
        for (int c = 0; c < channels; c++) {
            p = Math.max(p, energy.samplePeak(c));
        }
        return p;
    }

    /** {@link #samplePeak()} in dBFS; {@code -Infinity} for silence. */
    public double samplePeakDbfs() {
        return 20 * Math.log10(samplePeak());
    }

    /** True peak of channel {@code c} so far, linear; NaN when true peak is off. */
    public double truePeak(int c) {
        Objects.checkIndex(c, channels);
        return truePeak == null ? Double.NaN : truePeak.truePeak(c);
    }

    /** True peak over all channels so far, linear; NaN when true peak is off. */
    public double truePeak() {
        return truePeak == null ? Double.NaN : truePeak.truePeak();
    }

    /** {@link #truePeak()} in dBTP; {@code -Infinity} for silence, NaN when true peak is off. */
    public double truePeakDbtp() {
        return 20 * Math.log10(truePeak());
    }

    /** The true-peak oversampling factor: 4 below 96 kHz, 2 up to 192 kHz, 1 above; 0 when off. */
    public int truePeakFactor() {
        return truePeak == null ? 0 : truePeak.factor();
    }

    /**
     * Peak-to-loudness ratio, dB: true peak (dBTP) minus integrated loudness (LUFS); NaN when true peak
     * is off or nothing is loud enough to be integrated.
     */
    public double plrDb() {
        return plr(truePeakDbtp(), integratedLufs());
    }

    static double plr(double truePeakDbtp, double integrated) {
        double d = truePeakDbtp - integrated;
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /**
     * Momentary and short-term loudness at the end of every complete 100 ms step so far, for plots.
     */
    public LoudnessSeries series() {
        int n = (int) steps;
        double[] m = new double[n];
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            m[k] = lufs(momentaryEnergies[k]);
            s[k] = lufs(shortTermEnergies[k]);
        }
        return new LoudnessSeries(stepFrames / sampleRate, m, s);
    }

    /** Every figure of the meter at once. */
    public LoudnessResult result() {
        double i = integratedLufs();
        double tp = truePeakDbtp();
        return new LoudnessResult(i, loudnessRangeLu(), tp, samplePeakDbfs(), maxMomentaryLufs(),
                maxShortTermLufs(), plr(tp, i));
    }

    /**
     * The figures of one programme made of several, as if played one after the other: integrated
     * loudness and loudness range gate the pooled blocks and windows of all meters; peaks and maxima
     * are the largest of any meter. The meters may differ in rate and layout. True peak is NaN unless
     * every meter measures it.
     *
     * @throws IllegalArgumentException if {@code meters} is empty
     */
    public static LoudnessResult album(Collection<LoudnessMeter> meters) {
        return Album.of(meters);
    }

    /** How many non-finite (NaN or infinite) samples were measured as 0. */
    public long nonFiniteSamples() {
        return energy.nonFiniteSamples();
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

    /** Forgets everything measured; keeps the rate, weights and options. */
    public void reset() {
        energy.reset();
        Arrays.fill(recentSteps, 0);
        if (truePeak != null) {
            truePeak.reset();
        }
        stepFill = 0;
        steps = 0;
        maxMomentaryEnergy = 0;
        maxShortTermEnergy = 0;
        frames = 0;
    }
}
