package io.github.mixwright.filters;

import io.github.mixwright.core.Chain;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.Processor;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains of linear filters as a whole: their frequency response (for plots, the linear-phase EQ and
 * reports), and the fusing of consecutive cookbook stages into one faster cascade for a chain whose
 * settings do not move. Thread-safe (stateless).
 */
public final class LinearChains {
    private LinearChains() {
    }

    /**
     * The stages' analytic responses multiplied together, at {@code rate}.
     *
     * @throws IllegalArgumentException naming the first stage that is not a linear filter, or if the chain is empty
     */
    public static FrequencyResponse response(Chain chain, double rate) {
        FrequencyResponse total = null;
        for (int i = 0; i < chain.size(); i++) {
            Processor stage = chain.stage(i);
            if (!(stage instanceof LinearProcessor)) {
                String name = stage instanceof ParameterizedProcessor<?>
                        ? ((ParameterizedProcessor<?>) stage).descriptor().name() : stage.toString();
                throw new IllegalArgumentException("stage " + (i + 1) + " (" + name
                        + ") has no frequency response: it is not a linear filter");
            }
            FrequencyResponse r = ((LinearProcessor) stage).frequencyResponse(rate);
            total = total == null ? r : total.then(r);
        }
        if (total == null) {
            throw new IllegalArgumentException("the chain is empty: give at least one filter, e.g. \"peak freq=1000 gain=3 q=1\"");
        }
        return total;
    }

    /**
     * The chain with every run of two or more consecutive {@link CookbookFilter} stages replaced by one
     * {@link BiquadCascade} of their sections designed at {@code rate}, for a chain whose parameters
     * stay where the chain text set them (as in {@code process}). A cascade runs two sections on two
     * channels in one loop and keeps the signal in double precision between its sections, so four
     * recurrences overlap where separate stages run one at a time, and the float rounding between
     * stages goes. The chain itself if there is nothing to fuse, or if a stage is bypassed. The fused
     * stages no longer follow parameter changes or automation: use it for a chain that is rendered
     * as it stands.
     */
    public static Chain fuseCookbookStages(Chain chain, double rate) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.isBypassed(i)) {
                return chain;
            }
        }
        List<Processor> stages = new ArrayList<>();
        List<BiquadCoefficients> run = new ArrayList<>();
        boolean fused = false;
        for (int i = 0; i <= chain.size(); i++) {
            Processor stage = i < chain.size() ? chain.stage(i) : null;
            BiquadCoefficients section = stage instanceof CookbookFilter
                    && ((CookbookFilter) stage).frequencyResponse(rate) instanceof BiquadCoefficients
                    ? (BiquadCoefficients) ((CookbookFilter) stage).frequencyResponse(rate) : null;
            if (section != null) {
                run.add(section);
                continue;
            }
            if (run.size() > 1) {
                stages.add(BiquadCascade.of(run));
                fused = true;
            } else if (run.size() == 1) {
                stages.add(chain.stage(i - 1));
            }
            run.clear();
            if (stage != null) {
                stages.add(stage);
            }
        }
        return fused ? Chain.of(stages) : chain;
    }
}
