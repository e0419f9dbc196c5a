package io.github.mixwright.core;

import java.util.concurrent.Executor;

/**
 * A {@link Processor} that can spread the work of one block over threads it is lent, for example its
 * channels where they are independent. The output is bit-identical with or without them, for any
 * pool; only the time differs. Work too small to be worth handing over stays on the calling thread.
 *
 * <p>The caller owns the pool and keeps it running while it processes; the processor never shuts it
 * down. {@link Chain} lends its pool to every stage that takes one.
 */
public interface ParallelProcessor extends Processor {
    /** Lends {@code executor} for the work of each block; {@code null} works on the calling thread. */
    void setExecutor(Executor executor);
}
