package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Denormals;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import io.github.mixwright.filters.BiquadCoefficients;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A feed-forward compressor (Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor Design:
 * A Tutorial and Analysis", JAES 60(6), 2012): a level detector on the key signal, the
 * {@link StaticCurve} (threshold, ratio, soft knee) and attack/release ballistics on the gain reduction
 * in dB, then make-up gain and a dry/wet mix.
 *
 * <p>Signal path, per sample and channel:
 * <ol>
 *   <li>Key: the input itself, or an external key given to {@link #process(AudioBuffer, AudioBuffer)};
 *       through an optional high-pass ({@code keyhp}, 12 dB/octave, Q 0.707; 0 is off) and an optional
 *       peaking band ({@code keyeqfreq}, {@code keyeqgain}, {@code keyeqq}; 0 dB is off).</li>
 *   <li>Level: {@code detector=peak} takes {@code 20 log10 |key|}; {@code detector=rms} takes
 *       {@code 10 log10} of the key's mean square averaged exponentially with time constant
 *       {@code window} ms. A sine of amplitude A reads {@code 20 log10 A} (peak) or
 *       {@code 20 log10 (A / sqrt 2)} (RMS).</li>
 *   <li>Link: each channel's level moves toward the loudest channel's by {@code link} percent (in dB);
 *       at 100 % every channel gets the same level and so the same gain.</li>
 *   <li>Gain reduction {@code t = -curve(level)} (dB, 0 or more) is smoothed by one pole per
 *       direction: {@code y += (1 - a) (t - y)} with {@code a = exp(-1 / (tau fs))}, {@code tau} the
 *       attack while {@code t > y} and the release otherwise. <b>Time-constant convention:</b> after a
 *       step, the gain reduction covers 63 % (1 - 1/e) of the step in {@code attack} (or
 *       {@code release}) milliseconds, 95 % in three times that.</li>
 *   <li>{@code autorelease=on} (program-dependent release): a second, slow envelope charges with a 1 s
 *       time constant and releases five times more slowly than {@code release}; the gain reduction is
 *       the larger of the two (while off, the slow envelope equals the usual one, so switching on starts
 *       from the present reduction). After short peaks the slow envelope has barely charged, so recovery
 *       takes the release time; after sustained compression it recovers up to five times more slowly,
 *       which keeps dense material from pumping.</li>
 *   <li>Gain {@code 10^((makeup - y) / 20)}; {@code automakeup=on} adds the curve's gain reduction at
 *       0 dBFS ({@code -curve(0)}), so a full-scale steady peak leaves at full scale.</li>
 *   <li>Output {@code dry + mix (dry gain - dry)} with {@code dry} the input delayed by the lookahead,
 *       computed as {@code dry (1 + mix (gain - 1))} in single precision (5e-7 dB).</li>
 * </ol>
 *
 * <p>The peak detector squares the key in single precision (3e-7 dB) and reads the level from the
 * float's bits; the RMS detector, the key filter and the envelopes work in double precision. A gain of
 * 0 dB is exactly 1, so the identities below stay bit-exact.
 *
 * <p>Parameters (all smoothed over 20 ms unless said): {@code threshold} dB [-80, 0] default -18;
 * {@code ratio} [1, 1000] default 4 (1000 is infinity); {@code knee} dB [0, 24] default 6; {@code attack}
 * ms [0.01, 1000] default 10; {@code release} ms [1, 5000] default 100; {@code autorelease} off/on;
 * {@code detector} peak/rms; {@code window} ms [0.1, 1000] default 10 (RMS only); {@code makeup} dB
 * [-24, 48] default 0; {@code automakeup} off/on; {@code lookahead} ms [0, 20] default 0; {@code link} %
 * [0, 100] default 100; {@code keyhp} Hz [0, 4000] default 0 (off); {@code keyeqfreq} Hz [20, 20000]
 * default 1000; {@code keyeqgain} dB [-24, 24] default 0 (off); {@code keyeqq} [0.1, 10] default 1;
 * {@code mix} % [0, 100] default 100.
 *
 * <p>Lookahead delays the audio, not the key, so the gain starts falling before a transient arrives; it
 * is read when the compressor is prepared ({@link #latencyFrames()} is {@code round(lookahead fs / 1000)}
 * frames and cannot change mid-stream), so changing it takes effect at the next {@code prepare}. The
 * other parameters are read at control points every {@value #CONTROL_FRAMES} frames, counted from the
 * start of the stream (0.7 ms at 48 kHz, well inside their 20 ms glides), so automation is applied at
 * that rate and the key filter is redesigned at most that often. Output is identical for any block
 * size. With ratio 1, make-up 0 and automakeup off
 * the output is the input, bit for bit (delayed by the lookahead).
 *
 * <p>Metering: {@link #gainReductionDb()} (now, largest over channels) and
 * {@link #maxGainReductionDb()} (since the last prepare or reset), both 0 or more.
 *
 * <p>Not thread-safe.
 */
public final class Compressor extends ParameterizedProcessor<Compressor> {
    /**
     * An envelope within this many dB of its target lands on it: gains return to exactly 0 dB (the
     * identity) and decaying state never becomes subnormal.
     */
    static final double SETTLED_DB = 1e-9;
    /** Frames between control points, counted from the stream start: parameters are read at each. */
    static final int CONTROL_FRAMES = KeyFilter.REDESIGN_FRAMES;
    /**
     * Most frames compressed in one go, when every parameter is steady and control points change
     * nothing: long enough for the passes of {@link #compressLinked} to run at full speed, short
     * enough for their scratch arrays to stay in the first-level cache.
     */
    private static final int CHUNK_FRAMES = 512;
    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    /** Level floor of the detector, dB: keeps silence finite. */
    static final double FLOOR_DB = -300;
    /** Time constant of the slow envelope's attack under {@code autorelease}, ms. */
    public static final double AUTO_RELEASE_CHARGE_MS = 1000;
    /** How much more slowly the slow envelope releases than {@code release}. */
    public static final double AUTO_RELEASE_FACTOR = 5;

    /** The descriptor: {@code compressor threshold=-18 ratio=4 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("compressor",
            "Feed-forward compressor: threshold, ratio, soft knee, attack/release, make-up, side-chain filter",
            List.of(ParameterSpec.number("threshold", "dB", -80, 0, -18, "level where compression starts"),
                    ParameterSpec.number("ratio", "", 1, StaticCurve.INFINITE_RATIO, 4,
                            "input dB per output dB above the threshold; 1000 is infinity"),
                    ParameterSpec.number("knee", "dB", 0, 24, 6, "soft-knee width, centred on the threshold"),
                    ParameterSpec.number("attack", "ms", 0.01, 1000, 10,
                            "time to 63 % of a rise in gain reduction").withSmoothing(Smoothing.MULTIPLICATIVE,
                            ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("release", "ms", 1, 5000, 100,
                            "time to 63 % of a fall in gain reduction").withSmoothing(Smoothing.MULTIPLICATIVE,
                            ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.choice("autorelease", List.of("off", "on"), 0,
                            "program-dependent release: slower after sustained compression"),
                    ParameterSpec.choice("detector", List.of("peak", "rms"), 0, "level detector"),
                    ParameterSpec.number("window", "ms", 0.1, 1000, 10, "RMS averaging time constant")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("makeup", "dB", -24, 48, 0, "gain after compression"),
                    ParameterSpec.choice("automakeup", List.of("off", "on"), 0,
                            "add the gain reduction at 0 dBFS to the make-up gain"),
                    ParameterSpec.number("lookahead", "ms", 0, 20, 0, "audio delay, read at prepare"),
                    ParameterSpec.number("link", "%", 0, 100, 100, "stereo link: 100 gives every channel one gain"),
                    ParameterSpec.number("keyhp", "Hz", 0, 4000, 0, "key high-pass frequency, 0 is off"),
                    ParameterSpec.number("keyeqfreq", "Hz", 20, 20000, 1000, "key peaking band frequency")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("keyeqgain", "dB", -24, 24, 0, "key peaking band gain, 0 is off"),
                    ParameterSpec.number("keyeqq", "", 0.1, 10, 1, "key peaking band Q")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("mix", "%", 0, 100, 100, "wet share: below 100 is parallel compression")),
            0, Compressor::new);

    private final Parameter threshold = parameter("threshold");
    private final Parameter ratio = parameter("ratio");
    private final Parameter knee = parameter("knee");
    private final Parameter attack = parameter("attack");
    private final Parameter release = parameter("release");
    private final Parameter autoRelease = parameter("autorelease");
    private final Parameter detector = parameter("detector");
    private final Parameter window = parameter("window");
    private final Parameter makeup = parameter("makeup");
    private final Parameter autoMakeup = parameter("automakeup");
    private final Parameter lookahead = parameter("lookahead");
    private final Parameter link = parameter("link");
    private final Parameter keyHp = parameter("keyhp");
    private final Parameter keyEqFreq = parameter("keyeqfreq");
    private final Parameter keyEqGain = parameter("keyeqgain");
    private final Parameter keyEqQ = parameter("keyeqq");
    private final Parameter mix = parameter("mix");

    /** The parameters read at control points, indexed by the constants below. */
    private final Parameter[] controlledParameters = {threshold, ratio, knee, attack, release, autoRelease, detector,
        window, makeup, autoMakeup, link, keyHp, keyEqFreq, keyEqGain, keyEqQ, mix};
    private static final int THRESHOLD = 0;
    private static final int RATIO = 1;
    private static final int KNEE = 2;
    private static final int ATTACK = 3;
    private static final int RELEASE = 4;
    private static final int AUTO_RELEASE = 5;
    private static final int DETECTOR = 6;
    private static final int WINDOW = 7;
    private static final int MAKEUP = 8;
    private static final int AUTO_MAKEUP = 9;
    private static final int LINK = 10;
    private static final int KEY_HP = 11;
    private static final int KEY_EQ_FREQ = 12;
    private static final int KEY_EQ_GAIN = 13;
    private static final int KEY_EQ_Q = 14;
    private static final int MIX = 15;
    private final double[] controlValues = new double[controlledParameters.length];
    private final double[][] renderedValues = new double[controlledParameters.length][];
    private final KeyFilter keyFilter = new KeyFilter();
    private double rate;
    private int delayFrames;
    /** Per channel, the last {@link #delayFrames} input frames, oldest first. */
    private float[][] delay = new float[0][];
    private float[] delaySpare = new float[0];
    private double[] meanSquare = new double[0];
    private double[] envelope = new double[0];
    private double[] slowEnvelope = new double[0];
    private float[][] channelArrays = new float[0][];
    private float[][] keyArrays = new float[0][];
    private final double[] chunkTargets = new double[CHUNK_FRAMES];
    private final float[] chunkSquares = new float[CHUNK_FRAMES];
    private double[][] chunkGainsDb = new double[0][];
    private float[][] chunkGains = new float[0][];
    private long position;
    private double controlAttack = Double.NaN;
    private double controlRelease = Double.NaN;
    private double controlWindow = Double.NaN;
    private double controlThreshold = Double.NaN;
    private double controlKnee = Double.NaN;
    private double controlRatio = Double.NaN;
    private double controlMakeup = Double.NaN;
    private double controlAutoMakeup = Double.NaN;
    private double aAttack;
    private double aRelease;
    private double aSlowRelease;
    private double aWindow;
    private double aCharge;
    private double slope;
    private double negativeSlope;
    private double kneeHalf;
    private double inverseTwoKnee;
    private double makeupDb;
    private boolean rmsDetector;
    private boolean slowRelease;
    private double linkShare;
    private double wetShare;
    private double designedHp = Double.NaN;
    private double designedEqFreq = Double.NaN;
    private double designedEqGain = Double.NaN;
    private double designedEqQ = Double.NaN;
    private double gainReduction;
    private double maxGainReduction;
    private AudioBuffer key;

    /** A compressor with every parameter at its default. */
    public Compressor() {
        super(DESCRIPTOR);
    }

    /** Sets the threshold, dB, [-80, 0]. */
    public Compressor setThresholdDb(double db) {
        threshold.set(db);
        return this;
    }

    /** Sets the ratio, [1, 1000] (1000 is infinity). */
    public Compressor setRatio(double r) {
        ratio.set(r);
        return this;
    }

    /** Sets the knee width, dB, [0, 24]. */
    public Compressor setKneeDb(double db) {
        knee.set(db);
        return this;
    }

    /** Sets the attack time constant, ms, [0.01, 1000]. */
    public Compressor setAttackMs(double ms) {
        attack.set(ms);
        return this;
    }

    /** Sets the release time constant, ms, [1, 5000]. */
    public Compressor setReleaseMs(double ms) {
        release.set(ms);
        return this;
    }

    /** Switches the program-dependent release on or off. */
    public Compressor setAutoRelease(boolean on) {
        autoRelease.set(on ? 1 : 0);
        return this;
    }

    /** Chooses the RMS detector with a window of {@code windowMs} (true) or the peak detector (false). */
    public Compressor setRms(boolean rms, double windowMs) {
        detector.set(rms ? 1 : 0);
        window.set(windowMs);
        return this;
    }

    /** Sets the make-up gain, dB, [-24, 48], and whether the automatic make-up is added. */
    public Compressor setMakeupDb(double db, boolean automatic) {
        makeup.set(db);
        autoMakeup.set(automatic ? 1 : 0);
        return this;
    }

    /** Sets the lookahead, ms, [0, 20]; takes effect at the next prepare. */
    public Compressor setLookaheadMs(double ms) {
        lookahead.set(ms);
        return this;
    }

    /** Sets the stereo link, percent, [0, 100]. */
    public Compressor setLinkPercent(double percent) {
        link.set(percent);
        return this;
    }

    /** Sets the key high-pass frequency, Hz, [0, 4000]; 0 switches it off. */
    public Compressor setKeyHighPassHz(double hz) {
        keyHp.set(hz);
        return this;
    }

    /** Sets the key peaking band: Hz [20, 20000], dB [-24, 24] (0 is off), Q [0.1, 10]. */
    public Compressor setKeyEq(double hz, double gainDb, double q) {
        keyEqFreq.set(hz);
        keyEqGain.set(gainDb);
        keyEqQ.set(q);
        return this;
    }

    /** Sets the dry/wet mix, percent wet, [0, 100]. */
    public Compressor setMixPercent(double percent) {
        mix.set(percent);
        return this;
    }

    /** The static curve of the current settings. */
    public StaticCurve curve() {
        return new StaticCurve(threshold.get(), ratio.get(), knee.get());
    }

    /** The present gain reduction, dB (0 or more), largest over channels. */
    public double gainReductionDb() {
        return gainReduction;
    }

    /** The largest gain reduction since the last prepare or reset, dB (0 or more). */
    public double maxGainReductionDb() {
        return maxGainReduction;
    }

    @Override
    public int latencyFrames() {
        return delayFrames;
    }

    /** Lookahead in frames at {@code sampleRate}. */
    static int lookaheadFrames(double ms, double sampleRate) {
        return (int) Math.round(ms * sampleRate / 1000);
    }

    /** One-pole coefficient for a time constant of {@code ms} at {@code sampleRate}: {@code exp(-1 / (tau fs))}. */
    static double coefficient(double ms, double sampleRate) {
        return Math.exp(-1000 / (ms * sampleRate));
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int ch = spec.channels();
        rate = spec.sampleRate();
        delayFrames = lookaheadFrames(lookahead.get(), rate);
        aCharge = coefficient(AUTO_RELEASE_CHARGE_MS, rate);
        delay = new float[ch][delayFrames];
        delaySpare = new float[Math.max(delayFrames, CHUNK_FRAMES)];
        chunkGainsDb = new double[ch][CHUNK_FRAMES];
        chunkGains = new float[ch][CHUNK_FRAMES];
        meanSquare = new double[ch];
        envelope = new double[ch];
        slowEnvelope = new double[ch];
        channelArrays = new float[ch][];
        keyArrays = new float[ch][];
        keyFilter.prepare(ch);
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (float[] d : delay) {
            Arrays.fill(d, 0f);
        }
        Arrays.fill(meanSquare, 0);
        Arrays.fill(envelope, 0);
        Arrays.fill(slowEnvelope, 0);
        keyFilter.reset();
        position = 0;
        controlAttack = Double.NaN;
        controlRelease = Double.NaN;
        controlWindow = Double.NaN;
        controlThreshold = Double.NaN;
        designedHp = Double.NaN;
        designedEqFreq = Double.NaN;
        designedEqGain = Double.NaN;
        designedEqQ = Double.NaN;
        gainReduction = 0;
        maxGainReduction = 0;
    }

    /**
     * Compresses {@code block} in place, detecting the level of {@code keySignal} instead of the block:
     * an external side-chain. The key has the block's frame count and either one channel (it keys
     * every channel) or the block's channel count.
     *
     * @throws IllegalArgumentException if the key's shape does not fit
     */
    public void process(AudioBuffer block, AudioBuffer keySignal) {
        Objects.requireNonNull(keySignal, "key");
        if (keySignal.frames() != block.frames()) {
            throw new IllegalArgumentException("key has " + keySignal.frames() + " frames, block " + block.frames());
        }
        if (keySignal.channels() != 1 && keySignal.channels() != block.channels()) {
            throw new IllegalArgumentException("key channels " + keySignal.channels() + " is out of range: 1 or "
                    + block.channels() + " (the block's)");
        }
        key = keySignal;
        try {
            process(block);
        } finally {
            key = null;
        }
    }

    private void designKeyFilter(double hp, double eqFreq, double eqGain, double eqQ) {
        if (hp != designedHp) {
            keyFilter.set(0, hp > 0 ? BiquadCoefficients.highPass(rate, Math.min(hp, 0.45 * rate), Math.sqrt(0.5)) : null);
            designedHp = hp;
        }
        if (eqFreq != designedEqFreq || eqGain != designedEqGain || eqQ != designedEqQ) {
            keyFilter.set(1, eqGain != 0
                    ? BiquadCoefficients.peaking(rate, Math.min(eqFreq, 0.45 * rate), eqQ, eqGain) : null);
            designedEqFreq = eqFreq;
            designedEqGain = eqGain;
            designedEqQ = eqQ;
        }
    }

    /** A power (a square or mean square) in dB, floored at {@value #FLOOR_DB}. */
    private static double decibels(double power) {
        // Powers below Denormals.FLUSH are already 0, so a positive one is at least -300 dB: no floor to apply.
        return power > 0 ? FastLog.powerToDb(power) : FLOOR_DB;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        lookahead.advance(n);
        AudioBuffer k = key;
        float[][] io = channelArrays;
        float[][] keys = keyArrays;
        for (int c = 0; c < channels; c++) {
            io[c] = block.channel(c);
            keys[c] = k == null ? io[c] : k.channel(k.channels() == 1 ? 0 : c);
        }
        int keyShift = (k == null ? off : k.offset()) - off;
        Parameter[] controlled = controlledParameters;
        double[] at = controlValues;
        boolean steady = true;
        for (Parameter p : controlled) {
            steady &= p.isSteady();
        }
        // Frames before the block's first control point keep the previous control point's values.
        int first = Math.min(n, (int) Math.floorMod(-position, (long) CONTROL_FRAMES));
        if (steady) {
            // Every control point in the block reads the same values: read them once, and let the
            // passes run over long chunks, with the output of the general path, bit for bit.
            for (int j = 0; j < controlled.length; j++) {
                at[j] = controlled[j].current();
                controlled[j].advance(n);
            }
            if (first > 0) {
                compress(io, keys, off, keyShift, first, channels);
            }
            if (first < n) {
                control(at);
            }
            for (int done = first; done < n; done += CHUNK_FRAMES) {
                compress(io, keys, off + done, keyShift, Math.min(CHUNK_FRAMES, n - done), channels);
            }
            position += n;
            return;
        }
        double[][] values = renderedValues;
        for (int j = 0; j < controlled.length; j++) {
            values[j] = controlled[j].render(n);
        }
        int done = 0;
        while (done < n) {
            // Control points are multiples of CONTROL_FRAMES from the stream start, whatever the blocks.
            int len = done == 0 && first > 0 ? first : Math.min(n - done, CONTROL_FRAMES);
            if (done > 0 || first == 0) {
                for (int j = 0; j < controlled.length; j++) {
                    at[j] = values[j][done];
                }
                control(at);
            }
            compress(io, keys, off + done, keyShift, len, channels);
            done += len;
        }
        position += n;
    }

    /** Applies the parameters read at a control point, in the order of {@link #controlledParameters}. */
    private void control(double[] at) {
        designKeyFilter(at[KEY_HP], at[KEY_EQ_FREQ], at[KEY_EQ_GAIN], at[KEY_EQ_Q]);
        if (at[ATTACK] != controlAttack) {
            controlAttack = at[ATTACK];
            aAttack = coefficient(controlAttack, rate);
        }
        if (at[RELEASE] != controlRelease) {
            controlRelease = at[RELEASE];
            aRelease = coefficient(controlRelease, rate);
            aSlowRelease = coefficient(controlRelease * AUTO_RELEASE_FACTOR, rate);
        }
        if (at[WINDOW] != controlWindow) {
            controlWindow = at[WINDOW];
            aWindow = coefficient(controlWindow, rate);
        }
        if (at[THRESHOLD] != controlThreshold || at[KNEE] != controlKnee || at[RATIO] != controlRatio
                || at[MAKEUP] != controlMakeup || at[AUTO_MAKEUP] != controlAutoMakeup) {
            controlThreshold = at[THRESHOLD];
            controlKnee = at[KNEE];
            controlRatio = at[RATIO];
            controlMakeup = at[MAKEUP];
            controlAutoMakeup = at[AUTO_MAKEUP];
            slope = StaticCurve.slope(controlRatio);
            negativeSlope = -slope;
            kneeHalf = controlKnee / 2;
            inverseTwoKnee = controlKnee > 0 ? 1 / (2 * controlKnee) : 0;
            makeupDb = controlMakeup
                    - (controlAutoMakeup >= 0.5 ? StaticCurve.gainDb(0, controlThreshold, slope, controlKnee) : 0);
        }
        rmsDetector = at[DETECTOR] >= 0.5;
        slowRelease = at[AUTO_RELEASE] >= 0.5;
        linkShare = at[LINK] / 100;
        wetShare = at[MIX] / 100;
    }

    /**
     * One step of a one-pole envelope toward {@code target}, with coefficient {@code up} while rising
     * and {@code down} while falling: {@code a y + (1 - a) target}. Gain reductions are never
     * negative, and noise makes the direction unpredictable, so the step avoids a branch on it: with
     * {@code up <= down} the rising candidate is the larger of the two whenever the target is above,
     * and the falling one whenever it is below, so the step is their maximum (otherwise their minimum),
     * taken on the bit patterns, which order like the values for non-negative doubles. Lands on the
     * target within {@link #SETTLED_DB}.
     */
    static double follow(double y, double target, double up, double down, boolean upFaster) {
        double rising = up * y + (1 - up) * target;
        double falling = down * y + (1 - down) * target;
        long r = Double.doubleToRawLongBits(rising);
        long f = Double.doubleToRawLongBits(falling);
        double next = Double.longBitsToDouble(upFaster ? Math.max(r, f) : Math.min(r, f));
        return Math.abs(next - target) < SETTLED_DB ? target : next;
    }

    /**
     * The larger of two non-negative doubles, from their bit patterns (which order like the values):
     * a conditional move where {@link Math#max} may branch, and which of two noisy channels is louder
     * is a coin toss.
     */
    static double largerOfNonNegative(double a, double b) {
        return Double.longBitsToDouble(Math.max(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
    }

    /**
     * {@code len} frames (at most {@link #CHUNK_FRAMES}) from {@code from} with the parameters of the
     * current control point: the gains of each frame, then the lookahead delay and the gains applied.
     */
    private void compress(float[][] io, float[][] keys, int from, int keyShift, int len, int channels) {
        boolean linked = linkShare == 1;
        if (linked) {
            linkedGains(keys, from + keyShift, len, channels);
        } else {
            unlinkedGains(keys, from + keyShift, len, channels);
        }
        for (int c = 0; c < channels; c++) {
            float[] x = io[c];
            if (delayFrames > 0) {
                delay(c, x, from, len);
            }
            float[] g = chunkGains[linked ? 0 : c];
            for (int k = 0; k < len; k++) {
                x[from + k] *= g[k];
            }
        }
    }

    /**
     * The gain reduction the static curve asks for at {@code levelDb} (0 or more), without a branch:
     * with {@code u+ = max(0, u)}, {@code d = (over + W/2)+ - (over - W/2)+} is {@code over + W/2}
     * clamped to the knee [0, W], and the reduction is {@code -slope (d^2 / (2W) + (over - W/2)+)}:
     * the knee's parabola, plus the straight line above it. {@code u+} is {@code (u + |u|) / 2}, exact 0
     * for any {@code u <= 0}, so below the knee the reduction is exactly 0. Levels on either side of the
     * knee are a coin toss on noise, which a branch would mispredict.
     */
    private double reduction(double levelDb) {
        double over = levelDb - controlThreshold;
        double u = over + kneeHalf;
        double v = over - kneeHalf;
        double above = (v + Math.abs(v)) * 0.5;
        double d = (u + Math.abs(u)) * 0.5 - above;
        return negativeSlope * (d * d * inverseTwoKnee + above);
    }

    /**
     * The gains of a fully linked compressor for a chunk, in passes, so that only the envelopes form a
     * chain from frame to frame: the loudest channel's level and its reduction per frame (a logarithm
     * each, independent from frame to frame, so they overlap freely), the envelopes, then the gains (a
     * power each). Writes {@code chunkGains[0]}.
     */
    private void linkedGains(float[][] keys, int start, int len, int channels) {
        double[] targets = chunkTargets;
        if (!rmsDetector && !keyFilter.isActive()) {
            peakTargets(keys, start, len, channels, targets);
        } else {
            filteredOrRmsTargets(keys, start, len, channels, targets);
        }
        // The envelopes. Channels that differ on entry (the link just reached 100 %) continue from
        // the deepest reduction.
        boolean slow = slowRelease;
        double aA = aAttack, aR = aRelease, aS = aSlowRelease, aC = aCharge, makeup = makeupDb;
        boolean attackFaster = aA <= aR;
        boolean chargeFaster = aC <= aS;
        double[] gainsDb = chunkGainsDb[0];
        double y = 0;
        double s = 0;
        for (int c = 0; c < channels; c++) {
            y = Math.max(y, envelope[c]);
            s = Math.max(s, slowEnvelope[c]);
        }
        double largest = maxGainReduction;
        double gr = 0;
        for (int k = 0; k < len; k++) {
            double target = targets[k];
            y = follow(y, target, aA, aR, attackFaster);
            // Off, the slow envelope rides on the fast one, so switching it on starts from the present reduction.
            s = slow ? follow(s, target, aC, aS, chargeFaster) : y;
            gr = slow ? Math.max(y, s) : y;
            largest = Math.max(largest, gr);
            gainsDb[k] = makeup - gr;
        }
        Arrays.fill(envelope, y);
        Arrays.fill(slowEnvelope, s);
        maxGainReduction = largest;
        gainReduction = gr;
        gains(gainsDb, chunkGains[0], len);
    }

    /**
     * Reductions for the peak detector without a key filter, the usual case: the loudest square of each
     * frame in single precision (a loop the JIT vectorises; the square of a float is exact to 6e-8,
     * 3e-7 dB), then its level from the float's bits. A frame with a non-finite key sample is redone
     * with the sample taken as silence (so its level is what a 0 there gives), and a frame whose
     * square overflows the float in double precision.
     */
    private void peakTargets(float[][] keys, int start, int len, int channels, double[] targets) {
        float[] loudest = chunkSquares;
        float[] first = keys[0];
        for (int k = 0; k < len; k++) {
            float x = first[start + k];
            loudest[k] = x * x;
        }
        for (int c = 1; c < channels; c++) {
            float[] key = keys[c];
            for (int k = 0; k < len; k++) {
                float x = key[start + k];
                loudest[k] = Math.max(loudest[k], x * x);
            }
        }
        for (int k = 0; k < len; k++) {
            // Without the sign bit, which a NaN may carry: every NaN and infinity is then at least +inf's bits.
            int bits = Float.floatToRawIntBits(loudest[k]) & 0x7fff_ffff;
            double exact = 0;
            if (bits >= INFINITY_BITS) {
                exact = loudestFiniteSquare(keys, start + k, channels);
                bits = Float.floatToRawIntBits((float) exact);
            }
            targets[k] = bits < INFINITY_BITS ? reduction(FastLog.DB_PER_LOG2_POWER * FastLog.log2OfFloatBits(bits))
                    : reduction(decibels(exact));
        }
        // The detector's state, as the RMS detector would start from it.
        for (int c = 0; c < channels; c++) {
            double x = keys[c][start + len - 1];
            double sq = Double.isFinite(x) ? x * x : 0;
            meanSquare[c] = sq < Denormals.FLUSH ? 0 : sq;
        }
    }

    /**
     * The largest square of a frame's key samples, non-finite samples taken as 0. The square of a float
     * is exact in double precision, so this rounded to float is what the detector's float loop gives.
     */
    private static double loudestFiniteSquare(float[][] keys, int i, int channels) {
        double loudest = 0;
        for (int c = 0; c < channels; c++) {
            double x = keys[c][i];
            if (Double.isFinite(x)) {
                loudest = Math.max(loudest, x * x);
            }
        }
        return loudest;
    }

    /** Reductions for the RMS detector or a filtered key: per sample, through the detector's state. */
    private void filteredOrRmsTargets(float[][] keys, int start, int len, int channels, double[] targets) {
        boolean rms = rmsDetector;
        boolean filtered = keyFilter.isActive();
        double aW = aWindow;
        for (int k = 0; k < len; k++) {
            double loudestPower = 0;
            for (int c = 0; c < channels; c++) {
                loudestPower = largerOfNonNegative(loudestPower, detect(keys[c][start + k], c, rms, filtered, aW));
            }
            targets[k] = reduction(decibels(loudestPower));
        }
    }

    /**
     * One key sample through the detector of channel {@code c}: non-finite samples are silence, then
     * the key filter, then the square or the mean square. Returns the power and keeps it as the state.
     */
    private double detect(float sample, int c, boolean rms, boolean filtered, double aW) {
        double x = sample;
        if (!Double.isFinite(x)) {
            x = 0;
        }
        if (filtered) {
            x = keyFilter.filter(c, x);
        }
        double sq = x * x;
        double power = rms ? sq + aW * (meanSquare[c] - sq) : sq;
        if (power < Denormals.FLUSH) {
            power = 0;
        }
        meanSquare[c] = power;
        return power;
    }

    /**
     * The gains of a compressor with a link under 100 %: each channel's level moves toward the
     * loudest's by the link share (in dB) and has its own envelopes. Writes {@code chunkGains[c]}.
     */
    private void unlinkedGains(float[][] keys, int start, int len, int channels) {
        boolean rms = rmsDetector, slow = slowRelease;
        boolean filtered = keyFilter.isActive();
        double l = linkShare;
        double aA = aAttack, aR = aRelease, aW = aWindow, aS = aSlowRelease, aC = aCharge, makeup = makeupDb;
        boolean attackFaster = aA <= aR;
        boolean chargeFaster = aC <= aS;
        double largest = maxGainReduction;
        double reductionNow = 0;
        for (int k = 0; k < len; k++) {
            double loudestPower = 0;
            for (int c = 0; c < channels; c++) {
                loudestPower = largerOfNonNegative(loudestPower, detect(keys[c][start + k], c, rms, filtered, aW));
            }
            double loudest = decibels(loudestPower);
            reductionNow = 0;
            for (int c = 0; c < channels; c++) {
                double own = decibels(meanSquare[c]);
                double target = reduction(own + l * (loudest - own));
                double y = follow(envelope[c], target, aA, aR, attackFaster);
                envelope[c] = y;
                double s = slow ? follow(slowEnvelope[c], target, aC, aS, chargeFaster) : y;
                slowEnvelope[c] = s;
                double gr = slow ? Math.max(y, s) : y;
                reductionNow = Math.max(reductionNow, gr);
                chunkGainsDb[c][k] = makeup - gr;
            }
            largest = Math.max(largest, reductionNow);
        }
        maxGainReduction = largest;
        gainReduction = reductionNow;
        for (int c = 0; c < channels; c++) {
            gains(chunkGainsDb[c], chunkGains[c], len);
        }
    }

    /**
     * Linear gains from gains in dB, with the dry/wet mix folded in:
     * {@code dry + mix (dry g - dry) = dry (1 + mix (g - 1))}. A gain of 0 dB is exactly 1, so the
     * output is then the dry signal, bit for bit. Single precision (6e-8, 5e-7 dB), so that applying
     * them is a loop of float multiplications the JIT vectorises.
     */
    private void gains(double[] gainsDb, float[] out, int len) {
        double m = wetShare;
        if (m == 1) {
            for (int k = 0; k < len; k++) {
                out[k] = (float) FastLog.dbToGain(gainsDb[k]);
            }
        } else {
            for (int k = 0; k < len; k++) {
                out[k] = (float) (1 + m * (FastLog.dbToGain(gainsDb[k]) - 1));
            }
        }
    }

    /**
     * Delays frames {@code [from, from + len)} of channel {@code c} by the lookahead, in place: the
     * delay line holds the last {@link #delayFrames} input frames, oldest first.
     */
    private void delay(int c, float[] x, int from, int len) {
        int n = delayFrames;
        float[] line = delay[c];
        float[] spare = delaySpare;
        if (len >= n) {
            System.arraycopy(x, from + len - n, spare, 0, n);
            System.arraycopy(x, from, x, from + n, len - n);
            System.arraycopy(line, 0, x, from, n);
            System.arraycopy(spare, 0, line, 0, n);
        } else {
            System.arraycopy(x, from, spare, 0, len);
            System.arraycopy(line, 0, x, from, len);
            System.arraycopy(line, len, line, 0, n - len);
            System.arraycopy(spare, 0, line, n - len, len);
        }
    }
}
