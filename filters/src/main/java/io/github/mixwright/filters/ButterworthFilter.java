package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.List;

/**
 * A Butterworth low-pass or high-pass processor, orders 1 to 16, built from the sections of
 * {@link Butterworth} (prewarped bilinear transform; -3.01 dB at the cutoff).
 *
 * <p>Parameters: {@code type} lowpass|highpass (default lowpass); {@code freq} 10 to 40,000 Hz,
 * default 1,000, smoothed multiplicatively over 20 ms with the sections redesigned every sample of
 * the glide, and clamped to 0.49 fs at the rate actually prepared (a chain is parsed before a file's
 * rate is known and must not fail mid-file); {@code order} 1 to 16, default 4, not smoothed
 * (non-integer values, e.g. from automation, round to the nearest order).
 *
 * <p>Multichannel; direct form I with double state (see {@link Biquad}); {@code process} never
 * allocates; denormals are flushed in the state. A change of {@code type} or {@code order} restarts
 * the filter from silence at that sample. Not thread-safe.
 */
public final class ButterworthFilter extends SectionFilterProcessor<ButterworthFilter> {
    /** The descriptor: {@code butterworth type=lowpass|highpass freq=<Hz> order=<1..16>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("butterworth",
            "Butterworth low-pass or high-pass, orders 1 to 16 (-3 dB at freq)",
            List.of(ParameterSpec.choice("type", List.of("lowpass", "highpass"), 0, "pass band"),
                    ParameterSpec.number("freq", "Hz", 10, 40_000, 1000, "cutoff (-3.01 dB), clamped to 0.49 fs")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.integer("order", "", Butterworth.MIN_ORDER, Butterworth.MAX_ORDER, 4,
                            "filter order, 6 dB/octave each")),
            0, ButterworthFilter::new);

    /** A 4th-order low-pass at 1 kHz. */
    public ButterworthFilter() {
        super(DESCRIPTOR, Butterworth.sections(Butterworth.MAX_ORDER));
    }

    /** Chooses high-pass ({@code true}) or low-pass. Returns this. */
    public ButterworthFilter setHighPass(boolean highPass) {
        typeParameter().set(highPass ? 1 : 0);
        return this;
    }

    /** Sets the cutoff in Hz, 10 to 40,000. Returns this. */
    public ButterworthFilter setFrequencyHz(double hz) {
        freqParameter().set(hz);
        return this;
    }

    /** Sets the order, 1 to 16. Returns this. */
    public ButterworthFilter setOrder(int filterOrder) {
        orderParameter().set(Checks.inRange("order", filterOrder, Butterworth.MIN_ORDER, Butterworth.MAX_ORDER));
        return this;
    }

    @Override
    int orderOf(double orderValue) {
        return (int) Math.max(Butterworth.MIN_ORDER, Math.min(Butterworth.MAX_ORDER, Math.rint(orderValue)));
    }

    @Override
    int designInto(double k, int filterOrder, boolean highPass, double[] coefficients) {
        return Butterworth.designInto(k, filterOrder, highPass, coefficients, 0);
    }

    @Override
    SecondOrderSections design(double rate, double hz, int filterOrder, boolean highPass) {
        return highPass ? Butterworth.highPass(rate, hz, filterOrder) : Butterworth.lowPass(rate, hz, filterOrder);
    }
}
