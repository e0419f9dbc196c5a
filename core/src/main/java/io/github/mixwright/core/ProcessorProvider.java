package io.github.mixwright.core;

import java.util.List;

/**
 * Service interface through which a module offers its processors to the {@link ProcessorRegistry}.
 * Implementations are listed in {@code META-INF/services/io.github.mixwright.core.ProcessorProvider}
 * and need a public no-argument constructor.
 */
public interface ProcessorProvider {
    /** The processors this module offers. */
    List<ProcessorDescriptor> processors();
}
