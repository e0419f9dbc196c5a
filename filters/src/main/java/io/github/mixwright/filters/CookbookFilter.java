package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One cookbook or first-order section as a described processor, for the command-line chain syntax:
 * {@code highpass freq=80 q=0.707 | peak freq=3000 gain=2 q=1.2 | highshelf freq=10000 gain=1.5}.
 *
 * <p>Names: {@code lowpass}, {@code highpass}, {@code bandpass}, {@code notch}, {@code allpass},
 * {@code peak}, {@code lowshelf}, {@code highshelf} (RBJ Audio EQ Cookbook) and {@code lowpass1},
 * {@code highpass1}, {@code lowshelf1}, {@code highshelf1} (first order); see {@link FilterType}.
 * Parameters:
 * <ul>
 *   <li>{@code freq}, Hz, [10, 96000], default 1000, smoothed multiplicatively (a constant ratio
 *       per sample, so a sweep is even on a log axis). A chain is usually parsed before the file's
 *       sample rate is known, so a frequency at or above Nyquist is not an error: it is clamped to
 *       {@code 0.499 sampleRate} wherever coefficients are designed (every sample while it glides),
 *       and raised to {@code 1e-5 sampleRate}, which only matters at MHz sample rates;</li>
 *   <li>{@code q}, [0.025, 100], default 0.7071 (Butterworth) for low/high-pass and shelves, 1 for
 *       the others, smoothed multiplicatively; second-order types only. Shelves take Q rather than
 *       the cookbook's slope S (q = 0.7071 is S = 1);</li>
 *   <li>{@code gain}, dB, [-48, 48], default 0, smoothed linearly in dB; peaking and shelves only.</li>
 * </ul>
 * All glides last {@link ParameterSpec#DEFAULT_RAMP_SECONDS}. While any parameter glides or is
 * automated, coefficients are redesigned every sample from the parameter values of that sample;
 * valid parameters always give a stable section, so there is no moment of instability, and the
 * direct-form-I state (see {@link Biquad}) makes the change seamless. Output is block-size invariant.
 * No latency.
 *
 * <p>Not thread-safe.
 */
public final class CookbookFilter extends ParameterizedProcessor<CookbookFilter> implements LinearProcessor {
    /** Lowest {@code freq} in Hz. */
    public static final double MIN_FREQUENCY_HZ = 10;
    /** Highest {@code freq} in Hz: Nyquist at 192 kHz; clamped lower at lower rates. */
    public static final double MAX_FREQUENCY_HZ = 96_000;
    /** Frames whose coefficients are designed at a time while gliding. */
    private static final int CHUNK = 64;

    private static final Map<FilterType, ProcessorDescriptor> DESCRIPTORS = descriptors(new EnumMap<>(FilterType.class));

    private final FilterType type;
    private final Parameter freq;
    private final Parameter q;
    private final Parameter gain;
    private final double[] fixed = new double[5];
    private final double[] varying = new double[5 * CHUNK];
    private final double[] scratch = new double[CHUNK];
    private double designedFreq = Double.NaN;
    private double designedQ = Double.NaN;
    private double designedGain = Double.NaN;
    private double[] state = new double[0];

    private CookbookFilter(FilterType type) {
        super(DESCRIPTORS.get(type));
        this.type = type;
        this.freq = parameter("freq");
        this.q = type.usesQ() ? parameter("q") : null;
        this.gain = type.usesGain() ? parameter("gain") : null;
    }

    /** A new filter of {@code type} with every parameter at its default. */
    public static CookbookFilter of(FilterType type) {
        return new CookbookFilter(type);
    }

    /** The descriptor of {@code type}'s processor. */
    public static ProcessorDescriptor descriptor(FilterType type) {
        return DESCRIPTORS.get(type);
    }

    /** Every descriptor, in {@link FilterType} order. */
    public static List<ProcessorDescriptor> descriptors() {
        return Collections.unmodifiableList(new ArrayList<>(DESCRIPTORS.values()));
    }

    private static Map<FilterType, ProcessorDescriptor> descriptors(Map<FilterType, ProcessorDescriptor> map) {
        for (FilterType t : FilterType.values()) {
            List<ParameterSpec> params = new ArrayList<>();
            params.add(ParameterSpec.number("freq", "Hz", MIN_FREQUENCY_HZ, MAX_FREQUENCY_HZ, 1000,
                    "corner or centre frequency (clamped to 0.499 x sample rate)")
                    .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS));
            if (t.usesQ()) {
                boolean butterworth = t == FilterType.LOW_PASS || t == FilterType.HIGH_PASS
                        || t == FilterType.LOW_SHELF || t == FilterType.HIGH_SHELF;
                params.add(ParameterSpec.number("q", "", Cookbook.MIN_Q, Cookbook.MAX_Q, butterworth ? 0.7071 : 1,
                        "quality factor").withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS));
            }
            if (t.usesGain()) {
                params.add(ParameterSpec.number("gain", "dB", -Cookbook.MAX_GAIN_DB, Cookbook.MAX_GAIN_DB, 0,
                        "gain in decibels"));
            }
            map.put(t, new ProcessorDescriptor(t.chainName(), summary(t), params, 0, () -> new CookbookFilter(t)));
        }
        return map;
    }

    private static String summary(FilterType t) {
        switch (t) {
            case LOW_PASS: return "Second-order low-pass (RBJ cookbook LPF)";
            case HIGH_PASS: return "Second-order high-pass (RBJ cookbook HPF)";
            case BAND_PASS: return "Band-pass with 0 dB peak (RBJ cookbook BPF)";
            case NOTCH: return "Notch (RBJ cookbook)";
            case ALL_PASS: return "Second-order all-pass (RBJ cookbook APF)";
            case PEAKING: return "Peaking EQ bell (RBJ cookbook peakingEQ)";
            case LOW_SHELF: return "Second-order low shelf (RBJ cookbook lowShelf)";
            case HIGH_SHELF: return "Second-order high shelf (RBJ cookbook highShelf)";
            case FIRST_ORDER_LOW_PASS: return "First-order low-pass (6 dB/octave)";
            case FIRST_ORDER_HIGH_PASS: return "First-order high-pass (6 dB/octave)";
            case FIRST_ORDER_LOW_SHELF: return "First-order low shelf";
            case FIRST_ORDER_HIGH_SHELF: return "First-order high shelf";
            default: throw new AssertionError(t);
        }
    }

    /** The shape. */
    public FilterType type() {
        return type;
    }

    /** Sets {@code freq} in Hz, [10, 96000]; glides there. */
    public CookbookFilter setFrequencyHz(double hz) {
        freq.set(hz);
        return this;
    }

    /** Sets {@code q}, [0.025, 100]; glides there. Ignored by first-order types. */
    public CookbookFilter setQ(double value) {
        if (q != null) {
            q.set(value);
        }
        return this;
    }

    /** Sets {@code gain} in dB, [-48, 48]; glides there. Ignored by types without gain. */
    public CookbookFilter setGainDb(double db) {
        if (gain != null) {
            gain.set(db);
        }
        return this;
    }

    /** Frames until the output is below -120 dB after the input stops, at the current settings (see {@link RingOut}). */
    @Override
    public int tailFrames() {
        return spec() == null ? 0 : RingOut.frames(java.util.List.of((BiquadCoefficients) frequencyResponse(spec().sampleRate())), spec().sampleRate());
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        return type.coefficients(sampleRate, EqBand.clampFrequency(freq.get(), sampleRate),
                q == null ? 1 : q.get(), gain == null ? 0 : gain.get());
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        state = new double[4 * spec.channels()];
        designedFreq = Double.NaN;
    }

    @Override
    protected void resetSignal() {
        Arrays.fill(state, 0);
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        double fs = spec().sampleRate();
        boolean steady = freq.isSteady() && (q == null || q.isSteady()) && (gain == null || gain.isSteady());
        if (steady) {
            double f = freq.current();
            double qv = q == null ? 1 : q.current();
            double g = gain == null ? 0 : gain.current();
            freq.advance(n);
            if (q != null) {
                q.advance(n);
            }
            if (gain != null) {
                gain.advance(n);
            }
            if (f != designedFreq || qv != designedQ || g != designedGain) {
                Cookbook.design(type, fs, EqBand.clampFrequency(f, fs), qv, g, fixed, 0);
                designedFreq = f;
                designedQ = qv;
                designedGain = g;
            }
            BiquadKernel.process(block, fixed, 0, 1, state, 0, 0, 4, null);
            return;
        }
        double[] fv = freq.render(n);
        double[] qv = q == null ? null : q.render(n);
        double[] gv = gain == null ? null : gain.render(n);
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int i = 0; i < len; i++) {
                int j = start + i;
                Cookbook.design(type, fs, EqBand.clampFrequency(fv[j], fs), qv == null ? 1 : qv[j],
                        gv == null ? 0 : gv[j], varying, 5 * i);
            }
            for (int ch = 0; ch < block.channels(); ch++) {
                float[] x = block.channel(ch);
                int from = block.offset() + start;
                for (int i = 0; i < len; i++) {
                    scratch[i] = x[from + i];
                }
                BiquadKernel.runVarying(scratch, 0, len, varying, state, 4 * ch);
                for (int i = 0; i < len; i++) {
                    x[from + i] = (float) scratch[i];
                }
            }
        }
    }
}
