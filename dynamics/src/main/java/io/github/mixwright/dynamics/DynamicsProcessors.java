package io.github.mixwright.dynamics;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorProvider;
import java.util.List;

/**
 * Offers this module's processors to the {@link io.github.mixwright.core.ProcessorRegistry}:
 * {@code compressor}, {@code gate}, {@code deesser}, {@code multiband} and {@code limiter}. Listed in {@code META-INF/services/io.github.mixwright.core.ProcessorProvider}.
 * Stateless and thread-safe.
 */
public final class DynamicsProcessors implements ProcessorProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public DynamicsProcessors() {
    }

    @Override
    public List<ProcessorDescriptor> processors() {
        return List.of(Compressor.DESCRIPTOR, Gate.DESCRIPTOR, DeEsser.DESCRIPTOR, MultibandCompressor.DESCRIPTOR,
                TruePeakLimiter.DESCRIPTOR);
    }
}
