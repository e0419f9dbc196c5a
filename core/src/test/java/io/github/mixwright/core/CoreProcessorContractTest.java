package io.github.mixwright.core;

import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import java.util.Map;

/** Every core processor keeps the {@link ProcessorContract}. */
class CoreProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all();
    }

    @Override
    protected Map<String, String> identities() {
        return Map.of("gain", "db=0", "pan", "position=0 mode=balance", "width", "amount=1",
                "polarity", NO_IDENTITY);
    }
}
