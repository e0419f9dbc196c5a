package io.github.mixwright.dynamics;

import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.Arrays;
import java.util.List;

/**
 * A downward expander and noise gate: below the threshold the signal is turned down by
 * {@code (ratio - 1) (threshold - level)} dB, never more than {@code range}; a ratio of 100 is a gate,
 * 2 to 4 a gentle expander.
 *
 * <p>Per sample and channel: the key (the input, or the key given to
 * {@link #process(io.github.mixwright.core.AudioBuffer, io.github.mixwright.core.AudioBuffer)}: a kick
 * opening a gate on a pad; optionally high-passed at {@code keyhp}) feeds the shared
 * {@link LevelDetector}, a peak detector held over the last {@value #DETECTOR_MS} ms, so the level does
 * not drop at every zero crossing of anything from 50 Hz up. The gate opens when the level rises above
 * {@code threshold} and closes when it falls below {@code threshold - hysteresis} and has stayed below
 * for {@code hold} ms. Open, the target reduction is 0 dB; closed, it is the expander's. The reduction
 * moves toward its target through {@link Ballistics}, {@code attack} while opening and {@code release}
 * while closing (63 % of the way in the set time). Link as in {@link Compressor}.
 *
 * <p>Parameters, all read at the control points: {@code threshold} dB [-100, 0] default -50;
 * {@code range} dB [0, 120] default 80 (the depth: the most it turns down, a positive number of dB, as
 * the de-esser's; 0 disables the gate); {@code ratio} [1, 100] default 100; {@code hysteresis} dB
 * [0, 24] default 4; {@code hold} ms [0, 2000] default 20; {@code attack} ms [0.01, 500] default 0.5;
 * {@code release} ms [1, 5000] default 100; {@code link} % [0, 100] default 100; {@code keyhp} Hz
 * [0, 4000] default 0 (off). Open, the output is the input bit for bit. No latency and no tail.
 *
 * <p>Not thread-safe.
 */
public final class Gate extends DynamicsProcessor<Gate> {
    /** How long the gate's peak detector holds a peak, ms. */
    public static final double DETECTOR_MS = Ballistics.HOLD_MS;

    /** The descriptor: {@code gate threshold=-50 range=80 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("gate",
            "Noise gate and downward expander: threshold, range, ratio, hysteresis, hold, attack, release",
            List.of(Compressor.control("threshold", "dB", -100, 0, -50, "level that opens the gate"),
                    Compressor.control("range", "dB", 0, 120, 80, "depth: the most it turns down when closed"),
                    Compressor.control("ratio", "", 1, 100, 100, "expansion ratio below the threshold; 100 gates"),
                    Compressor.control("hysteresis", "dB", 0, 24, 4, "how far below the threshold it closes"),
                    Compressor.control("hold", "ms", 0, 2000, 20, "time below the close level before closing"),
                    Compressor.multiplicative("attack", "ms", 0.01, 500, 0.5, "opening time constant"),
                    Compressor.multiplicative("release", "ms", 1, 5000, 100, "closing time constant"),
                    Compressor.control("link", "%", 0, 100, 100, "stereo link: 100 opens every channel together"),
                    Compressor.control("keyhp", "Hz", 0, 4000, 0, "key high-pass frequency, 0 is off")),
            0, Gate::new);

    private final Parameter threshold = parameter("threshold");
    private final Parameter range = parameter("range");
    private final Parameter ratio = parameter("ratio");
    private final Parameter hysteresis = parameter("hysteresis");
    private final Parameter hold = parameter("hold");
    private final Parameter attack = parameter("attack");
    private final Parameter release = parameter("release");
    private final Parameter link = parameter("link");
    private final Parameter keyHp = parameter("keyhp");

    private final LevelDetector levels = new LevelDetector();
    private final Ballistics ballistics = new Ballistics();
    private boolean[] open = new boolean[0];
    private long[] holdLeft = new long[0];
    private final double[] at = new double[9];
    private long holdFrames;
    private double lastAttack = Double.NaN;
    private double lastRelease = Double.NaN;

    /** A gate with every parameter at its default. */
    public Gate() {
        super(DESCRIPTOR);
        readAtControlPoints(threshold, range, ratio, hysteresis, hold, attack, release, link, keyHp);
    }

    /** Sets the threshold, dB, [-100, 0]. */
    public Gate setThresholdDb(double db) {
        threshold.set(db);
        return this;
    }

    /** Sets the range, the depth of the closed gate, as a positive number of dB, [0, 120]. */
    public Gate setRangeDb(double db) {
        range.set(db);
        return this;
    }

    /** Sets the expansion ratio, [1, 100] (100 gates). */
    public Gate setRatio(double r) {
        ratio.set(r);
        return this;
    }

    /** Sets the hysteresis, dB, [0, 24]: how far under the threshold the gate closes. */
    public Gate setHysteresisDb(double db) {
        hysteresis.set(db);
        return this;
    }

    /** Sets the hold, ms, [0, 2000]: how long the level stays under the close level before closing. */
    public Gate setHoldMs(double ms) {
        hold.set(ms);
        return this;
    }

    /** Sets the opening time constant, ms, [0.01, 500]. */
    public Gate setAttackMs(double ms) {
        attack.set(ms);
        return this;
    }

    /** Sets the closing time constant, ms, [1, 5000]. */
    public Gate setReleaseMs(double ms) {
        release.set(ms);
        return this;
    }

    /** Sets the stereo link, percent, [0, 100]. */
    public Gate setLinkPercent(double percent) {
        link.set(percent);
        return this;
    }

    /** Sets the key high-pass frequency, Hz, [0, 4000]; 0 switches it off. */
    public Gate setKeyHighPassHz(double hz) {
        keyHp.set(hz);
        return this;
    }

    /** The present attenuation, dB (0 or more), largest over channels. */
    public double attenuationDb() {
        return ballistics.now();
    }

    @Override
    void prepareDynamics(ProcessSpec spec) {
        int ch = spec.channels();
        open = new boolean[ch];
        holdLeft = new long[ch];
        levels.prepare(ch, DETECTOR_MS * rate / 1000);
        levels.setHoldFrames(DETECTOR_MS * rate / 1000);
        ballistics.prepare(ch);
    }

    @Override
    void resetDynamics() {
        levels.reset();
        ballistics.reset();
        Arrays.fill(open, false);
        Arrays.fill(holdLeft, 0);
        lastAttack = Double.NaN;
        lastRelease = Double.NaN;
    }

    @Override
    void control(double[] values) {
        System.arraycopy(values, 0, at, 0, at.length);
        levels.filter.designHighPass(0, rate, values[8]);
        if (values[5] != lastAttack || values[6] != lastRelease) {
            lastAttack = values[5];
            lastRelease = values[6];
            // The reduction rises while closing and falls while opening.
            ballistics.set(Ballistics.coefficient(lastRelease, rate), Ballistics.coefficient(lastAttack, rate));
        }
        holdFrames = Math.round(values[4] * rate / 1000);
    }

    @Override
    void run(int from, int len) {
        levels.detectEach(keys, from + keyShift, len, channels);
        double thr = at[0], depth = at[1], slope = at[2] - 1, closeBelow = at[0] - at[3], l = at[7] / 100;
        for (int k = 0; k < len; k++) {
            double loudest = LevelDetector.decibels(levels.loudest[k]);
            double most = 0;
            for (int c = 0; c < channels; c++) {
                double own = LevelDetector.decibels(levels.powers[c][k]);
                double level = own + l * (loudest - own);
                if (level > thr) {
                    open[c] = true;
                    holdLeft[c] = holdFrames;
                } else if (open[c] && level < closeBelow) {
                    if (holdLeft[c] > 0) {
                        holdLeft[c]--;
                    } else {
                        open[c] = false;
                    }
                } else if (open[c]) {
                    holdLeft[c] = holdFrames;
                }
                double target = open[c] ? 0 : Math.min(depth, Math.max(0, slope * (thr - level)));
                double r = ballistics.follow(c, target);
                most = Math.max(most, r);
                if (r != 0) {
                    float[] x = io[c];
                    x[from + k] = (float) (x[from + k] * FastLog.dbToGain(-r));
                }
            }
            ballistics.meter(most);
        }
    }
}
