package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChannelTasks;
import io.github.mixwright.core.ParallelProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A lookahead true-peak limiter: a smooth gain keeps the output's true peak (ITU-R BS.1770-4 Annex 2) at or
 * below the ceiling, without clipping, whether it is read by a 4x meter such as the project's
 * {@code loudness.TruePeakMeter} or libebur128, or by a finer reconstruction such as the filters module's
 * 16x {@code Oversampler}.
 *
 * <p><b>Gain computation</b>, per sample {@code m} and channel, in linear gain:
 * <ol>
 *   <li><i>Peak.</i> {@code p[m]}: the largest magnitude of the input reconstructed after {@code m}, the
 *       largest of three reconstructions, because reconstructions disagree near Nyquist and meters differ
 *       in their pass-band ripple: a steep one (the library's 100 dB oversampler) on an 8x grid refined
 *       between grid points, the short one of the project's 4x meter, and libebur128's Hann-windowed one
 *       (see {@code TruePeakDetector}).</li>
 *   <li><i>Required gain.</i> {@code r[m] = min(1, t / p[m])}, {@code t} the ceiling lowered by the margin
 *       {@value #MARGIN_DB} dB. As reductions, {@code d = 1 - r}.</li>
 *   <li><i>Link.</i> Each channel's reduction moves toward the largest of all channels by {@code link}
 *       percent, never below its own, so each channel still gets what it needs. At 100 % every channel has
 *       one reduction and so one gain, bit for bit.</li>
 *   <li><i>Release.</i> {@code e[m] = max(d[m], e[m-1] a)} with {@code a = exp(-1 / (tau fs))},
 *       {@code tau = release}: reductions arrive at once and decay exponentially.</li>
 *   <li><i>Hold.</i> {@code h[m] = max e[j]} over {@code m - S <= j <= m + L - 1 + S}, {@code L} the
 *       lookahead in frames and {@code S} the reach of the reconstructions plus one frame
 * (38 frames).</li>
 *   <li><i>Ramp.</i> {@code g[m] = 1 - mean(h[m-L+1 .. m])}, a moving average over the lookahead.</li>
 * </ol>
 * <b>Why the ceiling holds.</b> Each {@code h} averaged into {@code g[n]} is a maximum over a window that
 * contains all of {@code [n - S, n + S]}, and a mean is at most its largest term, so {@code g[n] <= r[j]}
 * for every {@code |j - n| <= S}: the gain has come down to what a peak needs before the peak's
 * reconstruction kernel starts, and stays there until the kernel ends. Around each peak the output is
 * the input times a gain no larger than the peak needs, so each reconstruction reads at most {@code t}
 * there. The ramp moves the gain by at most {@code 1 / L} per frame: smooth, no step, no clipping. The
 * margin pays for what this argument leaves out, measured over thousands of random signals: the project's
 * meter reads its quarter-sample positions through a different second stage (up to 0.012 dB above the
 * detector), a 16x oversampler refines its grid further (0.005 dB), float rounding and a gain that varies
 * across a kernel (less than 0.001 dB). The tests hold every output under the meter, and under the
 * oversampler at 16x, for noise, full-scale squares, sweeps near Nyquist, impulses and the fs/4 sine at
 * 45 degrees driven up to +20 dB.
 *
 * <p><b>Latency</b> {@code TruePeakDetector.LATENCY + L + S - 1} frames, with {@code L = round(lookahead
 * fs / 1000)} (at least 1): {@code L + 74}, 314 at 48 kHz with the default 5 ms. {@link #latencyFrames()}
 * reports it exactly. The lookahead is read when the limiter is prepared and cannot change mid-stream.
 *
 * <p><b>Release convention.</b> Once the last peak has left the hold window, the gain reduction
 * {@code 1 - g} (linear) falls to 1/e of itself, 63 % of the way back, every {@code release} milliseconds.
 * {@code auto=on}, program-dependent release after the {@link Compressor}'s: a second, slow envelope follows
 * the reduction, charging with a {@value #AUTO_RELEASE_CHARGE_MS} ms time constant but only while samples
 * are being limited, and releasing {@value #AUTO_RELEASE_FACTOR} times more slowly than {@code release}; the
 * reduction is the larger of the two. After short peaks the slow envelope has hardly charged and recovery
 * takes {@code release}; after sustained limiting it takes up to {@value #AUTO_RELEASE_FACTOR} times longer
 * once it has charged through seconds of limiting, so dense material does not pump.
 *
 * <p><b>Identity.</b> When no sample needs a reduction (the input's true peak under every reconstruction
 * is below the ceiling by more than the margin) the gain is exactly 1 and the output is the input, bit for
 * bit, delayed by the latency.
 *
 * <p><b>Safety clipper</b> ({@code clip=on}): every output sample is also hard-limited to the ceiling; NaN
 * leaves as 0 and infinities as the ceiling. The gain already keeps the output of finite input below the
 * ceiling, so that output is unchanged; the clipper guarantees the sample peak whatever arrives. Off by
 * default: without it nothing is ever clipped.
 *
 * <p>Parameters: {@code ceiling} dBTP [-20, 0] default -1 (smoothed linearly in dB over 20 ms, and applied
 * to the audio that entered with it, as a host's latency compensation expects); {@code lookahead} ms
 * [1, 20] default 5 (read at prepare); {@code release} ms [1, 1000] default 100 (smoothed
 * multiplicatively); {@code auto} off/on, default off; {@code link} % [0, 100] default 100; {@code clip}
 * off/on, default off.
 *
 * <p>Metering: {@link #gainReductionDb()} (now, largest over channels) and {@link #maxGainReductionDb()}
 * (since the last prepare or reset), both 0 or more. Output is identical for any block size; process
 * allocates nothing. The detector reads NaN as silence and magnitudes above 1e30 as 1e30, so content never
 * poisons the gain. Not thread-safe.
 */
public final class TruePeakLimiter extends ParameterizedProcessor<TruePeakLimiter> implements ParallelProcessor {
    /** Safety margin under the ceiling, dB; see the class documentation for what it covers. */
    public static final double MARGIN_DB = 0.03;
    /** Time constant of the slow envelope's attack under {@code auto}, ms. */
    public static final double AUTO_RELEASE_CHARGE_MS = 1000;
    /** How much more slowly the slow envelope releases than {@code release}. */
    public static final double AUTO_RELEASE_FACTOR = 5;
    /** How far the hold reaches beyond the lookahead on each side, frames. */
    static final int SPREAD = TruePeakDetector.REACH + 1;
    private static final double MARGIN = Math.pow(10, -MARGIN_DB / 20);
    private static final int CHUNK = TruePeakDetector.CHUNK;
    /** Blocks shorter than this are detected on the calling thread even with an executor. */
    static final int PARALLEL_MIN_FRAMES = 2048;
    /**
     * Frames detected at a time, a multiple of {@link #CHUNK}: long enough to be worth a thread, short
     * enough that the buffered peaks stay small whatever the block size.
     */
    static final int SEGMENT = 8192;

    /** The descriptor: {@code limiter ceiling=-1 lookahead=5 release=100 auto=off link=100 clip=off}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("limiter",
            "Lookahead true-peak limiter: the output's true peak stays under the ceiling, without clipping",
            List.of(ParameterSpec.number("ceiling", "dBTP", -20, 0, -1, "highest true peak of the output"),
                    ParameterSpec.number("lookahead", "ms", 1, 20, 5, "gain ramp before each peak, fixed at prepare")
                            .fixedAtPrepare(),
                    ParameterSpec.number("release", "ms", 1, 1000, 100, "time to recover 63 % of the gain reduction")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.choice("auto", List.of("off", "on"), 0,
                            "program-dependent release: slower after sustained limiting"),
                    ParameterSpec.number("link", "%", 0, 100, 100, "channel link: 100 gives every channel one gain"),
                    ParameterSpec.choice("clip", List.of("off", "on"), 0,
                            "safety clipper: also hard-limit every sample to the ceiling")),
            0, TruePeakLimiter::new);

    private final Parameter ceiling = parameter("ceiling");
    private final Parameter lookahead = parameter("lookahead");
    private final Parameter release = parameter("release");
    private final Parameter auto = parameter("auto");
    private final Parameter link = parameter("link");
    private final Parameter clip = parameter("clip");

    private double rate;
    private int latency;
    /** One detector per channel, so channels can be detected on different threads. */
    private TruePeakDetector[] detectors = new TruePeakDetector[0];
    /** Per channel: the detected peaks of the block segment being processed. */
    private float[][] segmentPeaks = new float[0][];
    private float[][] chunkPeaks = new float[0][];
    private Executor executor;
    /** The channels' detection as one fork/join, built at prepare so that blocks allocate nothing. */
    private ChannelTasks detection;
    /** The segment {@link #detection} works on: set before each run, read by every channel's task. */
    private AudioBuffer segmentBlock;
    private int segmentFrom;
    private int segmentLength;
    private LimiterEnvelope[] envelopes = new LimiterEnvelope[0];
    private float[][] delay = new float[0][];
    private int delayAt;
    /** Linear ceiling of each frame still inside the limiter, so it meets its own audio. */
    private double[] ceilings = new double[0];
    private int ceilingAt;
    /** Whether the ceilings before the stream have been set: to the first frame's, on the first process. */
    private boolean primed;
    /** The ceiling (dBTP and linear) last written to the ring, and how many of its slots hold it (at most all). */
    private double ringCeilingDb = Double.NaN;
    private double ringCeiling;
    private int ringUniformFor;
    /** Whether only the first channel's envelope has been run (fully linked); the others are then stale. */
    private boolean envelopesShared;
    private double[][] reductions = new double[0][];
    private double[] gains = new double[0];
    private double[] releaseCoefficients = new double[0];
    private double[] slowReleaseCoefficients = new double[0];
    private boolean[] autoOn = new boolean[0];
    private double[] targets = new double[0];
    private double[] clipLevels = new double[0];
    private double gainReduction;
    private double maxGainReduction;
    private ReductionMeter reductionMeter;
    /** The smallest gain over channels, per frame of a chunk, for the meter when channels differ. */
    private double[] meterGains = new double[0];

    /** A limiter with every parameter at its default. */
    public TruePeakLimiter() {
        super(DESCRIPTOR);
    }

    /** Sets the ceiling, dBTP, [-20, 0]. */
    public TruePeakLimiter setCeilingDbtp(double dbtp) {
        ceiling.set(dbtp);
        return this;
    }

    /** Sets the lookahead, ms, [1, 20]; fixed at prepare, so prepare again after changing it. */
    public TruePeakLimiter setLookaheadMs(double ms) {
        lookahead.set(ms);
        return this;
    }

    /** Sets the release time constant, ms, [1, 1000]. */
    public TruePeakLimiter setReleaseMs(double ms) {
        release.set(ms);
        return this;
    }

    /** Switches the program-dependent release on or off. */
    public TruePeakLimiter setAutoRelease(boolean on) {
        auto.set(on ? 1 : 0);
        return this;
    }

    /** Sets the channel link, percent, [0, 100]. */
    public TruePeakLimiter setLinkPercent(double percent) {
        link.set(percent);
        return this;
    }

    /** Switches the safety clipper on or off. */
    public TruePeakLimiter setClip(boolean on) {
        clip.set(on ? 1 : 0);
        return this;
    }

    /** The present gain reduction, dB (0 or more), largest over channels. */
    public double gainReductionDb() {
        return gainReduction;
    }

    /** The largest gain reduction since the last prepare or reset, dB (0 or more). */
    public double maxGainReductionDb() {
        return maxGainReduction;
    }

    /**
     * Reports every frame's gain to {@code meter} from now on ({@code null} stops). The output is the same
     * with or without one.
     */
    public TruePeakLimiter setReductionMeter(ReductionMeter meter) {
        this.reductionMeter = meter;
        return this;
    }

    /** Frames by which the output lags the input; fixed at prepare (0 before). */
    @Override
    public int latencyFrames() {
        return latency;
    }

    /** The output is the input times a gain, delayed: it ends with the latency. */
    @Override
    public int tailFrames() {
        return latency;
    }

    /** Lookahead in frames at {@code sampleRate}: {@code round(ms fs / 1000)}, at least 1. */
    static int lookaheadFrames(double ms, double sampleRate) {
        return (int) Math.max(1, Math.round(ms * sampleRate / 1000));
    }

    /** One-pole coefficient for a time constant of {@code ms}: {@code exp(-1 / (tau fs))}. */
    private static double coefficient(double ms, double sampleRate) {
        return Math.exp(-1000 / (ms * sampleRate));
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int ch = spec.channels();
        rate = spec.sampleRate();
        int ramp = lookaheadFrames(lookahead.get(), rate);
        latency = TruePeakDetector.LATENCY + ramp + SPREAD - 1;
        detectors = new TruePeakDetector[ch];
        for (int c = 0; c < ch; c++) {
            detectors[c] = new TruePeakDetector(1, rate);
        }
        segmentPeaks = new float[ch][Math.min(SEGMENT, spec.maxBlockFrames())];
        chunkPeaks = new float[ch][CHUNK];
        detection = new ChannelTasks(ch, c -> detectChannel(segmentBlock, c, segmentFrom, segmentLength));
        envelopes = new LimiterEnvelope[ch];
        for (int c = 0; c < ch; c++) {
            envelopes[c] = new LimiterEnvelope(ramp, ramp + 2 * SPREAD);
        }
        delay = new float[ch][latency];
        ceilings = new double[latency + 1];
        reductions = new double[ch][CHUNK];
        gains = new double[CHUNK];
        meterGains = new double[CHUNK];
        releaseCoefficients = new double[CHUNK];
        slowReleaseCoefficients = new double[CHUNK];
        autoOn = new boolean[CHUNK];
        targets = new double[CHUNK];
        clipLevels = new double[CHUNK];
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (TruePeakDetector d : detectors) {
            d.reset();
        }
        for (LimiterEnvelope e : envelopes) {
            e.reset();
        }
        for (float[] d : delay) {
            Arrays.fill(d, 0f);
        }
        delayAt = 0;
        ceilingAt = 0;
        primed = false;
        ringCeilingDb = Double.NaN;
        ringUniformFor = 0;
        envelopesShared = false;
        gainReduction = 0;
        maxGainReduction = 0;
    }

    /**
     * Lends a pool on which the channels' detectors (nearly all of the limiter's work) run in
     * parallel, {@value #SEGMENT} frames at a time, for blocks of at least {@value #PARALLEL_MIN_FRAMES}
     * frames; the output is the same.
     */
    @Override
    public void setExecutor(Executor pool) {
        this.executor = pool;
    }

    /**
     * Runs every channel's detector over {@code len} frames of the block from {@code from}, into
     * {@link #segmentPeaks}: on the lent executor for {@value #PARALLEL_MIN_FRAMES} frames or more (the
     * first channel on this thread), otherwise here. The block is not kept after the segment.
     */
    private void detectSegment(AudioBuffer block, int from, int len) {
        segmentBlock = block;
        segmentFrom = from;
        segmentLength = len;
        detection.run(len >= PARALLEL_MIN_FRAMES ? executor : null);
        segmentBlock = null;
    }

    private void detectChannel(AudioBuffer block, int c, int from, int frames) {
        float[] x = block.channel(c);
        int off = block.offset() + from;
        float[] peaks = segmentPeaks[c];
        float[] chunk = chunkPeaks[c];
        for (int start = 0; start < frames; start += CHUNK) {
            int len = Math.min(CHUNK, frames - start);
            detectors[c].detect(0, x, off + start, len, chunk);
            System.arraycopy(chunk, 0, peaks, start, len);
        }
    }

    /*
     * Why processSignal only sets up the block and calls limitChunk: the chunk loop runs 256 times for
     * a 64 Ki-frame block, so C2 compiles the method holding it on stack replacement, several times
     * while a run warms up, and each compile took in everything it calls (0.15 to 0.2 s of compiler
     * time each, on two cores a tenth of a ten-minute render). limitChunk is called once per chunk, so
     * it is compiled once as an ordinary method; its loops over frames are methods of their own, so
     * its own loops are short and it is not compiled on stack replacement either, and it is larger than
     * C2's limit for inlining a hot call (FreqInlineSize, 325 bytes of bytecode), so the compiles of
     * processSignal stay small.
     */

    // Per block, set by processSignal for limitChunk.
    private boolean steadyBlock;
    private double[] ceil;
    private double[] rel;
    private double[] au;
    private double[] lnk;
    private double[] clp;
    private double steadyCeiling;
    private double steadyRelease;
    private boolean steadyAuto;
    private double steadyLink;
    private boolean steadyClip;
    private boolean shared;
    private double charge;
    // Carried from chunk to chunk within a block.
    private double lastCeilingDb;
    private double ceilingLinear;
    private double lastRelease;
    private double aRelease;
    private double aSlowRelease;
    private double minGain;
    private double lastGain;

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        lookahead.advance(n);
        boolean steady = ceiling.isSteady() && release.isSteady() && auto.isSteady() && link.isSteady()
                && clip.isSteady();
        steadyBlock = steady;
        steadyCeiling = ceiling.current();
        steadyRelease = release.current();
        steadyAuto = auto.current() >= 0.5;
        steadyLink = link.current();
        steadyClip = clip.current() >= 0.5;
        if (steady) {
            ceiling.advance(n);
            release.advance(n);
            auto.advance(n);
            link.advance(n);
            clip.advance(n);
            ceil = null;
            rel = null;
            au = null;
            lnk = null;
            clp = null;
        } else {
            ceil = ceiling.render(n);
            rel = release.render(n);
            au = auto.render(n);
            lnk = link.render(n);
            clp = clip.render(n);
        }
        // Fully linked, every channel has the same reductions, and once their envelopes are in the same
        // state (from the start, or when their pasts have been forgotten) they stay so: one is run, and
        // the others take its state when the link drops.
        shared = channels > 1 && steady && steadyLink == 100 && (envelopesShared || envelopesAgree());
        if (!shared && envelopesShared) {
            for (int c = 1; c < channels; c++) {
                envelopes[c].copyFrom(envelopes[0]);
            }
        }
        envelopesShared = shared;
        charge = coefficient(AUTO_RELEASE_CHARGE_MS, rate);
        lastCeilingDb = Double.NaN;
        ceilingLinear = 1;
        lastRelease = Double.NaN;
        aRelease = 0;
        aSlowRelease = 0;
        minGain = 1;
        lastGain = 1;
        for (int start = 0; start < n; start += CHUNK) {
            limitChunk(block, start, Math.min(CHUNK, n - start));
        }
        ceil = null;
        rel = null;
        au = null;
        lnk = null;
        clp = null;
        gainReduction = toReductionDb(lastGain);
        maxGainReduction = Math.max(maxGainReduction, toReductionDb(minGain));
    }

    /** Frames {@code [start, start + len)} of the block: detection, the per-frame controls and the gains. */
    private void limitChunk(AudioBuffer block, int start, int len) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        int lengthC = ceilings.length;
        if (start % SEGMENT == 0) {
            detectSegment(block, start, Math.min(SEGMENT, n - start));
        }
        if (steadyBlock && primed && ringUniformFor >= lengthC && ringCeilingDb == steadyCeiling) {
            // Every frame in the ring has the steady ceiling: the per-frame values are constants.
            Arrays.fill(targets, 0, len, ringCeiling * MARGIN);
            Arrays.fill(clipLevels, 0, len, steadyClip ? ringCeiling : Double.NaN);
            if (steadyRelease != lastRelease) {
                lastRelease = steadyRelease;
                aRelease = coefficient(lastRelease, rate);
                aSlowRelease = coefficient(lastRelease * AUTO_RELEASE_FACTOR, rate);
            }
            Arrays.fill(releaseCoefficients, 0, len, aRelease);
            Arrays.fill(slowReleaseCoefficients, 0, len, aSlowRelease);
            Arrays.fill(autoOn, 0, len, steadyAuto);
            ceilingAt = (ceilingAt + len) % lengthC;
        } else {
            frameControls(start, len);
        }
        int at = start % SEGMENT;
        for (int c = 0; c < channels; c++) {
            reductionsOf(segmentPeaks[c], at, len, reductions[c]);
        }
        int delayed = delayAt;
        if (shared) {
            double[] most = reductions[0];
            for (int c = 1; c < channels; c++) {
                largest(most, reductions[c], len);
            }
            envelopes[0].run(most, len, releaseCoefficients, slowReleaseCoefficients, autoOn, charge, gains);
            for (int c = 0; c < channels; c++) {
                delayed = apply(block.channel(c), off + start, len, delay[c], delayAt);
            }
            minGain = Math.min(minGain, smallest(gains, len));
            lastGain = gains[len - 1];
            if (reductionMeter != null) {
                reductionMeter.accept(gains, len);
            }
        } else {
            if (channels > 1) {
                linkChannels(channels, len, lnk, steadyLink, start);
            }
            for (int c = 0; c < channels; c++) {
                envelopes[c].run(reductions[c], len, releaseCoefficients, slowReleaseCoefficients, autoOn, charge,
                        gains);
                delayed = apply(block.channel(c), off + start, len, delay[c], delayAt);
                minGain = Math.min(minGain, smallest(gains, len));
                lastGain = c == 0 ? gains[len - 1] : Math.min(lastGain, gains[len - 1]);
                if (reductionMeter != null) {
                    if (c == 0) {
                        System.arraycopy(gains, 0, meterGains, 0, len);
                    } else {
                        largestReduction(meterGains, gains, len);
                    }
                }
            }
            if (reductionMeter != null) {
                reductionMeter.accept(meterGains, len);
            }
        }
        delayAt = delayed;
    }

    /** The per-frame targets, clip levels and release coefficients of a chunk whose controls move. */
    private void frameControls(int start, int len) {
        boolean steady = steadyBlock;
        int lengthC = ceilings.length;
        for (int i = 0; i < len; i++) {
            int k = start + i;
            double ceilingDb = steady ? steadyCeiling : ceil[k];
            if (ceilingDb != lastCeilingDb) {
                lastCeilingDb = ceilingDb;
                ceilingLinear = Math.pow(10, lastCeilingDb / 20);
            }
            if (!primed) {
                // The reconstruction reaches before the first sample: the stream's onset rings there too.
                Arrays.fill(ceilings, ceilingLinear);
                ringCeilingDb = ceilingDb;
                ringCeiling = ceilingLinear;
                ringUniformFor = lengthC;
                primed = true;
            }
            if (ceilingDb == ringCeilingDb) {
                ringUniformFor = Math.min(ringUniformFor + 1, lengthC);
            } else {
                ringCeilingDb = ceilingDb;
                ringCeiling = ceilingLinear;
                ringUniformFor = 1;
            }
            ceilings[ceilingAt] = ceilingLinear;
            int detected = ceilingAt - TruePeakDetector.LATENCY;
            targets[i] = ceilings[detected < 0 ? detected + lengthC : detected] * MARGIN;
            ceilingAt = ceilingAt + 1 == lengthC ? 0 : ceilingAt + 1;
            // The slot after the newest holds the oldest: the frame leaving now.
            clipLevels[i] = (steady ? steadyClip : clp[k] >= 0.5) ? ceilings[ceilingAt] : Double.NaN;
            double releaseMs = steady ? steadyRelease : rel[k];
            if (releaseMs != lastRelease) {
                lastRelease = releaseMs;
                aRelease = coefficient(lastRelease, rate);
                aSlowRelease = coefficient(lastRelease * AUTO_RELEASE_FACTOR, rate);
            }
            releaseCoefficients[i] = aRelease;
            slowReleaseCoefficients[i] = aSlowRelease;
            autoOn[i] = steady ? steadyAuto : au[k] >= 0.5;
        }
    }

    /** The reduction {@code 1 - target / peak} each frame needs, or 0 where the peak is within the target. */
    private void reductionsOf(float[] peaks, int at, int len, double[] d) {
        double[] t = targets;
        for (int i = 0; i < len; i++) {
            // The peaks are magnitudes, so abs changes no value; converting the float it computes lets
            // Java 17's C2 convert in place, where converting the loaded value is a merging
            // vcvtss2sd that waits for the register's last writer, here the previous frame's division
            // (JDK-8323116).
            double p = Math.abs(peaks[at + i]);
            // 1 - t / p where the peak exceeds the target t, else 0, without a branch: where p <= t the
            // quotient is at least 1 (or infinite for p = 0), so the difference is at most 0 and max
            // gives exactly 0. Peaks are never NaN (the detector reads NaN input as 0).
            d[i] = Math.max(0.0, 1 - t[i] / p);
        }
    }

    /** {@code most[i] = max(most[i], d[i])}. */
    private static void largest(double[] most, double[] d, int len) {
        for (int i = 0; i < len; i++) {
            most[i] = Math.max(most[i], d[i]);
        }
    }

    /** The smallest of {@code g[0..len)}. */
    private static double smallest(double[] g, int len) {
        double m = 1;
        for (int i = 0; i < len; i++) {
            m = Math.min(m, g[i]);
        }
        return m;
    }

    /** Whether every channel's envelope is in the first one's state. */
    private boolean envelopesAgree() {
        for (int c = 1; c < envelopes.length; c++) {
            if (!envelopes[c].sameStateAs(envelopes[0])) {
                return false;
            }
        }
        return true;
    }

    /** {@code into[i] = min(into[i], gains[i])}. */
    private static void largestReduction(double[] into, double[] gains, int len) {
        for (int i = 0; i < len; i++) {
            into[i] = Math.min(into[i], gains[i]);
        }
    }

    private static double toReductionDb(double gain) {
        return gain >= 1 ? 0 : -20 * Math.log10(gain);
    }

    /** Moves each channel's reduction toward the largest by the link fraction, never below its own. */
    private void linkChannels(int channels, int len, double[] lnk, double steadyLink, int start) {
        for (int i = 0; i < len; i++) {
            double most = 0;
            for (int c = 0; c < channels; c++) {
                most = Math.max(most, reductions[c][i]);
            }
            double l = (lnk == null ? steadyLink : lnk[start + i]) / 100;
            for (int c = 0; c < channels; c++) {
                double own = reductions[c][i];
                reductions[c][i] = l == 1 ? most : Math.max(own, own + l * (most - own));
            }
        }
    }

    /**
     * Writes the delayed audio times {@link #gains} over {@code x[from..from+len)} through the delay line,
     * clipping where asked; returns the delay line's position after.
     */
    private int apply(float[] x, int from, int len, float[] line, int at) {
        int size = line.length;
        for (int i = 0; i < len; i++) {
            float in = x[from + i];
            float out = line[at];
            line[at] = in;
            at = at + 1 == size ? 0 : at + 1;
            double g = gains[i];
            float y = g == 1 ? out : (float) (out * g);
            double level = clipLevels[i];
            if (level == level) {
                float limit = (float) level;
                y = y > limit ? limit : y < -limit ? -limit : y == y ? y : 0f;
            }
            x[from + i] = y;
        }
        return at;
    }
}
