package io.github.mixwright.effects;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Every processor this module registers keeps the processor contract. */
class EffectsProcessorContractTest extends ProcessorContract {
    /** mix=0 leaves the input unchanged, bit for bit. */
    static final Map<String, String> IDENTITIES = Map.of("delay", "mix=0", "saturator", "mix=0", "exciter", "mix=0", "chorus", "mix=0",
            "flanger", "mix=0", "reverb", "mix=0");

    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all().stream()
                .filter(d -> d.create().getClass().getPackageName().equals("io.github.mixwright.effects"))
                .collect(Collectors.toList());
    }

    @Override
    protected Map<String, String> identities() {
        return IDENTITIES;
    }
}
