package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.filters.Crossover;
import io.github.mixwright.filters.CrossoverSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multiband compressor: a Linkwitz-Riley crossover splits the signal into 2 to 5 bands, a
 * {@link Compressor} works on each band, and the bands are summed.
 *
 * <p>The crossover is {@link Crossover} of order 4 (LR4, 24 dB/octave), the tree in which each band
 * also passes the all-pass of every split it took no part in, so the bands sum to the cascade of one
 * LR4 all-pass per crossover frequency. With every ratio at 1 and every make-up at 0 the output is
 * therefore that all-pass of the input: flat magnitude (to float rounding), with the crossovers' phase
 * rotation. The crossover is a minimum-phase IIR filter, so there is no latency
 * ({@link #latencyFrames()} is 0); no lookahead is offered.
 *
 * <p>Band compressors: peak detector, no lookahead, no automatic make-up or release, 100 % wet; each
 * follows the {@link Compressor} formulas on its own band (static curve of Giannoulis, Massberg and
 * Reiss, JAES 60(6), 2012, equation 4; attack and release are the times to 63 % of a step). With
 * 100 % link the channels of one band share one gain; the bands' gains are independent.
 *
 * <p>Parameters fixed at prepare, because the band structure cannot change mid-stream: automating one
 * is an error naming it, and so is processing after changing one without preparing again:
 * <ul>
 *   <li>{@code bands} [2, 5], a whole number, default 3 (2.5 is rejected);</li>
 *   <li>{@code xover1} .. {@code xover4} Hz [20, 20000], defaults 120, 1000, 5000, 10000, of which the
 *       first {@code bands - 1} are used. <b>Order:</b> they are sorted into increasing order at
 *       prepare, so band 1 is always the lowest and band {@code k} lies between the {@code (k-1)}-th
 *       and the {@code k}-th smallest frequency. Sorting rather than rejecting lets a chain set them one
 *       at a time in any order, and makes any values in range valid, as random or generated settings
 *       are. Two equal frequencies, or one not below half the sample rate, make {@code prepare} throw
 *       an {@link IllegalArgumentException} naming the parameters and their values.</li>
 * </ul>
 * Per band, {@code 1} the lowest to {@code 5}, smoothed like the compressor's own and automatable:
 * {@code threshold1} .. {@code threshold5} dB [-80, 0] default -18; {@code ratio1} .. {@code ratio5}
 * [1, 1000] default 4 (1000 is infinity); {@code attack1} .. {@code attack5} ms [0.01, 1000], defaults
 * 20, 10, 5, 3, 2; {@code release1} .. {@code release5} ms [1, 5000], defaults 200, 150, 100, 80, 60
 * (lower bands default to slower ballistics: a gain that moves within one period of a low frequency
 * distorts it); {@code makeup1} .. {@code makeup5} dB [-24, 48] default 0. Shared by every band:
 * {@code knee} dB [0, 24] default 6; {@code link} % [0, 100] default 100. A band's parameters beyond
 * {@code bands} are kept but unused.
 *
 * <p>Metering: {@link #gainReductionDb(int)} and {@link #maxGainReductionDb(int)} per band, 0 or more.
 *
 * <p>The crossovers ring after the input stops: {@link #tailFrames()} bounds it. Output is identical
 * for any block size. {@code process} never allocates: the bands are split and
 * compressed in chunks of at most 256 frames, in buffers and views made at {@code prepare}. Not
 * thread-safe.
 */
public final class MultibandCompressor extends ParameterizedProcessor<MultibandCompressor> {
    /** Fewest bands. */
    public static final int MIN_BANDS = 2;
    /** Most bands. */
    public static final int MAX_BANDS = 5;
    /** The Linkwitz-Riley order of the crossover (24 dB/octave). */
    public static final int ORDER = 4;
    /** Frames split and compressed at a time. */
    static final int CHUNK = 256;

    private static final double[] DEFAULT_XOVER_HZ = {120, 1000, 5000, 10000};
    private static final double[] DEFAULT_ATTACK_MS = {20, 10, 5, 3, 2};
    private static final double[] DEFAULT_RELEASE_MS = {200, 150, 100, 80, 60};
    /** Compressor parameters set per band, in the order each band's parameters are listed. */
    private static final String[] PER_BAND = {"threshold", "ratio", "attack", "release", "makeup"};
    private static final int THRESHOLD = 0;
    private static final int RATIO = 1;
    private static final int ATTACK = 2;
    private static final int RELEASE = 3;
    private static final int MAKEUP = 4;
    /** Compressor parameters shared by every band. */
    private static final String[] SHARED = {"knee", "link"};

    /** The descriptor: {@code multiband bands=3 xover1=120 xover2=1000 threshold1=-18 ratio1=4 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("multiband",
            "Multiband compressor: 2 to 5 Linkwitz-Riley (LR4) bands, a compressor on each",
            specs(), 0, MultibandCompressor::new);

    private final Parameter bands = parameter("bands");
    private final Parameter knee = parameter("knee");
    private final Parameter link = parameter("link");
    /** Every parameter, as an array so that advancing them all allocates no iterator. */
    private final Parameter[] all = parameters().toArray(new Parameter[0]);
    private final Parameter[] xovers = new Parameter[MAX_BANDS - 1];
    /** {@code perBand[f][k]}: field {@code PER_BAND[f]} of band {@code k} (0 the lowest). */
    private final Parameter[][] perBand = new Parameter[PER_BAND.length][MAX_BANDS];
    private final Compressor[] compressors = new Compressor[MAX_BANDS];
    /** Pairs of (this processor's parameter, the band compressor's parameter it drives). */
    private final MultibandLink[] links;

    private int active;
    private Crossover crossover;
    private CrossoverSplitter splitter;
    private float[][] input = new float[0][];
    private AudioBuffer[] inputViews = new AudioBuffer[0];
    private float[][][] bandData = new float[0][][];
    private AudioBuffer[] bandBuffers = new AudioBuffer[0];
    private AudioBuffer[][] bandViews = new AudioBuffer[0][];
    /** The bands summed in double, rounded to float once. */
    private double[] sum = new double[0];

    /** A three-band compressor with every parameter at its default. */
    public MultibandCompressor() {
        super(DESCRIPTOR);
        for (int j = 0; j < xovers.length; j++) {
            xovers[j] = parameter("xover" + (j + 1));
        }
        List<MultibandLink> pairs = new ArrayList<>();
        for (int k = 0; k < MAX_BANDS; k++) {
            compressors[k] = new Compressor();
            for (int f = 0; f < PER_BAND.length; f++) {
                perBand[f][k] = parameter(PER_BAND[f] + (k + 1));
                pairs.add(new MultibandLink(k, perBand[f][k], compressors[k].parameter(PER_BAND[f])));
            }
            for (String name : SHARED) {
                pairs.add(new MultibandLink(k, parameter(name), compressors[k].parameter(name)));
            }
        }
        links = pairs.toArray(new MultibandLink[0]);
    }

    private static List<ParameterSpec> specs() {
        List<ParameterSpec> list = new ArrayList<>();
        list.add(ParameterSpec.integer("bands", "", MIN_BANDS, MAX_BANDS, 3, "number of bands, fixed at prepare")
                .fixedAtPrepare());
        for (int j = 0; j < DEFAULT_XOVER_HZ.length; j++) {
            list.add(ParameterSpec.number("xover" + (j + 1), "Hz", 20, 20_000, DEFAULT_XOVER_HZ[j],
                    "crossover frequency " + (j + 1) + " (sorted with the others), fixed at prepare")
                    .fixedAtPrepare());
        }
        for (int k = 0; k < MAX_BANDS; k++) {
            for (String name : PER_BAND) {
                ParameterSpec base = Compressor.DESCRIPTOR.parameter(name);
                double defaultValue = name.equals("attack") ? DEFAULT_ATTACK_MS[k]
                        : name.equals("release") ? DEFAULT_RELEASE_MS[k] : base.defaultValue();
                list.add(base.renamed(name + (k + 1), "band " + (k + 1) + ": " + base.description())
                        .withDefault(defaultValue));
            }
        }
        for (String name : SHARED) {
            ParameterSpec base = Compressor.DESCRIPTOR.parameter(name);
            list.add(base.renamed(name, "every band: " + base.description()));
        }
        return list;
    }

    /** Sets the number of bands, [2, 5]; fixed at prepare, so prepare again after changing it. */
    public MultibandCompressor setBands(int count) {
        bands.set(count);
        return this;
    }

    /**
     * Sets crossover {@code index} (1 to 4; sorted with the others at prepare), Hz, [20, 20000]; fixed at
     * prepare, so prepare again after changing it.
     */
    public MultibandCompressor setCrossoverHz(int index, double hz) {
        xovers[Checks.inRange("crossover", index, 1, MAX_BANDS - 1) - 1].set(hz);
        return this;
    }

    /**
     * Sets the number of bands to {@code hz.length + 1} and the crossover frequencies, Hz, each
     * [20, 20000] (sorted at prepare): {@link #setBands} and {@link #setCrossoverHz} at once, for a
     * list of frequencies in any order. Fixed at prepare, so prepare again after changing them.
     */
    public MultibandCompressor setCrossoversHz(double... hz) {
        Checks.inRange("bands", hz.length + 1, MIN_BANDS, MAX_BANDS);
        for (int j = 0; j < hz.length; j++) {
            xovers[j].spec().validate(hz[j]);
        }
        for (int j = 0; j < hz.length; j++) {
            xovers[j].set(hz[j]);
        }
        bands.set(hz.length + 1);
        return this;
    }

    /** Sets band {@code band}'s threshold (band 1 is the lowest), dB, [-80, 0]. */
    public MultibandCompressor setThresholdDb(int band, double db) {
        return setBand(THRESHOLD, band, db);
    }

    /** Sets band {@code band}'s ratio, [1, 1000] (1000 is infinity). */
    public MultibandCompressor setRatio(int band, double ratio) {
        return setBand(RATIO, band, ratio);
    }

    /** Sets band {@code band}'s attack time constant, ms, [0.01, 1000]. */
    public MultibandCompressor setAttackMs(int band, double ms) {
        return setBand(ATTACK, band, ms);
    }

    /** Sets band {@code band}'s release time constant, ms, [1, 5000]. */
    public MultibandCompressor setReleaseMs(int band, double ms) {
        return setBand(RELEASE, band, ms);
    }

    /** Sets band {@code band}'s make-up gain, dB, [-24, 48]. */
    public MultibandCompressor setMakeupDb(int band, double db) {
        return setBand(MAKEUP, band, db);
    }

    /** Sets the knee width of every band, dB, [0, 24]. */
    public MultibandCompressor setKneeDb(double db) {
        knee.set(db);
        return this;
    }

    /** Sets the stereo link of every band, percent, [0, 100]. */
    public MultibandCompressor setLinkPercent(double percent) {
        link.set(percent);
        return this;
    }

    private MultibandCompressor setBand(int field, int band, double value) {
        perBand[field][checkBand(band) - 1].set(value);
        return this;
    }

    private static int checkBand(int band) {
        return Checks.inRange("band", band, 1, MAX_BANDS);
    }

    /** The static curve of band {@code band}'s current settings (the values last set). */
    public StaticCurve curve(int band) {
        int k = checkBand(band) - 1;
        return new StaticCurve(perBand[THRESHOLD][k].get(), perBand[RATIO][k].get(), knee.get());
    }

    /**
     * The crossover in use since the last prepare: its bands, frequencies and analytic responses.
     *
     * @throws IllegalStateException before prepare
     */
    public Crossover crossover() {
        if (crossover == null) {
            throw new IllegalStateException("multiband: crossover() called before prepare");
        }
        return crossover;
    }

    /** Band {@code band}'s present gain reduction, dB (0 or more, 0 for a band not in use). */
    public double gainReductionDb(int band) {
        return compressors[checkBand(band) - 1].gainReductionDb();
    }

    /** Band {@code band}'s largest gain reduction since the last prepare or reset, dB (0 or more). */
    public double maxGainReductionDb(int band) {
        return compressors[checkBand(band) - 1].maxGainReductionDb();
    }

    /**
     * A bound on the crossovers' ring-out to -120 dB, at the prepared sample rate (0 before): the
     * output is a sum of the bands, each band's compressor only scales it, and the slowest poles are
     * the lowest crossover's, Butterworth pairs with time constant {@code sqrt 2 / (2 pi f)}. The tree
     * repeats them (LR4 sections and all-passes, at most four in a path), so the impulse response
     * decays like {@code t^3 e^(-t / tau)}, which is under -120 dB of its peak after 25 time constants.
     */
    @Override
    public int tailFrames() {
        if (crossover == null) {
            return 0;
        }
        double lowest = crossover.frequencies()[0];
        double tau = Math.sqrt(2) / (2 * Math.PI * lowest);
        return (int) Math.ceil(25 * tau * spec().sampleRate());
    }

    /**
     * The crossover frequencies in use: the first {@code count - 1} values, sorted.
     *
     * @throws IllegalArgumentException for coinciding frequencies or one not below {@code rate / 2}
     */
    static double[] crossoverFrequencies(double[] values, int count, double rate) {
        Integer[] order = new Integer[count - 1];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
            if (!(values[j] < rate / 2)) {
                throw new IllegalArgumentException("xover" + (j + 1) + " " + Checks.format(values[j])
                        + " Hz is out of range [20, " + Checks.format(rate / 2) + "): crossover frequencies must be"
                        + " below half the sample rate " + Checks.format(rate) + " Hz");
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] f = new double[order.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = values[order[j]];
            if (j > 0 && f[j] == f[j - 1]) {
                int a = Math.min(order[j - 1], order[j]) + 1;
                int b = Math.max(order[j - 1], order[j]) + 1;
                throw new IllegalArgumentException("xover" + a + " " + Checks.format(values[a - 1]) + " Hz and xover"
                        + b + " " + Checks.format(values[b - 1]) + " Hz coincide: crossover frequencies must differ");
            }
        }
        return f;
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        int count = (int) bands.get();
        double[] values = new double[xovers.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = xovers[j].get();
        }
        Crossover design = Crossover.of(spec.sampleRate(), ORDER, crossoverFrequencies(values, count, spec.sampleRate()));
        int ch = spec.channels();
        int chunk = Math.min(CHUNK, spec.maxBlockFrames());
        active = count;
        crossover = design;
        splitter = design.splitter(ch);
        input = new float[ch][chunk];
        sum = new double[chunk];
        inputViews = views(input, chunk);
        bandData = new float[count][ch][chunk];
        bandBuffers = new AudioBuffer[count];
        bandViews = new AudioBuffer[count][];
        for (int k = 0; k < count; k++) {
            bandBuffers[k] = AudioBuffer.wrap(bandData[k]);
            bandViews[k] = views(bandData[k], chunk);
        }
        ProcessSpec bandSpec = new ProcessSpec(spec.sampleRate(), chunk, ch);
        for (Compressor c : compressors) {
            c.prepare(bandSpec);
        }
        for (MultibandLink l : links) {
            l.follow(true);
        }
    }

    /** Views of the first 1 to {@code chunk} frames of {@code data}, index = frame count. */
    private static AudioBuffer[] views(float[][] data, int chunk) {
        AudioBuffer[] v = new AudioBuffer[chunk + 1];
        for (int n = 1; n <= chunk; n++) {
            v[n] = AudioBuffer.wrap(data, 0, n);
        }
        return v;
    }

    @Override
    protected void resetSignal() {
        splitter.reset();
        for (Compressor c : compressors) {
            c.reset();
        }
        for (MultibandLink l : links) {
            l.follow(true);
        }
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        for (MultibandLink l : links) {
            if (l.band() < active) {
                l.follow(false);
            }
        }
        for (Parameter p : all) {
            p.advance(n);
        }
        int chunk = input[0].length;
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(block.channel(c), off + start, input[c], 0, len);
            }
            splitter.split(inputViews[len], bandBuffers);
            for (int k = 0; k < active; k++) {
                compressors[k].process(bandViews[k][len]);
            }
            for (int c = 0; c < channels; c++) {
                double[] acc = sum;
                float[] low = bandData[0][c];
                for (int i = 0; i < len; i++) {
                    acc[i] = low[i];
                }
                for (int k = 1; k < active; k++) {
                    float[] b = bandData[k][c];
                    for (int i = 0; i < len; i++) {
                        acc[i] += b[i];
                    }
                }
                float[] out = block.channel(c);
                for (int i = 0; i < len; i++) {
                    out[off + start + i] = (float) acc[i];
                }
            }
        }
    }
}
