package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
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
 *   <li>Output {@code dry + mix (dry gain - dry)} with {@code dry} the input delayed by the lookahead.</li>
 * </ol>
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
public final class Compressor extends ParameterizedProcessor {
    /**
     * An envelope within this many dB of its target lands on it: gains return to exactly 0 dB (the
     * identity) and decaying state never becomes subnormal.
     */
    static final double SETTLED_DB = 1e-9;
    /** Frames between control points, counted from the stream start: parameters are read at each. */
    static final int CONTROL_FRAMES = KeyFilter.REDESIGN_FRAMES;
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

    private final KeyFilter keyFilter = new KeyFilter();
    private double rate;
    private int delayFrames;
    private float[][] delay = new float[0][];
    private int delayAt;
    private double[] meanSquare = new double[0];
    private double[] envelope = new double[0];
    private double[] slowEnvelope = new double[0];
    private float[][] channelArrays = new float[0][];
    private float[][] keyArrays = new float[0][];
    private final double[] chunkTargets = new double[CONTROL_FRAMES];
    private final double[] chunkGainsDb = new double[CONTROL_FRAMES];
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
    private double kneeStartPower;
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
        delay = new float[ch][delayFrames + 1];
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
        delayAt = 0;
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
        // Powers below 1e-30 are already 0, so a positive one is at least -300 dB: no floor to apply.
        return power > 0 ? FastLog.powerToDb(power) : FLOOR_DB;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] thr = threshold.render(n);
        double[] rat = ratio.render(n);
        double[] kn = knee.render(n);
        double[] att = attack.render(n);
        double[] rel = release.render(n);
        double[] auto = autoRelease.render(n);
        double[] det = detector.render(n);
        double[] win = window.render(n);
        double[] mk = makeup.render(n);
        double[] autoMk = autoMakeup.render(n);
        lookahead.advance(n);
        double[] lnk = link.render(n);
        double[] hp = keyHp.render(n);
        double[] eqF = keyEqFreq.render(n);
        double[] eqG = keyEqGain.render(n);
        double[] eqQ = keyEqQ.render(n);
        double[] wet = mix.render(n);
        AudioBuffer k = key;
        float[][] io = channelArrays;
        float[][] keys = keyArrays;
        for (int c = 0; c < channels; c++) {
            io[c] = block.channel(c);
            keys[c] = k == null ? io[c] : k.channel(k.channels() == 1 ? 0 : c);
        }
        int keyShift = (k == null ? off : k.offset()) - off;
        int done = 0;
        while (done < n) {
            // Control points are multiples of CONTROL_FRAMES from the stream start, whatever the blocks.
            int len = Math.min(n - done, CONTROL_FRAMES - (int) Math.floorMod(position + done, (long) CONTROL_FRAMES));
            if (Math.floorMod(position + done, (long) CONTROL_FRAMES) == 0) {
                control(done, hp, eqF, eqG, eqQ, att, rel, win, thr, kn, rat, mk, autoMk, det, auto, lnk, wet);
            }
            compress(io, keys, off + done, keyShift, len, channels);
            done += len;
        }
        position += n;
    }

    /** Reads the parameters at a control point, frame {@code i} of the block. */
    private void control(int i, double[] hp, double[] eqF, double[] eqG, double[] eqQ, double[] att, double[] rel,
            double[] win, double[] thr, double[] kn, double[] rat, double[] mk, double[] autoMk, double[] det,
            double[] auto, double[] lnk, double[] wet) {
        designKeyFilter(hp[i], eqF[i], eqG[i], eqQ[i]);
        if (att[i] != controlAttack) {
            controlAttack = att[i];
            aAttack = coefficient(controlAttack, rate);
        }
        if (rel[i] != controlRelease) {
            controlRelease = rel[i];
            aRelease = coefficient(controlRelease, rate);
            aSlowRelease = coefficient(controlRelease * AUTO_RELEASE_FACTOR, rate);
        }
        if (win[i] != controlWindow) {
            controlWindow = win[i];
            aWindow = coefficient(controlWindow, rate);
        }
        if (thr[i] != controlThreshold || kn[i] != controlKnee || rat[i] != controlRatio
                || mk[i] != controlMakeup || autoMk[i] != controlAutoMakeup) {
            controlThreshold = thr[i];
            controlKnee = kn[i];
            controlRatio = rat[i];
            controlMakeup = mk[i];
            controlAutoMakeup = autoMk[i];
            slope = StaticCurve.slope(controlRatio);
            kneeStartPower = Math.pow(10, (controlThreshold - controlKnee / 2) / 10);
            makeupDb = controlMakeup
                    - (controlAutoMakeup >= 0.5 ? StaticCurve.gainDb(0, controlThreshold, slope, controlKnee) : 0);
        }
        rmsDetector = det[i] >= 0.5;
        slowRelease = auto[i] >= 0.5;
        linkShare = lnk[i] / 100;
        wetShare = wet[i] / 100;
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
     * {@code len} frames from {@code from} with the parameters of the current control point; a fully
     * linked compressor goes to {@link #compressLinked}.
     */
    private void compress(float[][] io, float[][] keys, int from, int keyShift, int len, int channels) {
        boolean rms = rmsDetector, slow = slowRelease;
        double l = linkShare, m = wetShare;
        boolean filtered = keyFilter.isActive();
        double aA = aAttack, aR = aRelease, aW = aWindow, aS = aSlowRelease, aC = aCharge;
        double t = controlThreshold, w = controlKnee, sl = slope, start = kneeStartPower, makeup = makeupDb;
        boolean attackFaster = aA <= aR;
        boolean chargeFaster = aC <= aS;
        boolean linked = l == 1;
        if (linked) {
            compressLinked(io, keys, from, keyShift, len, channels);
            return;
        }
        int length = delayFrames + 1;
        int at = delayAt;
        double largest = maxGainReduction;
        double reduction = 0;
        for (int i = from; i < from + len; i++) {
            // Levels as powers (|x|^2 or the mean square): logarithms only where the curve needs them.
            double loudestPower = 0;
            for (int c = 0; c < channels; c++) {
                double x = keys[c][i + keyShift];
                if (!Double.isFinite(x)) {
                    x = 0;
                }
                if (filtered) {
                    x = keyFilter.filter(c, x);
                }
                double sq = x * x;
                double power = rms ? sq + aW * (meanSquare[c] - sq) : sq;
                if (power < 1e-30) {
                    power = 0;
                }
                meanSquare[c] = power;
                loudestPower = largerOfNonNegative(loudestPower, power);
            }
            boolean below = loudestPower <= start;
            double loudest = below ? FLOOR_DB : decibels(loudestPower);
            int readAt = at + 1 == length ? 0 : at + 1;
            reduction = 0;
            double cachedGainDb = 0;
            double cachedGain = 1;
            for (int c = 0; c < channels; c++) {
                double target;
                if (below) {
                    // Every channel's linked level is at most the loudest: below the knee, no reduction.
                    target = 0;
                } else {
                    double own = decibels(meanSquare[c]);
                    target = -StaticCurve.gainDb(own + l * (loudest - own), t, sl, w);
                }
                double y = follow(envelope[c], target, aA, aR, attackFaster);
                envelope[c] = y;
                double s = slow ? follow(slowEnvelope[c], target, aC, aS, chargeFaster) : y;
                slowEnvelope[c] = s;
                double gr = slow ? Math.max(y, s) : y;
                reduction = Math.max(reduction, gr);
                double gainDb = makeup - gr;
                if (gainDb != cachedGainDb) {
                    cachedGainDb = gainDb;
                    cachedGain = FastLog.dbToGain(gainDb);
                }
                apply(io[c], i, c, at, readAt, length, gainDb, cachedGain, m);
            }
            at = readAt;
            largest = Math.max(largest, reduction);
        }
        delayAt = at;
        maxGainReduction = largest;
        gainReduction = reduction;
    }

    /**
     * {@link #compress} for a fully linked compressor, in three passes over the chunk (at most
     * {@value #CONTROL_FRAMES} frames), so that only the envelopes form a chain from frame to frame:
     * the detector and curve (a logarithm per frame) and the gains (a power per frame) do not depend
     * on the frame before and overlap freely, where in one pass each frame's logarithm, envelope and
     * power form one long chain. The arithmetic is that of the one-pass form.
     */
    private void compressLinked(float[][] io, float[][] keys, int from, int keyShift, int len, int channels) {
        boolean rms = rmsDetector, slow = slowRelease;
        double m = wetShare;
        boolean filtered = keyFilter.isActive();
        double aA = aAttack, aR = aRelease, aW = aWindow, aS = aSlowRelease, aC = aCharge;
        double t = controlThreshold, w = controlKnee, sl = slope, start = kneeStartPower, makeup = makeupDb;
        boolean attackFaster = aA <= aR;
        boolean chargeFaster = aC <= aS;
        double[] targets = chunkTargets;
        double[] gainsDb = chunkGainsDb;
        // Pass 1: the loudest channel's level and the curve's reduction for it.
        for (int k = 0; k < len; k++) {
            int i = from + k;
            double loudestPower = 0;
            for (int c = 0; c < channels; c++) {
                double x = keys[c][i + keyShift];
                if (!Double.isFinite(x)) {
                    x = 0;
                }
                if (filtered) {
                    x = keyFilter.filter(c, x);
                }
                double sq = x * x;
                double power = rms ? sq + aW * (meanSquare[c] - sq) : sq;
                if (power < 1e-30) {
                    power = 0;
                }
                meanSquare[c] = power;
                loudestPower = largerOfNonNegative(loudestPower, power);
            }
            // Below the knee there is no reduction; above it every channel takes the loudest level.
            targets[k] = loudestPower <= start ? 0 : -StaticCurve.gainDb(decibels(loudestPower), t, sl, w);
        }
        // Pass 2: the envelopes. Channels that differ on entry (the link just reached 100 %) continue
        // from the deepest reduction.
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
        // Pass 3: the gains, through the lookahead delay.
        int length = delayFrames + 1;
        int at = delayAt;
        for (int k = 0; k < len; k++) {
            int i = from + k;
            double gainDb = gainsDb[k];
            double g = gainDb == 0 ? 1 : FastLog.dbToGain(gainDb);
            int readAt = at + 1 == length ? 0 : at + 1;
            for (int c = 0; c < channels; c++) {
                apply(io[c], i, c, at, readAt, length, gainDb, g, m);
            }
            at = readAt;
        }
        delayAt = at;
    }

    /** Delays frame {@code i} of channel {@code c} through the lookahead and applies the gain. */
    private void apply(float[] x, int i, int c, int at, int readAt, int length, double gainDb, double g, double m) {
        float dry;
        if (length == 1) {
            dry = x[i];
        } else {
            float[] d = delay[c];
            d[at] = x[i];
            dry = d[readAt];
        }
        if (gainDb == 0) {
            x[i] = dry;
        } else {
            x[i] = m == 1 ? (float) (dry * g) : (float) (dry + m * (dry * g - dry));
        }
    }
}
