package io.github.mixwright.core;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * One fork and join of a fixed number of independent tasks, such as the channels of a block, built once
 * and reused for every block without allocating.
 *
 * <p>{@link #run(Executor)} calls {@code task.accept(i)} for every {@code i} from 0 to
 * {@code count - 1}: tasks 1 to {@code count - 1} on the lent executor, task 0 on the calling thread
 * (which would otherwise wait idle), and returns when all of them have finished. Everything a task
 * wrote is then visible to the caller. With a {@code null} executor, or one task, every task runs on
 * the calling thread in index order.
 *
 * <p>Why not {@code CompletableFuture}: a future, its lambda and the array to join them are allocated
 * for every block, and the processing contract forbids allocation once prepared. Here the runnables,
 * the counter and the failure slot exist once; the caller waits by parking
 * ({@link LockSupport#park(Object)}), and the last task to finish wakes it. Whether the executor itself
 * allocates to queue a runnable is the executor's affair ({@code ThreadPoolExecutor} with a linked
 * queue allocates a queue node for each).
 *
 * <p>Failures: when tasks throw, {@code run} still waits for every task, then rethrows one failure:
 * the calling thread's own if it has one, otherwise the first a worker reported. A
 * {@link RuntimeException} or an {@link Error} is rethrown as it is, not wrapped; anything else (a
 * checked exception thrown sneakily) arrives wrapped in a {@link CompletionException}. An executor
 * that rejects a task ({@link RejectedExecutionException}, for example a pool that has been shut down)
 * costs only time: that task and the ones not yet handed over run on the calling thread, and the
 * results are the same.
 *
 * <p>The task receives only its index: it reads what a block needs (the block, a range) from fields
 * the caller sets before {@code run}, so that one lambda, created once, serves every block.
 *
 * <p>Not thread-safe: one thread calls {@code run} at a time, and {@code run} is not reentrant.
 */
public final class ChannelTasks {
    private final int count;
    private final IntConsumer task;
    /** {@code forks[i]} runs task {@code i + 1} on a worker and reports to this object. */
    private final Runnable[] forks;
    /** Forked tasks not yet finished. */
    private final AtomicInteger pending = new AtomicInteger();
    /** The first failure a worker reported in the present run. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The thread waiting in {@link #run}, woken by the last task to finish. */
    private volatile Thread waiter;

    /**
     * Tasks {@code task.accept(0)} to {@code task.accept(count - 1)}.
     *
     * @param count number of tasks, 1 to 1,024
     * @param task called once per index and run; must not call {@link #run} of this object
     * @throws IllegalArgumentException {@code "count <value> is out of range [1, 1024]"}
     */
    public ChannelTasks(int count, IntConsumer task) {
        this.count = Checks.inRange("count", count, 1, 1024);
        this.task = Objects.requireNonNull(task, "task");
        this.forks = new Runnable[count - 1];
        for (int i = 1; i < count; i++) {
            int index = i;
            forks[i - 1] = () -> runForked(index);
        }
    }

    /** Number of tasks. */
    public int count() {
        return count;
    }

    /**
     * Runs every task once and returns when all have finished: tasks 1 to {@code count - 1} on
     * {@code executor}, task 0 on the calling thread; with {@code executor == null} all of them on the
     * calling thread, in index order. Allocates nothing (beyond what the executor does to queue).
     *
     * @throws RuntimeException or {@link Error}: a task's own, unwrapped, after every task has finished
     */
    public void run(Executor executor) {
        if (executor == null || count == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        failure.set(null);
        waiter = Thread.currentThread();
        pending.set(count - 1);
        int forked = 0;
        try {
            for (; forked < count - 1; forked++) {
                executor.execute(forks[forked]);
            }
        } catch (RejectedExecutionException e) {
            // The tasks never handed over are no longer pending; they run here, after task 0.
            pending.addAndGet(-(count - 1 - forked));
        }
        Throwable own = null;
        try {
            task.accept(0);
            for (int i = forked + 1; i < count; i++) {
                task.accept(i);
            }
        } catch (RuntimeException | Error e) {
            own = e;
        }
        // Wait even after a failure here: the workers still use the caller's buffers until they finish.
        while (pending.get() != 0) {
            LockSupport.park(this);
        }
        waiter = null;
        Throwable first = own != null ? own : failure.get();
        if (first != null) {
            failure.set(null);
            throw unchecked(first);
        }
    }

    private void runForked(int index) {
        try {
            task.accept(index);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            Thread w = waiter;
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(w);
            }
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new CompletionException(t);
    }
}
