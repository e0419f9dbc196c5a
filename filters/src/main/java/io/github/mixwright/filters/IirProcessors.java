package io.github.mixwright.filters;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorProvider;
import java.util.List;

/**
 * Offers the biquad processors of this module ({@code lowpass}, {@code highpass}, {@code bandpass},
 * {@code notch}, {@code allpass}, {@code peak}, {@code lowshelf}, {@code highshelf}, {@code lowpass1},
 * {@code highpass1}, {@code lowshelf1}, {@code highshelf1}; see {@link CookbookFilter}), the parametric
 * {@code eq} ({@link ParametricEq}) and the linear-phase {@code lineq} ({@link LinearPhaseEq}) to the
 * {@link io.github.mixwright.core.ProcessorRegistry}. Thread-safe (stateless).
 */
public final class IirProcessors implements ProcessorProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public IirProcessors() {
    }

    @Override
    public List<ProcessorDescriptor> processors() {
        List<ProcessorDescriptor> all = new java.util.ArrayList<>(CookbookFilter.descriptors());
        all.add(ParametricEq.DESCRIPTOR);
        all.add(LinearPhaseEq.DESCRIPTOR);
        return List.copyOf(all);
    }
}
