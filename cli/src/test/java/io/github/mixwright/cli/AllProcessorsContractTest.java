package io.github.mixwright.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/**
 * Every processor the command can reach, from every module on the class path, keeps the
 * processor contract: the command line sees exactly what the registry offers, so this is the list
 * that has to be right.
 */
class AllProcessorsContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all();
    }

    @Test
    void theRegistryIsNotEmpty() {
        assertTrue(ProcessorRegistry.load().all().size() >= 4);
    }
}
