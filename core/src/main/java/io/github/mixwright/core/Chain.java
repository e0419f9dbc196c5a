package io.github.mixwright.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Processors run one after another on the same block (after JUCE's {@code ProcessorChain}).
 * A chain is itself a {@link Processor}; its latency is the sum of its active stages' latencies.
 * Each stage can be bypassed: a bypassed stage is skipped entirely (identity, no latency).
 * {@link #setExecutor} lends a pool to every stage that is a {@link ParallelProcessor}.
 *
 * <p>Not thread-safe.
 */
public final class Chain implements ParallelProcessor {
    private final Processor[] stages;
    private final boolean[] bypassed;

    private Chain(Processor[] stages) {
        this.stages = stages;
        this.bypassed = new boolean[stages.length];
    }

    /** A chain of these stages, in order (none is allowed: the identity). */
    public static Chain of(Processor... stages) {
        Processor[] copy = stages.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "stage " + i);
        }
        return new Chain(copy);
    }

    /** A chain of these stages, in order. */
    public static Chain of(List<? extends Processor> stages) {
        return of(stages.toArray(new Processor[0]));
    }

    /** Lends {@code executor} to every stage that takes one (nested chains included); null takes it back. */
    @Override
    public void setExecutor(Executor executor) {
        for (Processor p : stages) {
            if (p instanceof ParallelProcessor) {
                ((ParallelProcessor) p).setExecutor(executor);
            }
        }
    }

    /** Number of stages. */
    public int size() {
        return stages.length;
    }

    /** Stage {@code index}. */
    public Processor stage(int index) {
        Objects.checkIndex(index, stages.length);
        return stages[index];
    }

    /** The stages, in order. */
    public List<Processor> stages() {
        return List.of(stages);
    }

    /** Bypasses (skips) or re-enables stage {@code index}. */
    public void setBypassed(int index, boolean bypass) {
        Objects.checkIndex(index, stages.length);
        bypassed[index] = bypass;
    }

    /** Whether stage {@code index} is bypassed. */
    public boolean isBypassed(int index) {
        Objects.checkIndex(index, stages.length);
        return bypassed[index];
    }

    @Override
    public void prepare(ProcessSpec spec) {
        for (Processor p : stages) {
            p.prepare(spec);
        }
    }

    @Override
    public void process(AudioBuffer block) {
        for (int i = 0; i < stages.length; i++) {
            if (!bypassed[i]) {
                stages[i].process(block);
            }
        }
    }

    @Override
    public void reset() {
        for (Processor p : stages) {
            p.reset();
        }
    }

    @Override
    public int latencyFrames() {
        int sum = 0;
        for (int i = 0; i < stages.length; i++) {
            if (!bypassed[i]) {
                sum += stages[i].latencyFrames();
            }
        }
        return sum;
    }

    /**
     * The sum of the active stages' tails: each stage can ring on for its own tail after the one
     * before it falls silent.
     */
    @Override
    public int tailFrames() {
        long sum = 0;
        for (int i = 0; i < stages.length; i++) {
            if (!bypassed[i]) {
                sum += stages[i].tailFrames();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < stages.length; i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append(stages[i]);
            if (bypassed[i]) {
                s.append(" (bypassed)");
            }
        }
        return s.toString();
    }

    /** Whether any stage is a described processor requiring exactly {@code channels} channels. */
    int requiredChannels() {
        return Arrays.stream(stages).filter(p -> p instanceof ParameterizedProcessor<?>)
                .mapToInt(p -> ((ParameterizedProcessor<?>) p).descriptor().channels())
                .filter(c -> c != 0).max().orElse(0);
    }
}
