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

/**
 * A downward expander and noise gate: below the threshold the signal is turned down by
 * {@code (ratio - 1) (level - threshold)} dB, never more than {@code range}; a ratio of 100 is a gate,
 * 2 to 4 a gentle expander.
 *
 * <p>Per sample and channel: the key (the input, optionally high-passed at {@code keyhp}) feeds a peak
 * envelope that follows rises at once and decays with a {@value #DETECTOR_MS} ms time constant, so the
 * level does not drop at every zero crossing. The gate opens when the level rises above
 * {@code threshold} and closes when it falls below {@code threshold - hysteresis} and has stayed below
 * for {@code hold} ms. Open, the target gain is 0 dB; closed, it is the expander's. The gain (in dB)
 * moves toward its target with one pole per direction, {@code attack} while opening and
 * {@code release} while closing, under the 63 % convention of {@link Compressor}. Link as in
 * {@link Compressor}: at 100 % every channel opens and closes together.
 *
 * <p>Parameters: {@code threshold} dB [-100, 0] default -50; {@code range} dB [-120, 0] default -80
 * (the deepest attenuation; 0 disables the gate); {@code ratio} [1, 100] default 100; {@code hysteresis}
 * dB [0, 24] default 4; {@code hold} ms [0, 2000] default 20; {@code attack} ms [0.01, 500] default 0.5;
 * {@code release} ms [1, 5000] default 100; {@code link} % [0, 100] default 100; {@code keyhp} Hz
 * [0, 4000] default 0 (off). Open, the output is the input bit for bit. No latency; identical output for
 * any block size.
 *
 * <p>Not thread-safe.
 */
public final class Gate extends ParameterizedProcessor<Gate> {
    /** Decay time constant of the gate's peak detector, ms. */
    public static final double DETECTOR_MS = 10;

    /** The descriptor: {@code gate threshold=-50 range=-80 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("gate",
            "Noise gate and downward expander: threshold, range, ratio, hysteresis, hold, attack, release",
            List.of(ParameterSpec.number("threshold", "dB", -100, 0, -50, "level that opens the gate"),
                    ParameterSpec.number("range", "dB", -120, 0, -80, "deepest attenuation when closed"),
                    ParameterSpec.number("ratio", "", 1, 100, 100, "expansion ratio below the threshold; 100 gates"),
                    ParameterSpec.number("hysteresis", "dB", 0, 24, 4, "how far below the threshold it closes"),
                    ParameterSpec.number("hold", "ms", 0, 2000, 20, "time below the close level before closing"),
                    ParameterSpec.number("attack", "ms", 0.01, 500, 0.5, "opening time constant")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("release", "ms", 1, 5000, 100, "closing time constant")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("link", "%", 0, 100, 100, "stereo link: 100 opens every channel together"),
                    ParameterSpec.number("keyhp", "Hz", 0, 4000, 0, "key high-pass frequency, 0 is off")),
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

    private final KeyFilter keyFilter = new KeyFilter();
    private double rate;
    private double detectorCoefficient;
    private double[] peak = new double[0];
    private double[] levels = new double[0];
    private double[] gainDb = new double[0];
    private boolean[] open = new boolean[0];
    private long[] holdLeft = new long[0];
    private long position;
    private double designedHp = Double.NaN;
    private double attenuation;

    /** A gate with every parameter at its default. */
    public Gate() {
        super(DESCRIPTOR);
    }

    /** Sets threshold (dB, [-100, 0]), range (dB, [-120, 0]) and ratio ([1, 100]). */
    public Gate setThreshold(double thresholdDb, double rangeDb, double expansionRatio) {
        threshold.set(thresholdDb);
        range.set(rangeDb);
        ratio.set(expansionRatio);
        return this;
    }

    /** Sets hysteresis (dB, [0, 24]) and hold (ms, [0, 2000]). */
    public Gate setHysteresis(double hysteresisDb, double holdMs) {
        hysteresis.set(hysteresisDb);
        hold.set(holdMs);
        return this;
    }

    /** Sets the opening (attack, ms [0.01, 500]) and closing (release, ms [1, 5000]) time constants. */
    public Gate setTimes(double attackMs, double releaseMs) {
        attack.set(attackMs);
        release.set(releaseMs);
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
        return attenuation;
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int ch = spec.channels();
        rate = spec.sampleRate();
        detectorCoefficient = Compressor.coefficient(DETECTOR_MS, rate);
        peak = new double[ch];
        levels = new double[ch];
        gainDb = new double[ch];
        open = new boolean[ch];
        holdLeft = new long[ch];
        keyFilter.prepare(ch);
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        Arrays.fill(peak, 0);
        Arrays.fill(gainDb, 0);
        Arrays.fill(open, false);
        Arrays.fill(holdLeft, 0);
        keyFilter.reset();
        position = 0;
        designedHp = Double.NaN;
        attenuation = 0;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] thr = threshold.render(n);
        double[] rng = range.render(n);
        double[] rat = ratio.render(n);
        double[] hys = hysteresis.render(n);
        double[] hld = hold.render(n);
        double[] att = attack.render(n);
        double[] rel = release.render(n);
        double[] lnk = link.render(n);
        double[] hp = keyHp.render(n);
        double lastAtt = Double.NaN, lastRel = Double.NaN, aA = 0, aR = 0;
        double deepest = 0;
        for (int i = 0; i < n; i++) {
            if ((position + i) % KeyFilter.REDESIGN_FRAMES == 0 || Double.isNaN(designedHp)) {
                if (hp[i] != designedHp) {
                    keyFilter.set(0, hp[i] > 0
                            ? BiquadCoefficients.highPass(rate, Math.min(hp[i], 0.45 * rate), Math.sqrt(0.5)) : null);
                    designedHp = hp[i];
                }
            }
            if (att[i] != lastAtt) {
                lastAtt = att[i];
                aA = Compressor.coefficient(lastAtt, rate);
            }
            if (rel[i] != lastRel) {
                lastRel = rel[i];
                aR = Compressor.coefficient(lastRel, rate);
            }
            double loudest = Compressor.FLOOR_DB;
            for (int c = 0; c < channels; c++) {
                double x = block.channel(c)[off + i];
                if (!Double.isFinite(x)) {
                    x = 0;
                }
                if (keyFilter.isActive()) {
                    x = keyFilter.filter(c, x);
                }
                double p = Math.max(Math.abs(x), detectorCoefficient * peak[c]);
                if (p < Denormals.FLUSH) {
                    p = 0;
                }
                peak[c] = p;
                double level = p > 0 ? Math.max(Compressor.FLOOR_DB, FastLog.powerToDb(p * p)) : Compressor.FLOOR_DB;
                levels[c] = level;
                loudest = Math.max(loudest, level);
            }
            double l = lnk[i] / 100;
            long holdFrames = Math.round(hld[i] * rate / 1000);
            deepest = 0;
            for (int c = 0; c < channels; c++) {
                double level = levels[c] + l * (loudest - levels[c]);
                if (level > thr[i]) {
                    open[c] = true;
                    holdLeft[c] = holdFrames;
                } else if (open[c] && level < thr[i] - hys[i]) {
                    if (holdLeft[c] > 0) {
                        holdLeft[c]--;
                    } else {
                        open[c] = false;
                    }
                } else if (open[c]) {
                    holdLeft[c] = holdFrames;
                }
                double target = open[c] ? 0 : Math.max(rng[i], Math.min(0, (rat[i] - 1) * (level - thr[i])));
                double g = gainDb[c];
                g = target + (target > g ? aA : aR) * (g - target);
                if (Math.abs(g - target) < Compressor.SETTLED_DB) {
                    g = target;
                }
                gainDb[c] = g;
                deepest = Math.max(deepest, -g);
                if (g != 0) {
                    float[] x = block.channel(c);
                    x[off + i] = (float) (x[off + i] * FastLog.dbToGain(g));
                }
            }
        }
        attenuation = deepest;
        position += n;
    }
}
