package io.github.mixwright.core;

import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;

/** Every core processor keeps the {@link ProcessorContract}. */
class CoreProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return new CoreProcessors().processors();
    }
}
