package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared fork/join: every task once, task 0 on the caller, failures unwrapped after the join. */
class ChannelTasksTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void runsEveryTaskOnceAndTaskZeroOnTheCallingThread() {
        for (int count : new int[] {1, 2, 3, 8}) {
            Thread[] ranOn = new Thread[count];
            int[] runs = new int[count];
            ChannelTasks tasks = new ChannelTasks(count, i -> {
                ranOn[i] = Thread.currentThread();
                runs[i]++;
            });
            for (int round = 1; round <= 50; round++) {
                tasks.run(pool);
                for (int i = 0; i < count; i++) {
                    assertEquals(round, runs[i], "count " + count + ", task " + i + ": writes are visible after run");
                }
                assertSame(Thread.currentThread(), ranOn[0]);
            }
            assertEquals(count, tasks.count());
        }
    }

    @Test
    void withoutAnExecutorTasksRunHereInOrder() {
        List<Integer> order = new ArrayList<>();
        new ChannelTasks(4, order::add).run(null);
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void tasksRunConcurrentlyOnTheExecutor() throws InterruptedException {
        // Task 0 (the caller) waits until tasks 1 and 2 have both started: only possible if they run elsewhere.
        CountDownLatch started = new CountDownLatch(2);
        new ChannelTasks(3, i -> {
            if (i == 0) {
                awaitQuietly(started);
            } else {
                started.countDown();
            }
        }).run(pool);
        assertEquals(0, started.getCount());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWorkersRuntimeExceptionAndErrorArriveUnwrapped() {
        IllegalStateException runtime = new IllegalStateException("worker failed");
        assertSame(runtime, assertThrows(IllegalStateException.class,
                () -> new ChannelTasks(2, i -> throwIf(i == 1, runtime)).run(pool)));
        AssertionError error = new AssertionError("worker error");
        assertSame(error, assertThrows(AssertionError.class,
                () -> new ChannelTasks(3, i -> throwIf(i == 2, error)).run(pool)));
    }

    @Test
    void theCallersOwnFailureWinsAndComesOnlyAfterEveryWorkerHasFinished() {
        AtomicInteger finished = new AtomicInteger();
        IllegalArgumentException own = new IllegalArgumentException("caller failed");
        ChannelTasks tasks = new ChannelTasks(3, i -> {
            if (i == 0) {
                throw own;
            }
            sleepQuietly(20);
            finished.incrementAndGet();
            throw new IllegalStateException("worker " + i);
        });
        assertSame(own, assertThrows(IllegalArgumentException.class, () -> tasks.run(pool)));
        assertEquals(2, finished.get(), "both workers had finished when run threw");
        // Usable again after a failure.
        ChannelTasks fine = new ChannelTasks(3, i -> finished.incrementAndGet());
        fine.run(pool);
        assertEquals(5, finished.get());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void throwIf(boolean condition, Throwable t) {
        if (condition) {
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw (RuntimeException) t;
        }
    }

    @Test
    void aRejectingExecutorCostsOnlyTime() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        int[] runs = new int[4];
        new ChannelTasks(4, i -> runs[i]++).run(stopped);
        assertArrayEquals(new int[] {1, 1, 1, 1}, runs);
        AtomicInteger accepted = new AtomicInteger();
        int[] more = new int[4];
        // Takes the first task, refuses the rest.
        new ChannelTasks(4, i -> more[i]++).run(r -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("full");
            }
            pool.execute(r);
        });
        assertArrayEquals(new int[] {1, 1, 1, 1}, more);
    }

    /** Once built, a run allocates nothing on the calling thread (here with an executor that runs inline). */
    @Test
    void runsWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] sum = new long[1];
        ChannelTasks tasks = new ChannelTasks(4, i -> sum[0] += i);
        java.util.concurrent.Executor inline = Runnable::run;
        for (int k = 0; k < 20_000; k++) {
            tasks.run(inline);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int k = 0; k < 10_000; k++) {
            tasks.run(inline);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(30_000L * 6, sum[0]);
        // 10,000 runs: even 8 bytes a run would be 80,000; the slack is for the measurement itself.
        assertTrue(allocated < 2_000, allocated + " bytes allocated by 10,000 runs");
    }

    @Test
    void rejectsMisuse() {
        assertEquals("count 0 is out of range [1, 1024]",
                assertThrows(IllegalArgumentException.class, () -> new ChannelTasks(0, i -> { })).getMessage());
        assertThrows(NullPointerException.class, () -> new ChannelTasks(2, null));
    }
}
