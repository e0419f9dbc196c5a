package io.github.mixwright.dynamics;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import java.util.Map;

/** Every processor this module registers keeps the processor contract. */
class DynamicsProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return new DynamicsProcessors().processors();
    }

    /**
     * Ratio 1 and a range of 0 dB reduce nothing; a 0 dBTP ceiling leaves the contract's quarter-scale
     * signal alone. The multiband's crossovers sum to an all-pass, not to the input.
     */
    @Override
    protected Map<String, String> identities() {
        return Map.of("compressor", "ratio=1", "gate", "range=0", "deesser", "range=0", "multiband", NO_IDENTITY,
                "limiter", "ceiling=0");
    }
}
