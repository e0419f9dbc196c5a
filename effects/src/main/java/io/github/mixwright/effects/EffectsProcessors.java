package io.github.mixwright.effects;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorProvider;
import java.util.List;

/** Offers the effects module's processors to the {@link io.github.mixwright.core.ProcessorRegistry}. */
public final class EffectsProcessors implements ProcessorProvider {
    /** Needed by {@link java.util.ServiceLoader}. */
    public EffectsProcessors() {
    }

    @Override
    public List<ProcessorDescriptor> processors() {
        return List.of(Delay.DESCRIPTOR, Saturator.DESCRIPTOR, Exciter.DESCRIPTOR, Chorus.DESCRIPTOR, Flanger.DESCRIPTOR,
                Reverb.DESCRIPTOR, Convolver.DESCRIPTOR);
    }
}
