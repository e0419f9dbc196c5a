package io.github.mixwright.filters;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import java.util.stream.Collectors;

/** Every processor this module registers keeps the processor contract. */
class FiltersProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all().stream()
                .filter(d -> d.create().getClass().getPackageName().equals("io.github.mixwright.filters"))
                .collect(Collectors.toList());
    }
}
