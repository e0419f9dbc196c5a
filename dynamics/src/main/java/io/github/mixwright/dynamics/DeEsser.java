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

/**
 * A de-esser: compresses sibilance found in a band around {@code freq}.
 *
 * <p>Per sample and channel, the band {@code b} is the input through an RBJ band-pass (0 dB at
 * {@code freq}, width {@code q}). Its level {@code 20 log10 |b|} (linked over channels as in
 * {@link Compressor}) goes through the {@link StaticCurve} with {@code threshold}, {@code ratio} and no
 * knee; the reduction is capped at {@code range} dB and smoothed with {@code attack} and {@code release}
 * (the 63 % convention of {@link Compressor}) into a gain {@code g}. Then:
 * <ul>
 *   <li>{@code mode=split}: only the band is turned down, {@code y = x + (g - 1) b}. With {@code g = 1}
 *       this is the input exactly, so nothing outside sibilant passages is touched;</li>
 *   <li>{@code mode=wide}: the whole signal is turned down, keyed by the band, {@code y = g x}.</li>
 * </ul>
 *
 * <p>Parameters: {@code freq} Hz [1000, 20000] default 6000 (clamped to 0.45 fs); {@code q} [0.3, 5]
 * default 1; {@code threshold} dB [-60, 0] default -30; {@code ratio} [1, 20] default 4; {@code range}
 * dB [0, 24] default 12; {@code mode} split/wide; {@code attack} ms [0.01, 100] default 0.5;
 * {@code release} ms [1, 1000] default 60; {@code link} % [0, 100] default 100. The band filter is
 * redesigned every {@value KeyFilter#REDESIGN_FRAMES} frames (counted from the start) while {@code freq}
 * or {@code q} move. No latency; identical output for any block size.
 *
 * <p>Not thread-safe.
 */
public final class DeEsser extends ParameterizedProcessor<DeEsser> {
    /** The descriptor: {@code deesser freq=6000 threshold=-30 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("deesser",
            "De-esser: turns down the sibilant band (split) or the whole signal keyed by it (wide)",
            List.of(ParameterSpec.number("freq", "Hz", 1000, 20_000, 6000, "centre of the sibilant band")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("q", "", 0.3, 5, 1, "width of the band (higher is narrower)")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("threshold", "dB", -60, 0, -30, "band level where reduction starts"),
                    ParameterSpec.number("ratio", "", 1, 20, 4, "compression ratio of the band level"),
                    ParameterSpec.number("range", "dB", 0, 24, 12, "largest reduction"),
                    ParameterSpec.choice("mode", List.of("split", "wide"), 0,
                            "split turns down only the band, wide the whole signal"),
                    ParameterSpec.number("attack", "ms", 0.01, 100, 0.5, "time to 63 % of a rise in reduction")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("release", "ms", 1, 1000, 60, "time to 63 % of a fall in reduction")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("link", "%", 0, 100, 100, "stereo link")),
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

    private final KeyFilter band = new KeyFilter();
    private double rate;
    private double[] bands = new double[0];
    private double[] levels = new double[0];
    private double[] envelope = new double[0];
    private long position;
    private double designedFreq = Double.NaN;
    private double designedQ = Double.NaN;
    private double reduction;

    /** A de-esser with every parameter at its default. */
    public DeEsser() {
        super(DESCRIPTOR);
    }

    /** Sets the band: centre Hz [1000, 20000] and Q [0.3, 5]. */
    public DeEsser setBand(double hz, double bandQ) {
        freq.set(hz);
        q.set(bandQ);
        return this;
    }

    /** Sets threshold (dB, [-60, 0]), ratio ([1, 20]) and range (dB, [0, 24]). */
    public DeEsser setThreshold(double thresholdDb, double r, double rangeDb) {
        threshold.set(thresholdDb);
        ratio.set(r);
        range.set(rangeDb);
        return this;
    }

    /** Turns down only the band ({@code true}) or the whole signal ({@code false}). */
    public DeEsser setSplit(boolean split) {
        mode.set(split ? 0 : 1);
        return this;
    }

    /** Sets attack (ms, [0.01, 100]) and release (ms, [1, 1000]). */
    public DeEsser setTimes(double attackMs, double releaseMs) {
        attack.set(attackMs);
        release.set(releaseMs);
        return this;
    }

    /** The present reduction, dB (0 or more), largest over channels. */
    public double reductionDb() {
        return reduction;
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int ch = spec.channels();
        rate = spec.sampleRate();
        bands = new double[ch];
        levels = new double[ch];
        envelope = new double[ch];
        band.prepare(ch);
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        Arrays.fill(envelope, 0);
        band.reset();
        position = 0;
        designedFreq = Double.NaN;
        designedQ = Double.NaN;
        reduction = 0;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] fr = freq.render(n);
        double[] bq = q.render(n);
        double[] thr = threshold.render(n);
        double[] rat = ratio.render(n);
        double[] rng = range.render(n);
        double[] md = mode.render(n);
        double[] att = attack.render(n);
        double[] rel = release.render(n);
        double[] lnk = link.render(n);
        double lastAtt = Double.NaN, lastRel = Double.NaN, aA = 0, aR = 0;
        double deepest = 0;
        for (int i = 0; i < n; i++) {
            if ((position + i) % KeyFilter.REDESIGN_FRAMES == 0 || Double.isNaN(designedFreq)) {
                if (fr[i] != designedFreq || bq[i] != designedQ) {
                    band.set(0, BiquadCoefficients.bandPass(rate, Math.min(fr[i], 0.45 * rate), bq[i]));
                    designedFreq = fr[i];
                    designedQ = bq[i];
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
                double b = band.filter(c, Double.isFinite(x) ? x : 0);
                bands[c] = b;
                double a = Math.abs(b);
                double level = a > 0 ? Math.max(Compressor.FLOOR_DB, FastLog.powerToDb(b * b)) : Compressor.FLOOR_DB;
                levels[c] = level;
                loudest = Math.max(loudest, level);
            }
            double l = lnk[i] / 100;
            double slope = StaticCurve.slope(rat[i]);
            boolean split = md[i] < 0.5;
            deepest = 0;
            for (int c = 0; c < channels; c++) {
                double level = levels[c] + l * (loudest - levels[c]);
                double target = Math.min(rng[i], -StaticCurve.gainDb(level, thr[i], slope, 0));
                double y = envelope[c];
                y = target + (target > y ? aA : aR) * (y - target);
                if (Math.abs(y - target) < Compressor.SETTLED_DB) {
                    y = target;
                }
                envelope[c] = y;
                deepest = Math.max(deepest, y);
                if (y != 0) {
                    double g = FastLog.dbToGain(-y);
                    float[] x = block.channel(c);
                    x[off + i] = split ? (float) (x[off + i] + (g - 1) * bands[c]) : (float) (x[off + i] * g);
                }
            }
        }
        reduction = deepest;
        position += n;
    }
}
