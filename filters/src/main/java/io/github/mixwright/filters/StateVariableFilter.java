package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Decibels;
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
import java.util.List;
import java.util.Locale;

/**
 * A state-variable filter in topology-preserving-transform (TPT) form: two trapezoidal integrators
 * in the analog SVF's own loop, solved without a unit delay (V. Zavalishin, "The Art of VA Filter
 * Design", rev. 2.1.2, 2020, ch. 3 and 4; A. Simper, "Linear Trap Optimised SVF", Cytomic, 2013).
 *
 * <p><b>Why TPT.</b> A direct-form biquad stores past inputs and outputs; when its coefficients
 * change every sample those stored values no longer match the new filter, so a fast cutoff sweep
 * produces clicks and can even blow up. The TPT SVF stores the integrators' states, which are
 * physical quantities of the analog prototype (capacitor charges): changing the cutoff changes how
 * fast they move, not what they mean. With {@code g > 0} and {@code k > 0} it stays stable and
 * click-free with the cutoff modulated every sample, so this processor recomputes its coefficients
 * every sample while a parameter glides or is automated.
 *
 * <p>Per sample, with {@code g = tan(pi fc / fs)}, {@code k = 1/Q} and states {@code ic1, ic2}:
 * <pre>
 *   a1 = 1 / (1 + g (g + k)),  a2 = g a1,  a3 = g a2
 *   v3 = x - ic2;  v1 = a1 ic1 + a2 v3;  v2 = ic2 + a2 ic1 + a3 v3
 *   ic1 = 2 v1 - ic1;  ic2 = 2 v2 - ic2
 *   y = m0 x + m1 v1 + m2 v2
 * </pre>
 * where {@code v1} is the band-pass {@code s/(s^2 + k s + 1)} and {@code v2} the low-pass
 * {@code 1/(s^2 + k s + 1)} (s normalised to the cutoff). The mode picks {@code (m0, m1, m2)} (with
 * {@code A = 10^(gain/40)}): lowpass {@code (0, 0, 1)}; highpass {@code (1, -k, -1)}; bandpass
 * {@code (0, k, 0)}, 0 dB at the centre; notch {@code (1, -k, 0)}; peak {@code (1, -k, -2)}
 * (high minus low, a resonant peak); allpass {@code (1, -2k, 0)}; bell {@code (1, k (A^2 - 1), 0)}
 * with {@code k = 1/(Q A)}; lowshelf {@code (1, k (A - 1), A^2 - 1)} with {@code g} divided by
 * {@code sqrt A}; highshelf {@code (A^2, k (1 - A) A, 1 - A^2)} with {@code g} times {@code sqrt A}.
 * Gain applies to bell and shelves only.
 *
 * <p>At fixed settings the filter is exactly the bilinear transform (with the cutoff prewarped) of
 * that analog response, so {@link #frequencyResponse} is the analytic response of the equivalent
 * biquad ({@link #equivalentBiquad}).
 *
 * <p>Parameters: {@code mode} (default lowpass); {@code freq} 10 to 40,000 Hz, default 1,000,
 * smoothed multiplicatively over 20 ms, clamped to 0.49 fs at the actual rate (a chain is parsed
 * before the file's rate is known and must not fail mid-file); {@code q} 0.1 to 30, default 0.7071,
 * smoothed multiplicatively; {@code gain} -30 to +30 dB, default 0, smoothed linearly in dB.
 * Multichannel, double-precision state, no allocation in {@code process}, denormals flushed.
 * Not thread-safe.
 */
public final class StateVariableFilter extends ParameterizedProcessor<StateVariableFilter> implements LinearProcessor {
    /** The output the filter produces. */
    public enum Mode {
        /** Low-pass, 12 dB/octave. */
        LOWPASS,
        /** High-pass, 12 dB/octave. */
        HIGHPASS,
        /** Band-pass, 0 dB at the centre. */
        BANDPASS,
        /** Notch (band-reject). */
        NOTCH,
        /** Resonant peak: high-pass minus low-pass. */
        PEAK,
        /** All-pass: flat magnitude, phase turns through the cutoff. */
        ALLPASS,
        /** Low shelf by {@code gain} dB, half the gain (in dB) at the cutoff. */
        LOWSHELF,
        /** High shelf by {@code gain} dB, half the gain (in dB) at the cutoff. */
        HIGHSHELF,
        /** Bell (peaking) of {@code gain} dB at the cutoff. */
        BELL;

        /** The chain-syntax name, e.g. {@code lowshelf}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Highest cutoff as a fraction of the sample rate; higher settings are clamped to it. */
    public static final double MAX_FREQUENCY_RATIO = 0.49;

    /** The descriptor: {@code svf mode=<mode> freq=<Hz> q=<Q> gain=<dB>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("svf",
            "State-variable filter (TPT): low, high, band, notch, peak, all-pass, shelves, bell; modulation-safe",
            List.of(ParameterSpec.choice("mode", modeNames(), 0, "filter output"),
                    ParameterSpec.number("freq", "Hz", 10, 40_000, 1000, "cutoff or centre frequency, clamped to 0.49 fs")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("q", "", 0.1, 30, 0.7071, "resonance; 0.7071 is Butterworth")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("gain", "dB", -30, 30, 0, "gain of bell and shelves")),
            0, StateVariableFilter::new);

    private static final Mode[] MODES = Mode.values();

    private final Parameter mode = parameter("mode");
    private final Parameter freq = parameter("freq");
    private final Parameter q = parameter("q");
    private final Parameter gain = parameter("gain");

    private double maxHz;
    private double[] ic1 = new double[0];
    private double[] ic2 = new double[0];
    // Coefficients for the last settings, and those settings (NaN: none yet).
    private double lastMode = Double.NaN;
    private double lastFreq = Double.NaN;
    private double lastQ = Double.NaN;
    private double lastGain = Double.NaN;
    private final double[] scratch = new double[5];
    private double a1;
    private double a2;
    private double a3;
    private double m0;
    private double m1;
    private double m2;

    /** A low-pass at 1 kHz, Q 0.7071. */
    public StateVariableFilter() {
        super(DESCRIPTOR);
    }

    private static List<String> modeNames() {
        List<String> names = new ArrayList<>();
        for (Mode m : Mode.values()) {
            names.add(m.id());
        }
        return names;
    }

    /** Sets the mode. Returns this. */
    public StateVariableFilter setMode(Mode m) {
        mode.set(m.ordinal());
        return this;
    }

    /** The mode last set. */
    public Mode mode() {
        return MODES[(int) mode.get()];
    }

    /** Sets the cutoff in Hz, 10 to 40,000 (clamped to 0.49 fs when processing). Returns this. */
    public StateVariableFilter setFrequencyHz(double hz) {
        freq.set(hz);
        return this;
    }

    /** Sets Q, 0.1 to 30. Returns this. */
    public StateVariableFilter setQ(double value) {
        q.set(value);
        return this;
    }

    /** Sets the bell or shelf gain in dB, -30 to +30. Returns this. */
    public StateVariableFilter setGainDb(double db) {
        gain.set(db);
        return this;
    }

    /**
     * The biquad equal to the SVF at fixed settings: the bilinear transform of
     * {@code (m0 (s^2 + k s + 1) + m1 s + m2) / (s^2 + k s + 1)} with {@code s = (1 - z^-1) / (g (1 + z^-1))}.
     *
     * @param hz cutoff, clamped to {@link #MAX_FREQUENCY_RATIO} of {@code sampleRate}
     */
    public static BiquadCoefficients equivalentBiquad(Mode m, double sampleRate, double hz, double q, double gainDb) {
        double[] c = new double[5];
        design(m, Math.tan(Math.PI * Math.min(hz, MAX_FREQUENCY_RATIO * sampleRate) / sampleRate), q, gainDb, c);
        double g = c[0];
        double k = c[1];
        double c2 = c[2];
        double c1 = c[2] * k + c[3];
        double c0 = c[2] + c[4];
        double gg = g * g;
        return BiquadCoefficients.of(sampleRate, c2 + c1 * g + c0 * gg, 2 * (c0 * gg - c2), c2 - c1 * g + c0 * gg,
                1 + k * g + gg, 2 * (gg - 1), 1 - k * g + gg);
    }

    /** Writes {@code g, k, m0, m1, m2} for prewarped cutoff {@code t = tan(pi fc / fs)}. */
    private static void design(Mode m, double t, double q, double gainDb, double[] out) {
        double g = t;
        double k = 1 / q;
        double mm0;
        double mm1;
        double mm2;
        double a = Decibels.toGain(gainDb / 2);
        switch (m) {
            case LOWPASS: mm0 = 0; mm1 = 0; mm2 = 1; break;
            case HIGHPASS: mm0 = 1; mm1 = -k; mm2 = -1; break;
            case BANDPASS: mm0 = 0; mm1 = k; mm2 = 0; break;
            case NOTCH: mm0 = 1; mm1 = -k; mm2 = 0; break;
            case PEAK: mm0 = 1; mm1 = -k; mm2 = -2; break;
            case ALLPASS: mm0 = 1; mm1 = -2 * k; mm2 = 0; break;
            case BELL:
                k = 1 / (q * a);
                mm0 = 1; mm1 = k * (a * a - 1); mm2 = 0;
                break;
            case LOWSHELF:
                g = t / Math.sqrt(a);
                mm0 = 1; mm1 = k * (a - 1); mm2 = a * a - 1;
                break;
            default:
                g = t * Math.sqrt(a);
                mm0 = a * a; mm1 = k * (1 - a) * a; mm2 = 1 - a * a;
                break;
        }
        out[0] = g;
        out[1] = k;
        out[2] = mm0;
        out[3] = mm1;
        out[4] = mm2;
    }

    /** Frames until the output is below -120 dB after the input stops, at the current settings (see {@link RingOut}). */
    @Override
    public int tailFrames() {
        return spec() == null ? 0 : RingOut.frames(java.util.List.of(equivalentBiquad(mode(), spec().sampleRate(), freq.get(), q.get(), gain.get())), spec().sampleRate());
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        return equivalentBiquad(mode(), sampleRate, freq.get(), q.get(), gain.get());
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        maxHz = MAX_FREQUENCY_RATIO * spec.sampleRate();
        ic1 = new double[spec.channels()];
        ic2 = new double[spec.channels()];
        lastMode = Double.NaN;
    }

    @Override
    protected void resetSignal() {
        Arrays.fill(ic1, 0);
        Arrays.fill(ic2, 0);
    }

    /** Recomputes the coefficients if the settings changed; cheap when they did not. */
    private void update(double modeValue, double hz, double qValue, double gainDb) {
        if (modeValue == lastMode && hz == lastFreq && qValue == lastQ && gainDb == lastGain) {
            return;
        }
        lastMode = modeValue;
        lastFreq = hz;
        lastQ = qValue;
        lastGain = gainDb;
        double fs = maxHz / MAX_FREQUENCY_RATIO;
        design(MODES[(int) modeValue], Math.tan(Math.PI * Math.min(hz, maxHz) / fs), qValue, gainDb, scratch);
        double g = scratch[0];
        double k = scratch[1];
        a1 = 1 / (1 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
        m0 = scratch[2];
        m1 = scratch[3];
        m2 = scratch[4];
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        int channels = block.channels();
        if (mode.isSteady() && freq.isSteady() && q.isSteady() && gain.isSteady()) {
            update(mode.current(), freq.current(), q.current(), gain.current());
            mode.advance(n);
            freq.advance(n);
            q.advance(n);
            gain.advance(n);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                for (int i = off; i < off + n; i++) {
                    x[i] = (float) tick(c, x[i]);
                }
            }
            return;
        }
        double[] mv = mode.render(n);
        double[] fv = freq.render(n);
        double[] qv = q.render(n);
        double[] gv = gain.render(n);
        for (int i = 0; i < n; i++) {
            update(mv[i], fv[i], qv[i], gv[i]);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                x[off + i] = (float) tick(c, x[off + i]);
            }
        }
    }

    private double tick(int c, double v0) {
        double s1 = ic1[c];
        double s2 = ic2[c];
        double v3 = v0 - s2;
        double v1 = a1 * s1 + a2 * v3;
        double v2 = s2 + a2 * s1 + a3 * v3;
        s1 = 2 * v1 - s1;
        s2 = 2 * v2 - s2;
        ic1[c] = Math.abs(s1) < BiquadKernel.FLUSH ? 0 : s1;
        ic2[c] = Math.abs(s2) < BiquadKernel.FLUSH ? 0 : s2;
        return m0 * v0 + m1 * v1 + m2 * v2;
    }
}
