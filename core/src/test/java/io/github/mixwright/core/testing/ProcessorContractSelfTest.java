package io.github.mixwright.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Claims to be the identity at level 1 and to have no latency or tail, but halves the signal
     * below level 1 and echoes each sample 100 frames later; its lookahead is fixed at prepare but
     * read on every block.
     */
    static final class FalseIdentity extends ParameterizedProcessor<FalseIdentity> {
        static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("false-identity", "broken",
                List.of(ParameterSpec.number("level", "", 0, 1, 0.5, "1 claims to be the identity"),
                        ParameterSpec.integer("echo", "", 0, 1, 0, "1 echoes"),
                        ParameterSpec.integer("lookahead", "", 0, 4, 0, "fixed at prepare").fixedAtPrepare()),
                0, FalseIdentity::new);
        private final float[][] history = new float[8][100];
        private int at;

        FalseIdentity() {
            super(DESCRIPTOR);
        }

        @Override protected void processSignal(AudioBuffer block) {
            double level = parameter("level").current() == 1 ? 0.5 : parameter("level").current();
            boolean echo = parameter("echo").current() == 1;
            for (Parameter p : parameters()) {
                p.advance(block.frames());
            }
            for (int i = 0; i < block.frames(); i++) {
                for (int c = 0; c < block.channels(); c++) {
                    float x = block.get(c, i);
                    block.set(c, i, (float) (x * level + (echo ? history[c][at] : 0)));
                    history[c][at] = x;
                }
                at = (at + 1) % 100;
            }
        }

        @Override protected void resetSignal() {
            for (float[] h : history) {
                java.util.Arrays.fill(h, 0);
            }
            at = 0;
        }
    }

    static final class Contract extends ProcessorContract {
        private final Collection<ProcessorDescriptor> descriptors;
        private final Map<String, String> identities;

        Contract(Collection<ProcessorDescriptor> descriptors, Map<String, String> identities) {
            this.descriptors = descriptors;
            this.identities = identities;
        }

        @Override
        protected Collection<ProcessorDescriptor> descriptors() {
            return descriptors;
        }

        @Override
        protected Map<String, String> identities() {
            return identities;
        }
    }

    private static List<String> failures(Contract contract) {
        List<String> failed = new ArrayList<>();
        contract.contract().forEach(node -> collect(node, "", failed));
        return failed;
    }

    @Test
    void brokenProcessorsFailTheirChecks() {
        List<String> failed = failures(new Contract(List.of(PerBlockFade.DESCRIPTOR, LeakyIntegrator.DESCRIPTOR,
                FalseIdentity.DESCRIPTOR), Map.of("per-block-fade", ProcessorContract.NO_IDENTITY,
                "leaky", ProcessorContract.NO_IDENTITY, "false-identity", "level=1 echo=0")));
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("per-block-fade/block-size invariance")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("leaky/reset repeats output")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("leaky/finite in, finite out")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("false-identity/identity settings")), failed::toString);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("false-identity/silent within tailFrames, random")),
                failed::toString);
        assertEquals(0, failed.stream().filter(n -> n.contains("bypassed in a chain")).count(), failed::toString);
        assertFalse(failed.contains("registers exactly the expected processors"), failed::toString);
    }

    @Test
    void aWrongOrEmptyListOfNamesFails() {
        assertTrue(failures(new Contract(List.of(), Map.of())).contains("registers exactly the expected processors"));
        assertTrue(failures(new Contract(List.of(PerBlockFade.DESCRIPTOR),
                Map.of("per-block-fade", "", "leaky", ""))).contains("registers exactly the expected processors"));
    }

    @Test
    void aFixedParameterThatIsSilentlyIgnoredFails() {
        // FalseIdentity reads nothing at prepare, but the base class still refuses a changed lookahead:
        // the misuse check passes only because the base class enforces it for every processor.
        List<String> failed = failures(new Contract(List.of(FalseIdentity.DESCRIPTOR),
                Map.of("false-identity", ProcessorContract.NO_IDENTITY)));
        assertFalse(failed.stream().anyMatch(n -> n.contains("misuse")), failed::toString);
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
