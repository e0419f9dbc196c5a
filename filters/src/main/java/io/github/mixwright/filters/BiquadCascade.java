package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ProcessSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fixed series of second-order sections, each run as in {@link Biquad} (direct form I, double
 * state, denormal flush), with the signal kept in double precision between sections so that a
 * high-order filter does not collect float rounding at every stage. Response: the product of the
 * sections'. No latency.
 *
 * <p>All sections share one sample rate, and the cascade may only be prepared at that rate.
 *
 * <p>Not thread-safe: one thread drives it at a time.
 */
public final class BiquadCascade implements LinearProcessor {
    private final List<BiquadCoefficients> sections;
    private final double[] coefficients;
    private ProcessSpec spec;
    private double[] state = new double[0];
    private BiquadKernel.Chunk chunk;

    private BiquadCascade(List<BiquadCoefficients> sections) {
        this.sections = List.copyOf(sections);
        if (this.sections.isEmpty()) {
            throw new IllegalArgumentException("sections 0 is out of range [1, " + Integer.MAX_VALUE + "]");
        }
        double fs = this.sections.get(0).sampleRate();
        coefficients = new double[5 * this.sections.size()];
        for (int k = 0; k < this.sections.size(); k++) {
            BiquadCoefficients c = Objects.requireNonNull(this.sections.get(k), "section");
            if (c.sampleRate() != fs) {
                throw new IllegalArgumentException("sampleRate " + Checks.format(c.sampleRate()) + " of section " + k
                        + " differs from " + Checks.format(fs));
            }
            coefficients[5 * k] = c.b0();
            coefficients[5 * k + 1] = c.b1();
            coefficients[5 * k + 2] = c.b2();
            coefficients[5 * k + 3] = c.a1();
            coefficients[5 * k + 4] = c.a2();
        }
    }

    /** A cascade of {@code sections}, applied in list order; at least one, all at one sample rate. */
    public static BiquadCascade of(List<BiquadCoefficients> sections) {
        return new BiquadCascade(sections);
    }

    /** A cascade of {@code sections}, applied in argument order. */
    public static BiquadCascade of(BiquadCoefficients... sections) {
        return new BiquadCascade(Arrays.asList(sections));
    }

    /** The sections, in processing order. */
    public List<BiquadCoefficients> sections() {
        return sections;
    }

    /** The sample rate of the sections. */
    public double sampleRate() {
        return sections.get(0).sampleRate();
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        FrequencyResponse r = Biquad.fixed(sections.get(0)).apply(sampleRate);
        for (int k = 1; k < sections.size(); k++) {
            r = r.then(sections.get(k));
        }
        return r;
    }

    @Override
    public void prepare(ProcessSpec newSpec) {
        Objects.requireNonNull(newSpec, "spec");
        Biquad.fixed(sections.get(0)).apply(newSpec.sampleRate());
        state = new double[4 * sections.size() * newSpec.channels()];
        chunk = new BiquadKernel.Chunk(newSpec.channels());
        spec = newSpec;
    }

    @Override
    public void process(AudioBuffer block) {
        Biquad.checkBlock("biquad cascade", spec, block);
        int count = sections.size();
        // section k of channel ch at 4 (count ch + k)
        BiquadKernel.process(block, coefficients, 0, count, state, 0, 4, 4 * count, chunk);
    }

    @Override
    public void reset() {
        Arrays.fill(state, 0);
    }

    /** Frames until the output is below -120 dB after the input stops (see {@link RingOut}); 0 before prepare. */
    @Override
    public int tailFrames() {
        return spec == null ? 0 : RingOut.frames(sections, spec.sampleRate());
    }
}
