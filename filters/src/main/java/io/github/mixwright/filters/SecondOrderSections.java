package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cascade of second-order sections: the product of the sections' transfer functions,
 * <pre>
 *   H(z) = H_1(z) H_2(z) ... H_n(z)
 * </pre>
 * as designed by {@link Butterworth} and {@link LinkwitzRiley}. An empty cascade is the identity.
 *
 * <p>The response is the product of the sections' responses and the group delay the sum of their
 * group delays, both analytic (see {@link BiquadCoefficients}). Keeping the design as separate
 * sections rather than one high-order polynomial is what keeps a 16th-order filter numerically sound:
 * expanded polynomials of that order lose their pole positions to rounding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sampleRate Hz, greater than 0; every section has this rate
 * @param sections the sections in processing order (copied; first-order sections have
 *        {@code b2 = a2 = 0})
 */
public record SecondOrderSections(double sampleRate, List<BiquadCoefficients> sections) implements FrequencyResponse {

    /** Validates: positive finite rate, every section at that rate. */
    public SecondOrderSections {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(sampleRate) + " is out of range (0, Infinity)");
        }
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
        for (BiquadCoefficients s : sections) {
            if (s.sampleRate() != sampleRate) {
                throw new IllegalArgumentException("section sampleRate " + Checks.format(s.sampleRate())
                        + " differs from " + Checks.format(sampleRate));
            }
        }
    }

    /** The cascade of the given sections (at least one, all at one rate). */
    public static SecondOrderSections of(BiquadCoefficients... sections) {
        if (sections.length == 0) {
            throw new IllegalArgumentException("sections 0 is out of range [1, Infinity); use new SecondOrderSections(rate, List.of())");
        }
        return new SecondOrderSections(sections[0].sampleRate(), List.of(sections));
    }

    /** This cascade followed by {@code next}'s sections (same sample rate). */
    public SecondOrderSections followedBy(SecondOrderSections next) {
        List<BiquadCoefficients> all = new ArrayList<>(sections);
        all.addAll(next.sections);
        return new SecondOrderSections(sampleRate, all);
    }

    /** The same cascade with its polarity inverted (the first section's numerator negated). */
    public SecondOrderSections inverted() {
        if (sections.isEmpty()) {
            throw new IllegalStateException("an empty cascade has no section to invert");
        }
        List<BiquadCoefficients> all = new ArrayList<>(sections);
        BiquadCoefficients f = all.get(0);
        all.set(0, new BiquadCoefficients(sampleRate, -f.b0(), -f.b1(), -f.b2(), f.a1(), f.a2()));
        return new SecondOrderSections(sampleRate, all);
    }

    /** The filter order: the number of poles (2 per section, 1 per first-order section). */
    public int order() {
        int n = 0;
        for (BiquadCoefficients s : sections) {
            n += s.a2() == 0 && s.b2() == 0 ? 1 : 2;
        }
        return n;
    }

    @Override
    public Complex response(double hz) {
        Complex h = Complex.ONE;
        for (BiquadCoefficients s : sections) {
            h = h.times(s.response(hz));
        }
        return h;
    }

    @Override
    public double groupDelaySeconds(double hz) {
        double tau = 0;
        for (BiquadCoefficients s : sections) {
            tau += s.groupDelaySeconds(hz);
        }
        return tau;
    }

    /** Largest pole radius over all sections (0 for an empty cascade); stable when below 1. */
    public double poleRadius() {
        double r = 0;
        for (BiquadCoefficients s : sections) {
            r = Math.max(r, s.poleRadius());
        }
        return r;
    }

    /** Whether every pole lies strictly inside the unit circle. */
    public boolean isStable() {
        for (BiquadCoefficients s : sections) {
            if (!s.isStable()) {
                return false;
            }
        }
        return true;
    }
}
