package io.github.mixwright.dynamics;

import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.List;

/**
 * A de-esser: compresses sibilance found in a band around {@code freq}.
 *
 * <p>Per sample and channel, the band {@code b} is the key (the input, or the key given to
 * {@link #process(io.github.mixwright.core.AudioBuffer, io.github.mixwright.core.AudioBuffer)}) through
 * an RBJ band-pass (0 dB at {@code freq}, width {@code q}). The shared {@link LevelDetector} holds its
 * peak (over {@code min(10 ms, release / 2)}), linked over channels as in {@link Compressor}; the level
 * goes through the {@link StaticCurve} with {@code threshold}, {@code ratio} and no knee, the reduction
 * is capped at {@code range} and smoothed by {@link Ballistics} (63 % of a step in {@code attack} or
 * {@code release}) into a gain {@code g}. Then:
 * <ul>
 *   <li>{@code mode=split}: only the input's band is turned down, {@code y = x + (g - 1) b}. With
 *       {@code g = 1} this is the input exactly;</li>
 *   <li>{@code mode=wide}: the whole signal is turned down, {@code y = g x}.</li>
 * </ul>
 *
 * <p>Parameters, all read at the control points: {@code freq} Hz [1000, 20000] default 6000 (clamped to
 * 0.45 fs); {@code q} [0.3, 5] default 1; {@code threshold} dB [-60, 0] default -30; {@code ratio}
 * [1, 20] default 4; {@code range} dB [0, 24] default 12 (the depth: the most it turns down, a positive
 * number of dB, as the gate's); {@code mode} split/wide; {@code attack} ms [0.01, 100] default 0.5;
 * {@code release} ms [1, 1000] default 60; {@code link} % [0, 100] default 100. No latency; in split
 * mode the band-pass rings on after the input stops ({@link #tailFrames()}).
 *
 * <p>Not thread-safe.
 */
public final class DeEsser extends DynamicsProcessor<DeEsser> {
    /** What the reduction turns down. */
    public enum Mode {
        /** Only the sibilant band. */
        SPLIT,
        /** The whole signal, keyed by the band. */
        WIDE
    }

    /** The descriptor: {@code deesser freq=6000 threshold=-30 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("deesser",
            "De-esser: turns down the sibilant band (split) or the whole signal keyed by it (wide)",
            List.of(Compressor.multiplicative("freq", "Hz", 1000, 20_000, 6000, "centre of the sibilant band"),
                    Compressor.multiplicative("q", "", 0.3, 5, 1, "width of the band (higher is narrower)"),
                    Compressor.control("threshold", "dB", -60, 0, -30, "band level where reduction starts"),
                    Compressor.control("ratio", "", 1, 20, 4, "compression ratio of the band level"),
                    Compressor.control("range", "dB", 0, 24, 12, "depth: the most it turns down"),
                    ParameterSpec.choice("mode", List.of("split", "wide"), 0,
                            "split turns down only the band, wide the whole signal").controlRate(),
                    Compressor.multiplicative("attack", "ms", 0.01, 100, 0.5, "time to 63 % of a rise in reduction"),
                    Compressor.multiplicative("release", "ms", 1, 1000, 60, "time to 63 % of a fall in reduction"),
                    Compressor.control("link", "%", 0, 100, 100, "stereo link")),
            0, DeEsser::new);

    private final Parameter freq = parameter("freq");
    private final Parameter q = parameter("q");
    private final Parameter threshold = parameter("threshold");
    private final Parameter ratio = parameter("ratio");
    private final Parameter range = parameter("range");
    private final Parameter mode = parameter("mode");
    private final Parameter attack = parameter("attack");
    private final Parameter release = parameter("release");
    private final Parameter link = parameter("link");

    private final LevelDetector levels = new LevelDetector();
    private final GainComputer curve = new GainComputer();
    private final Ballistics ballistics = new Ballistics();
    /** The input's band, turned down in split mode. */
    private final KeyFilter inputBand = new KeyFilter();
    private final double[] at = new double[9];
    private double lastAttack = Double.NaN;
    private double lastRelease = Double.NaN;

    /** A de-esser with every parameter at its default. */
    public DeEsser() {
        super(DESCRIPTOR);
        readAtControlPoints(freq, q, threshold, ratio, range, mode, attack, release, link);
    }

    /** Sets the centre of the sibilant band, Hz, [1000, 20000]. */
    public DeEsser setFrequencyHz(double hz) {
        freq.set(hz);
        return this;
    }

    /** Sets the band's Q, [0.3, 5] (higher is narrower). */
    public DeEsser setQ(double bandQ) {
        q.set(bandQ);
        return this;
    }

    /** Sets the threshold of the band level, dB, [-60, 0]. */
    public DeEsser setThresholdDb(double db) {
        threshold.set(db);
        return this;
    }

    /** Sets the ratio, [1, 20]. */
    public DeEsser setRatio(double r) {
        ratio.set(r);
        return this;
    }

    /** Sets the range, the most it turns down, as a positive number of dB, [0, 24]. */
    public DeEsser setRangeDb(double db) {
        range.set(db);
        return this;
    }

    /** Chooses what is turned down. */
    public DeEsser setMode(Mode m) {
        mode.set(m.ordinal());
        return this;
    }

    /** Sets the attack time constant, ms, [0.01, 100]. */
    public DeEsser setAttackMs(double ms) {
        attack.set(ms);
        return this;
    }

    /** Sets the release time constant, ms, [1, 1000]. */
    public DeEsser setReleaseMs(double ms) {
        release.set(ms);
        return this;
    }

    /** Sets the stereo link, percent, [0, 100]. */
    public DeEsser setLinkPercent(double percent) {
        link.set(percent);
        return this;
    }

    /** The present reduction, dB (0 or more), largest over channels. */
    public double reductionDb() {
        return ballistics.now();
    }

    /**
     * In split mode the band-pass of the input rings on after the input stops: its poles decay with
     * time constant {@code Q / (pi f)}; this is 2.5 times the time to -120 dB (the factor covers the
     * clamping of {@code f} and the second-order response's slower start). Wide mode has no tail.
     */
    @Override
    public int tailFrames() {
        if (spec() == null || mode.get() >= 0.5) {
            return 0;
        }
        double f = Math.min(freq.get(), 0.45 * rate);
        double tau = q.get() / (Math.PI * f);
        return (int) Math.ceil(2.5 * Math.log(1e6) * tau * rate);
    }

    @Override
    void prepareDynamics(ProcessSpec spec) {
        levels.prepare(spec.channels(), Ballistics.HOLD_MS * rate / 1000);
        inputBand.prepare(spec.channels());
        ballistics.prepare(spec.channels());
    }

    @Override
    void resetDynamics() {
        levels.reset();
        inputBand.reset();
        ballistics.reset();
        curve.reset();
        lastAttack = Double.NaN;
        lastRelease = Double.NaN;
    }

    @Override
    void control(double[] values) {
        System.arraycopy(values, 0, at, 0, at.length);
        levels.filter.designBandPass(0, rate, values[0], values[1]);
        inputBand.designBandPass(0, rate, values[0], values[1]);
        curve.set(values[2], values[3], 0);
        if (values[6] != lastAttack || values[7] != lastRelease) {
            lastAttack = values[6];
            lastRelease = values[7];
            double hold = Ballistics.holdFrames(lastRelease, rate);
            levels.setHoldFrames(hold);
            ballistics.set(Ballistics.coefficient(lastAttack, rate), Ballistics.releaseCoefficient(lastRelease, hold, rate));
        }
    }

    @Override
    void run(int from, int len) {
        levels.detectEach(keys, from + keyShift, len, channels);
        double depth = at[4], l = at[8] / 100;
        boolean split = at[5] < 0.5;
        for (int k = 0; k < len; k++) {
            double loudest = LevelDetector.decibels(levels.loudest[k]);
            double most = 0;
            for (int c = 0; c < channels; c++) {
                float[] x = io[c];
                double input = x[from + k];
                // The input's own band-pass: the detector's filters the key, which may be another signal.
                double band = inputBand.filter(c, Double.isFinite(input) ? input : 0);
                double own = LevelDetector.decibels(levels.powers[c][k]);
                double r = ballistics.follow(c, Math.min(depth, curve.reduction(own + l * (loudest - own))));
                most = Math.max(most, r);
                if (r != 0) {
                    double g = FastLog.dbToGain(-r);
                    x[from + k] = split ? (float) (input + (g - 1) * band) : (float) (input * g);
                }
            }
            ballistics.meter(most);
        }
    }
}
