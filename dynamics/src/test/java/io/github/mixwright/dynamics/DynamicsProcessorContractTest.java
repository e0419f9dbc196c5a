package io.github.mixwright.dynamics;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;

/** Every processor this module registers keeps the processor contract. */
class DynamicsProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return new DynamicsProcessors().processors();
    }
}
