package io.github.mixwright.cli;

import io.github.mixwright.core.Chain;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.Processor;

/** The frequency response of a chain whose every stage is a linear filter. */
final class LinearChains {
    private LinearChains() {
    }

    /**
     * The stages' analytic responses multiplied together, at {@code rate}.
     *
     * @throws IllegalArgumentException naming the first stage that is not a linear filter, or if the chain is empty
     */
    static FrequencyResponse response(Chain chain, double rate) {
        FrequencyResponse total = null;
        for (int i = 0; i < chain.size(); i++) {
            Processor stage = chain.stage(i);
            if (!(stage instanceof LinearProcessor)) {
                String name = stage instanceof ParameterizedProcessor
                        ? ((ParameterizedProcessor) stage).descriptor().name() : stage.toString();
                throw new IllegalArgumentException("stage " + (i + 1) + " (" + name
                        + ") has no frequency response: it is not a linear filter");
            }
            FrequencyResponse r = ((LinearProcessor) stage).frequencyResponse(rate);
            total = total == null ? r : total.then(r);
        }
        if (total == null) {
            throw new IllegalArgumentException("--chain is empty: give at least one filter, e.g. \"peak freq=1000 gain=3 q=1\"");
        }
        return total;
    }
}
