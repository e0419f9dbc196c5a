package io.github.mixwright.filters;

import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.List;

/**
 * A Linkwitz-Riley low-pass or high-pass processor, LR2, LR4 or LR8, built from the sections of
 * {@link LinkwitzRiley} (-6.02 dB at the crossover; the LR2 high-pass is inverted so that low-pass
 * plus high-pass is an all-pass, see {@link LinkwitzRiley}).
 *
 * <p>Parameters: {@code type} lowpass|highpass (default lowpass); {@code freq} 10 to 40,000 Hz,
 * default 1,000, smoothed multiplicatively over 20 ms with the sections redesigned every sample of
 * the glide, and clamped to 0.49 fs at the rate actually prepared; {@code order} one of
 * {@code 2|4|8} (a choice: on the command line {@code order=4}; as a number it is the index 0, 1, 2),
 * default 4.
 *
 * <p>Multichannel; direct form I with double state (see {@link Biquad}); {@code process} never
 * allocates; denormals are flushed in the state. A change of {@code type} or {@code order} restarts
 * the filter from silence at that sample. Not thread-safe.
 */
public final class LinkwitzRileyFilter extends SectionFilterProcessor<LinkwitzRileyFilter> {
    /** The descriptor: {@code linkwitz-riley type=lowpass|highpass freq=<Hz> order=2|4|8}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("linkwitz-riley",
            "Linkwitz-Riley crossover low-pass or high-pass, LR2/LR4/LR8 (-6 dB at freq)",
            List.of(ParameterSpec.choice("type", List.of("lowpass", "highpass"), 0, "pass band"),
                    ParameterSpec.number("freq", "Hz", 10, 40_000, 1000, "crossover frequency (-6.02 dB), clamped to 0.49 fs")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.choice("order", List.of("2", "4", "8"), 1, "order: 12, 24 or 48 dB/octave")),
            0, LinkwitzRileyFilter::new);

    /** An LR4 low-pass at 1 kHz. */
    public LinkwitzRileyFilter() {
        super(DESCRIPTOR, LinkwitzRiley.sections(8));
    }

    /** Chooses high-pass ({@code true}) or low-pass. Returns this. */
    public LinkwitzRileyFilter setHighPass(boolean highPass) {
        typeParameter().set(highPass ? 1 : 0);
        return this;
    }

    /** Sets the crossover frequency in Hz, 10 to 40,000. Returns this. */
    public LinkwitzRileyFilter setFrequencyHz(double hz) {
        freqParameter().set(hz);
        return this;
    }

    /** Sets the order: 2, 4 or 8. Returns this. */
    public LinkwitzRileyFilter setOrder(int filterOrder) {
        LinkwitzRiley.checkOrder(filterOrder);
        orderParameter().set(Integer.numberOfTrailingZeros(filterOrder) - 1);
        return this;
    }

    @Override
    int orderOf(double orderValue) {
        return 2 << (int) Math.max(0, Math.min(2, Math.rint(orderValue)));
    }

    @Override
    int designInto(double k, int filterOrder, boolean highPass, double[] coefficients) {
        return LinkwitzRiley.designInto(k, filterOrder, highPass, coefficients, 0);
    }

    @Override
    SecondOrderSections design(double rate, double hz, int filterOrder, boolean highPass) {
        return highPass ? LinkwitzRiley.highPass(rate, hz, filterOrder) : LinkwitzRiley.lowPass(rate, hz, filterOrder);
    }
}
