package io.github.mixwright.mix;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One stage of a render that moves work between queues (reading ahead, writing behind), run on a thread
 * the caller lends or, when none is free, by the thread that waits for it.
 *
 * <p>A step never blocks on another stage: it does one unit of work when its input is there and returns
 * false otherwise. So a pump cannot deadlock on any executor, even one with a single thread that is busy
 * elsewhere, a direct executor, or none: a thread that needs the pump's output first {@link #help()}s,
 * running the steps itself unless another thread is running them. At most one thread steps at a time,
 * under a lock, so a stage's work keeps its order.
 *
 * <p>{@link #signal()} after adding input; {@link #close()} stops it and waits for a step in progress.
 */
final class Pump {
    /**
     * One unit of work: true if it did one, false if there was nothing to do. On a lent thread
     * ({@code lent}) a step may wait briefly for its input (a few milliseconds, never unboundedly), which
     * saves waking a thread per block; on a thread that helps it must not wait.
     */
    interface Step {
        boolean step(boolean lent);
    }

    private final Step step;
    private final BooleanSupplier ready;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable task = this::runLent;
    private volatile boolean closed;

    /**
     * @param ready whether a step would find work (asked after stepping, to catch input that arrived
     *     while this pump was finishing)
     * @param executor lends threads, or null to run only in {@link #help()}
     */
    Pump(Step step, BooleanSupplier ready, Executor executor) {
        this.step = step;
        this.ready = ready;
        this.executor = executor;
    }

    /** Input has arrived: runs the pump on a lent thread unless one is already on its way. */
    void signal() {
        if (executor == null || closed || scheduled.getAndSet(true)) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // a pool that is shutting down or full: the waiting thread helps instead
            scheduled.set(false);
        }
    }

    private void runLent() {
        scheduled.set(false);
        run(true);
    }

    /**
     * Steps on this thread until there is nothing to do, unless another thread is stepping (which then
     * sees the new input itself before it stops).
     */
    void help() {
        run(false);
    }

    private void run(boolean lent) {
        while (!closed && lock.tryLock()) {
            try {
                while (!closed && step.step(lent)) {
                    // keep going
                }
            } finally {
                lock.unlock();
            }
            if (!ready.getAsBoolean()) {
                return;
            }
        }
    }

    /** No more steps start; returns once a step in progress on another thread has ended. */
    void close() {
        closed = true;
        lock.lock();
        lock.unlock();
    }
}
