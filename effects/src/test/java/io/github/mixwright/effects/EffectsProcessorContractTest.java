package io.github.mixwright.effects;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Every processor this module registers keeps the processor contract. */
class EffectsProcessorContractTest extends ProcessorContract {
    /** mix=0 leaves the input unchanged, bit for bit. */
    static final Map<String, String> IDENTITIES = Map.of("delay", "mix=0", "saturator", "mix=0", "exciter", "mix=0", "chorus", "mix=0",
            "flanger", "mix=0", "reverb", "mix=0", "convolver", "mix=0");

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

    /** The convolver needs a response: a decaying 2000-frame mono one, written once. */
    @Override
    protected Map<String, String> required() {
        return Map.of("convolver", "ir=\"" + contractResponse() + "\"");
    }

    /** A mono response file for contract runs, in a temporary folder removed when the JVM exits. */
    static synchronized Path contractResponse() {
        if (response == null) {
            try {
                Path folder = Files.createTempDirectory("mixwright contract");
                response = ConvolverTest.write(folder.resolve("room ir.wav"), ConvolverTest.response(1, 2000, 5), 48_000);
                response.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return response;
    }

    private static Path response;
}
