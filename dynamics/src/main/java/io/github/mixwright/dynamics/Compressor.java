package io.github.mixwright.dynamics;

import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.Arrays;
import java.util.List;

/**
 * A feed-forward compressor (Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor Design:
 * A Tutorial and Analysis", JAES 60(6), 2012): a level detector on the key, the {@link StaticCurve}
 * (threshold, ratio, soft knee) and attack/release ballistics on the gain reduction in dB, then make-up
 * gain and a dry/wet mix. The parts are the {@link LevelDetector}, the {@link GainComputer} and the
 * {@link Ballistics}, run by the control loop of {@link DynamicsProcessor}.
 *
 * <p>Per sample and channel:
 * <ol>
 *   <li>Key: the input, or an external key given to {@link #process(io.github.mixwright.core.AudioBuffer,
 *       io.github.mixwright.core.AudioBuffer)}; through an optional high-pass ({@code keyhp}, 12 dB/octave,
 *       Q 0.707; 0 is off) and an optional peaking band ({@code keyeqfreq}, {@code keyeqgain},
 *       {@code keyeqq}; 0 dB is off). The key is not delayed by the lookahead.</li>
 *   <li>Level: {@code detector=peak} the key's square, {@code detector=rms} its mean square averaged
 *       exponentially with time constant {@code window} ms; either is held over the last
 *       {@code min(10 ms, release / 2)} ({@link PeakHold}), so a steady sine from 50 Hz up reads its peak
 *       ({@code 20 log10 A}) or its RMS ({@code 20 log10 (A / sqrt 2)}, once the window holds three
 *       periods) all the time, not only at its peaks.</li>
 *   <li>Link: each channel's level moves toward the loudest channel's by {@code link} percent (in dB);
 *       at 100 % every channel gets the same level and so the same gain.</li>
 *   <li>Gain reduction {@code -curve(level)}, smoothed by {@link Ballistics}: 63 % of a step in
 *       {@code attack} (or {@code release}) milliseconds.</li>
 *   <li>{@code autorelease=on}: a second, slow envelope charges with a 1 s time constant and releases
 *       five times more slowly than {@code release}; the reduction is the larger of the two, so sustained
 *       compression recovers slowly and short peaks quickly.</li>
 *   <li>Gain {@code 10^((makeup - y) / 20)}; {@code automakeup=on} adds the curve's reduction at 0 dBFS.</li>
 *   <li>Output {@code dry (1 + mix (gain - 1))}, {@code dry} the input delayed by the lookahead, in
 *       single precision (5e-7 dB). A gain of 0 dB is exactly 1, so below the knee, at ratio 1 or mix 0
 *       the output is the (delayed) input, bit for bit.</li>
 * </ol>
 *
 * <p>Parameters: {@code threshold} dB [-80, 0] default -18; {@code ratio} [1, 1000] default 4 (1000 is
 * infinity); {@code knee} dB [0, 24] default 6; {@code attack} ms [0.01, 1000] default 10; {@code release}
 * ms [1, 5000] default 100; {@code autorelease} off/on; {@code detector} peak/rms; {@code window} ms
 * [0.1, 1000] default 10; {@code makeup} dB [-24, 48] default 0; {@code automakeup} off/on;
 * {@code lookahead} ms [0, 20] default 0; {@code link} % [0, 100] default 100; {@code keyhp} Hz [0, 4000]
 * default 0; {@code keyeqfreq} Hz [20, 20000] default 1000; {@code keyeqgain} dB [-24, 24] default 0;
 * {@code keyeqq} [0.1, 10] default 1; {@code mix} % [0, 100] default 100. {@code lookahead} is fixed at
 * prepare ({@link #latencyFrames()} is {@code round(lookahead fs / 1000)}): automating it is an error,
 * and so is processing after changing it without preparing again. Every other parameter is read at the
 * control points, every {@value DynamicsProcessor#CONTROL_FRAMES} frames.
 *
 * <p>Metering: {@link #gainReductionDb()} (now, largest over channels) and {@link #maxGainReductionDb()}
 * (since the last prepare or reset). Not thread-safe.
 */
public final class Compressor extends DynamicsProcessor<Compressor> {
    /** Time constant of the slow envelope's attack under {@code autorelease}, ms. */
    public static final double AUTO_RELEASE_CHARGE_MS = 1000;
    /** How much more slowly the slow envelope releases than {@code release}. */
    public static final double AUTO_RELEASE_FACTOR = 5;

    /** The level detectors. */
    public enum Detector {
        /** The key's square, held. */
        PEAK,
        /** The key's mean square over the RMS window, held. */
        RMS
    }

    /** The descriptor: {@code compressor threshold=-18 ratio=4 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("compressor",
            "Feed-forward compressor: threshold, ratio, soft knee, attack/release, make-up, side-chain filter",
            List.of(control("threshold", "dB", -80, 0, -18, "level where compression starts"),
                    control("ratio", "", 1, StaticCurve.INFINITE_RATIO, 4,
                            "input dB per output dB above the threshold; 1000 is infinity"),
                    control("knee", "dB", 0, 24, 6, "soft-knee width, centred on the threshold"),
                    multiplicative("attack", "ms", 0.01, 1000, 10, "time to 63 % of a rise in gain reduction"),
                    multiplicative("release", "ms", 1, 5000, 100, "time to 63 % of a fall in gain reduction"),
                    ParameterSpec.choice("autorelease", List.of("off", "on"), 0,
                            "program-dependent release: slower after sustained compression").controlRate(),
                    ParameterSpec.choice("detector", List.of("peak", "rms"), 0, "level detector").controlRate(),
                    multiplicative("window", "ms", 0.1, 1000, 10, "RMS averaging time constant"),
                    control("makeup", "dB", -24, 48, 0, "gain after compression"),
                    ParameterSpec.choice("automakeup", List.of("off", "on"), 0,
                            "add the gain reduction at 0 dBFS to the make-up gain").controlRate(),
                    ParameterSpec.number("lookahead", "ms", 0, 20, 0, "audio delay, fixed at prepare").fixedAtPrepare(),
                    control("link", "%", 0, 100, 100, "stereo link: 100 gives every channel one gain"),
                    control("keyhp", "Hz", 0, 4000, 0, "key high-pass frequency, 0 is off"),
                    multiplicative("keyeqfreq", "Hz", 20, 20000, 1000, "key peaking band frequency"),
                    control("keyeqgain", "dB", -24, 24, 0, "key peaking band gain, 0 is off"),
                    multiplicative("keyeqq", "", 0.1, 10, 1, "key peaking band Q"),
                    control("mix", "%", 0, 100, 100, "wet share: below 100 is parallel compression")),
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

    private final LevelDetector levels = new LevelDetector();
    private final GainComputer curve = new GainComputer();
    private final Ballistics ballistics = new Ballistics();
    private LookaheadDelay delay = new LookaheadDelay(0, 0, 0);
    private double[][] chunkGainsDb = new double[0][];
    private float[][] chunkGains = new float[0][];
    private double controlAttack = Double.NaN;
    private double controlRelease = Double.NaN;
    private double controlWindow = Double.NaN;
    private double controlMakeup = Double.NaN;
    private double controlAutoMakeup = Double.NaN;
    private double aCharge;
    private double aSlowRelease;
    private double aWindow;
    private double makeupDb;
    private double linkShare;
    private double wetShare;

    /** A compressor with every parameter at its default. */
    public Compressor() {
        super(DESCRIPTOR);
        readAtControlPoints(threshold, ratio, knee, attack, release, autoRelease, detector, window, makeup,
                autoMakeup, link, keyHp, keyEqFreq, keyEqGain, keyEqQ, mix);
    }

    static ParameterSpec control(String name, String unit, double min, double max, double def, String text) {
        return ParameterSpec.number(name, unit, min, max, def, text).controlRate();
    }

    static ParameterSpec multiplicative(String name, String unit, double min, double max, double def, String text) {
        return control(name, unit, min, max, def, text).withSmoothing(Smoothing.MULTIPLICATIVE,
                ParameterSpec.DEFAULT_RAMP_SECONDS);
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

    /** Chooses the level detector. */
    public Compressor setDetector(Detector d) {
        detector.set(d.ordinal());
        return this;
    }

    /** Sets the RMS detector's averaging time constant, ms, [0.1, 1000]. */
    public Compressor setRmsWindowMs(double ms) {
        window.set(ms);
        return this;
    }

    /** Sets the make-up gain, dB, [-24, 48]. */
    public Compressor setMakeupDb(double db) {
        makeup.set(db);
        return this;
    }

    /** Switches the automatic make-up (the curve's reduction at 0 dBFS, added to the make-up) on or off. */
    public Compressor setAutoMakeup(boolean on) {
        autoMakeup.set(on ? 1 : 0);
        return this;
    }

    /** Sets the lookahead, ms, [0, 20]; fixed at prepare, so prepare again after changing it. */
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

    /** Sets the key peaking band's frequency, Hz, [20, 20000]. */
    public Compressor setKeyEqFrequencyHz(double hz) {
        keyEqFreq.set(hz);
        return this;
    }

    /** Sets the key peaking band's gain, dB, [-24, 24]; 0 switches it off. */
    public Compressor setKeyEqGainDb(double db) {
        keyEqGain.set(db);
        return this;
    }

    /** Sets the key peaking band's Q, [0.1, 10]. */
    public Compressor setKeyEqQ(double q) {
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
        return ballistics.now();
    }

    /** The largest gain reduction since the last prepare or reset, dB (0 or more). */
    public double maxGainReductionDb() {
        return ballistics.largest();
    }

    @Override
    public int latencyFrames() {
        return delay.frames();
    }

    /** The output is the input times a gain, delayed: it ends with the lookahead. */
    @Override
    public int tailFrames() {
        return delay.frames();
    }

    /** Lookahead in frames at {@code sampleRate}. */
    static int lookaheadFrames(double ms, double sampleRate) {
        return (int) Math.round(ms * sampleRate / 1000);
    }

    @Override
    void prepareDynamics(ProcessSpec spec) {
        int ch = spec.channels();
        delay = new LookaheadDelay(ch, lookaheadFrames(lookahead.get(), rate), CHUNK_FRAMES);
        aCharge = Ballistics.coefficient(AUTO_RELEASE_CHARGE_MS, rate);
        chunkGainsDb = new double[ch][CHUNK_FRAMES];
        chunkGains = new float[ch][CHUNK_FRAMES];
        levels.prepare(ch, Ballistics.HOLD_MS * rate / 1000);
        ballistics.prepare(ch);
    }

    @Override
    void resetDynamics() {
        delay.reset();
        levels.reset();
        ballistics.reset();
        curve.reset();
        controlAttack = Double.NaN;
        controlRelease = Double.NaN;
        controlWindow = Double.NaN;
        controlMakeup = Double.NaN;
    }

    @Override
    void advanceOthers(int frames) {
        lookahead.advance(frames);
    }

    @Override
    void control(double[] at) {
        levels.filter.designHighPass(0, rate, at[11]);
        levels.filter.designPeaking(1, rate, at[12], at[14], at[13]);
        if (at[3] != controlAttack || at[4] != controlRelease) {
            controlAttack = at[3];
            controlRelease = at[4];
            double hold = Ballistics.holdFrames(controlRelease, rate);
            levels.setHoldFrames(hold);
            ballistics.set(Ballistics.coefficient(controlAttack, rate),
                    Ballistics.releaseCoefficient(controlRelease, hold, rate));
            aSlowRelease = Ballistics.releaseCoefficient(controlRelease * AUTO_RELEASE_FACTOR, hold, rate);
        }
        if (at[7] != controlWindow) {
            controlWindow = at[7];
            aWindow = Ballistics.coefficient(controlWindow, rate);
        }
        levels.setRms(at[6] >= 0.5, aWindow);
        if (curve.set(at[0], at[1], at[2]) || at[8] != controlMakeup || at[9] != controlAutoMakeup) {
            controlMakeup = at[8];
            controlAutoMakeup = at[9];
            makeupDb = controlMakeup + (controlAutoMakeup >= 0.5 ? curve.reduction(0) : 0);
        }
        ballistics.setSlow(at[5] >= 0.5, aCharge, aSlowRelease);
        linkShare = at[10] / 100;
        wetShare = at[15] / 100;
    }

    @Override
    void run(int from, int len) {
        boolean linked = linkShare == 1;
        if (linked) {
            linkedGains(from + keyShift, len);
        } else {
            unlinkedGains(from + keyShift, len);
        }
        for (int c = 0; c < channels; c++) {
            float[] x = io[c];
            delay.delay(c, x, from, len);
            float[] g = chunkGains[linked ? 0 : c];
            for (int k = 0; k < len; k++) {
                x[from + k] *= g[k];
            }
        }
    }

    /**
     * Gains of a fully linked compressor, in passes: the held level, the curve (only where the level changed), then the
     * envelope with the conversion to linear gains, the one pass that chains from frame to frame.
     */
    private void linkedGains(int start, int len) {
        levels.detectLinked(keys, start, len, channels);
        double[] power = levels.loudest;
        double[] gainsDb = chunkGainsDb[0];
        curve.reductionsOfPowers(power, gainsDb, len);
        ballistics.followLinked(gainsDb, len, channels, chunkGains[0], makeupDb, wetShare);
    }

    /** Gains with a link under 100 %: each channel's level moves toward the loudest's, with its own envelopes. */
    private void unlinkedGains(int start, int len) {
        levels.detectEach(keys, start, len, channels);
        double l = linkShare;
        for (int k = 0; k < len; k++) {
            double loudest = LevelDetector.decibels(levels.loudest[k]);
            double most = 0;
            for (int c = 0; c < channels; c++) {
                double own = LevelDetector.decibels(levels.powers[c][k]);
                double gr = ballistics.follow(c, curve.reduction(own + l * (loudest - own)));
                most = Math.max(most, gr);
                chunkGainsDb[c][k] = gr;
            }
            ballistics.meter(most);
        }
        for (int c = 0; c < channels; c++) {
            gains(chunkGainsDb[c], chunkGains[c], len);
        }
    }

    /**
     * Linear gains from the reductions, the make-up and the mix ({@link Ballistics#linearGain}), in single precision so
     * that applying them is a loop of float multiplications the JIT vectorises.
     */
    private void gains(double[] reductionsDb, float[] out, int len) {
        double w = wetShare;
        double m = makeupDb;
        for (int k = 0; k < len; k++) {
            out[k] = Ballistics.linearGain(reductionsDb[k], m, w);
        }
    }
}
