package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ProcessSpec;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * One second-order section applied to every channel: {@code H(z) = (b0 + b1 z^-1 + b2 z^-2) /
 * (1 + a1 z^-1 + a2 z^-2)}, with double-precision state per channel and float samples.
 *
 * <p><b>Structure: direct form I.</b> The state of each channel is its last two inputs and outputs,
 * which do not depend on the coefficients. {@link #setCoefficients} (or a per-sample glide in
 * {@link ParametricEq}) therefore continues the true signal history with the new difference
 * equation; transposed direct form II would carry coefficient-weighted state across the change and
 * produce a transient, and is only attractive for its two state words, which matter little in double
 * precision. Feedback state below {@link io.github.mixwright.core.Denormals#FLUSH} is flushed to zero per sample so decaying tails stay fast.
 *
 * <p>Made either from fixed coefficients ({@link #of(BiquadCoefficients)}, whose sample rate must
 * then match {@link #prepare}) or from a design ({@link #of(FilterType, double, double, double)}),
 * redone at each prepared rate with the frequency clamped to {@code 0.499 sampleRate}. No latency.
 *
 * <p>Not thread-safe: one thread drives it at a time.
 */
public final class Biquad implements LinearProcessor {
    private DoubleFunction<BiquadCoefficients> design;
    private BiquadCoefficients coefficients;
    private ProcessSpec spec;
    private double[] state = new double[0];
    private double[] packed = new double[0];

    private Biquad(DoubleFunction<BiquadCoefficients> design) {
        this.design = design;
    }

    /** A section with fixed coefficients; it may only be prepared at {@code coefficients.sampleRate()}. */
    public static Biquad of(BiquadCoefficients coefficients) {
        return new Biquad(fixed(coefficients));
    }

    /**
     * A section designed at whatever rate it is prepared for.
     *
     * @param frequencyHz in (0, 1e6]; clamped to {@code 0.499 sampleRate} when designed
     * @param q [0.025, 100]
     * @param gainDb [-48, 48]
     */
    public static Biquad of(FilterType type, double frequencyHz, double q, double gainDb) {
        EqBand band = EqBand.of(type, frequencyHz, q, gainDb);
        return new Biquad(band::coefficients);
    }

    static DoubleFunction<BiquadCoefficients> fixed(BiquadCoefficients coefficients) {
        Objects.requireNonNull(coefficients, "coefficients");
        return fs -> {
            if (fs != coefficients.sampleRate()) {
                throw new IllegalArgumentException("sampleRate " + Checks.format(fs) + " differs from the coefficients' "
                        + Checks.format(coefficients.sampleRate()) + "; design them at the processing rate");
            }
            return coefficients;
        };
    }

    /**
     * Replaces the coefficients from the next sample on, keeping the signal history (no reset). They must
     * be at the prepared sample rate, if prepared. The change is not smoothed; see {@link ParametricEq}
     * for gliding changes.
     */
    public void setCoefficients(BiquadCoefficients newCoefficients) {
        DoubleFunction<BiquadCoefficients> d = fixed(newCoefficients);
        if (spec != null) {
            d.apply(spec.sampleRate());
            coefficients = newCoefficients;
        }
        design = d;
    }

    /**
     * The coefficients in use.
     *
     * @throws IllegalStateException before {@link #prepare} for a section made from a design
     */
    public BiquadCoefficients coefficients() {
        if (coefficients == null) {
            throw new IllegalStateException("biquad: coefficients are designed at prepare; prepare first");
        }
        return coefficients;
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        return design.apply(sampleRate);
    }

    @Override
    public void prepare(ProcessSpec newSpec) {
        Objects.requireNonNull(newSpec, "spec");
        coefficients = design.apply(newSpec.sampleRate());
        BiquadCoefficients c = coefficients;
        packed = new double[] {c.b0(), c.b1(), c.b2(), c.a1(), c.a2()};
        state = new double[4 * newSpec.channels()];
        spec = newSpec;
    }

    @Override
    public void process(AudioBuffer block) {
        checkBlock("biquad", spec, block);
        BiquadKernel.process(block, packed, 0, 1, state, 0, 0, 4, null);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, 0);
    }

    /** The processing contract's checks, shared by this package's processors that have no descriptor. */
    static void checkBlock(String name, ProcessSpec spec, AudioBuffer block) {
        if (spec == null) {
            throw new IllegalStateException(name + ": process called before prepare");
        }
        if (block.frames() > spec.maxBlockFrames()) {
            throw new IllegalArgumentException(name + ": block of " + block.frames() + " frames is out of range [0, "
                    + spec.maxBlockFrames() + "] (the prepared maxBlockFrames)");
        }
        if (block.channels() != spec.channels()) {
            throw new IllegalArgumentException(name + ": block has " + block.channels() + " channels, prepared for "
                    + spec.channels());
        }
    }

    /** Frames until the output is below -120 dB after the input stops (see {@link RingOut}); 0 before prepare. */
    @Override
    public int tailFrames() {
        return spec == null ? 0 : RingOut.frames(java.util.List.of(coefficients), spec.sampleRate());
    }
}
