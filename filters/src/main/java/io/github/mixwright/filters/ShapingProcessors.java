package io.github.mixwright.filters;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorProvider;
import java.util.List;

/**
 * Offers this module's tone-shaping filters to the {@link io.github.mixwright.core.ProcessorRegistry}:
 * {@code svf}, {@code dcblock}, {@code butterworth} and {@code linkwitz-riley}. Listed in
 * {@code META-INF/services/io.github.mixwright.core.ProcessorProvider}. Stateless and thread-safe.
 */
public final class ShapingProcessors implements ProcessorProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public ShapingProcessors() {
    }

    @Override
    public List<ProcessorDescriptor> processors() {
        return List.of(StateVariableFilter.DESCRIPTOR, DcBlocker.DESCRIPTOR, ButterworthFilter.DESCRIPTOR,
                LinkwitzRileyFilter.DESCRIPTOR);
    }
}
