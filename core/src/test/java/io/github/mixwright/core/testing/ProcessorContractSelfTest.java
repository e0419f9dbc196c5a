package io.github.mixwright.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The contract catches processors that break it: a contract test that cannot fail would be worthless. */
class ProcessorContractSelfTest {

    /** Fades in over each block: depends on the block size. */
    static final class PerBlockFade extends ParameterizedProcessor<PerBlockFade> {
        static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("per-block-fade", "broken",
                List.of(ParameterSpec.number("x", "", 0, 1, 0, "unused")), 0, PerBlockFade::new);

        PerBlockFade() {
            super(DESCRIPTOR);
        }

        @Override protected void prepareSignal(ProcessSpec spec) { }

        @Override protected void processSignal(AudioBuffer block) {
            parameter("x").advance(block.frames());
            for (int c = 0; c < block.channels(); c++) {
                for (int i = 0; i < block.frames(); i++) {
                    block.set(c, i, block.get(c, i) * i / block.frames());
                }
            }
        }

        @Override protected void resetSignal() { }
    }

    /** Keeps a running sum that reset forgets to clear, and overflows to infinity. */
    static final class LeakyIntegrator extends ParameterizedProcessor<LeakyIntegrator> {
        static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("leaky", "broken",
                List.of(), 0, LeakyIntegrator::new);
        private double sum;

        LeakyIntegrator() {
            super(DESCRIPTOR);
        }

        @Override protected void prepareSignal(ProcessSpec spec) {
            sum = 0;
        }

        @Override protected void processSignal(AudioBuffer block) {
            for (int i = 0; i < block.frames(); i++) {
                sum = sum * 1e3 + Math.abs(block.get(0, i));
                for (int c = 0; c < block.channels(); c++) {
                    block.set(c, i, (float) sum);
                }
            }
        }

        @Override protected void resetSignal() { }
    }

    static final class Contract extends ProcessorContract {
        @Override
        protected Collection<ProcessorDescriptor> descriptors() {
            return List.of(PerBlockFade.DESCRIPTOR, LeakyIntegrator.DESCRIPTOR);
        }
    }

    @Test
    void brokenProcessorsFailTheirChecks() {
        List<String> failed = new ArrayList<>();
        new Contract().contract().forEach(node -> collect(node, "", failed));
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("per-block-fade/block-size invariance")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("leaky/reset repeats output")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("leaky/finite in, finite out")), failed::toString);
        assertEquals(0, failed.stream().filter(n -> n.contains("bypass")).count(), failed::toString);
    }

    private static void collect(DynamicNode node, String path, List<String> failed) {
        String name = path + node.getDisplayName();
        if (node instanceof DynamicContainer) {
            Stream<? extends DynamicNode> children = ((DynamicContainer) node).getChildren();
            children.forEach(child -> collect(child, name + "/", failed));
        } else {
            try {
                ((DynamicTest) node).getExecutable().execute();
            } catch (Throwable e) {
                failed.add(name);
            }
        }
    }
}
