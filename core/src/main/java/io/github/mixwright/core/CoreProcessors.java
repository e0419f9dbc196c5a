package io.github.mixwright.core;

import java.util.List;

/** Offers the core module's processors to the {@link ProcessorRegistry}. */
public final class CoreProcessors implements ProcessorProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public CoreProcessors() {
    }

    @Override
    public List<ProcessorDescriptor> processors() {
        return List.of(Gain.DESCRIPTOR, Panner.DESCRIPTOR, StereoWidth.DESCRIPTOR, Polarity.DESCRIPTOR);
    }
}
