package io.github.mixwright.filters;

import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.testing.ProcessorContract;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Every processor this module registers keeps the processor contract. */
class FiltersProcessorContractTest extends ProcessorContract {
    @Override
    protected Collection<ProcessorDescriptor> descriptors() {
        return ProcessorRegistry.load().all().stream()
                .filter(d -> d.create().getClass().getPackageName().equals("io.github.mixwright.filters"))
                .collect(Collectors.toList());
    }

    /** Every filter this module registers; gain 0 makes the peaks and shelves flat, so exactly the input. */
    static final Map<String, String> IDENTITIES = Map.ofEntries(
            Map.entry("lowpass", NO_IDENTITY), Map.entry("highpass", NO_IDENTITY),
            Map.entry("bandpass", NO_IDENTITY), Map.entry("notch", NO_IDENTITY),
            Map.entry("allpass", NO_IDENTITY), Map.entry("peak", "gain=0"),
            Map.entry("lowshelf", "gain=0"), Map.entry("highshelf", "gain=0"),
            Map.entry("lowpass1", NO_IDENTITY), Map.entry("highpass1", NO_IDENTITY),
            Map.entry("lowshelf1", "gain=0"), Map.entry("highshelf1", "gain=0"),
            Map.entry("svf", "mode=bell gain=0"), Map.entry("dcblock", NO_IDENTITY),
            Map.entry("butterworth", NO_IDENTITY), Map.entry("linkwitz-riley", NO_IDENTITY),
            Map.entry("eq", "b1type=peak b1gain=0 b2type=lowshelf b2gain=0"), Map.entry("lineq", "taps=4096"));

    @Override
    protected Map<String, String> identities() {
        return IDENTITIES;
    }
}
