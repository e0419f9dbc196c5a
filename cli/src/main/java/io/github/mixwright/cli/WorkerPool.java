package io.github.mixwright.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The pool the commands lend to meters and processors that spread a block's channels over threads. */
final class WorkerPool {
    private static final AtomicInteger IO_COUNT = new AtomicInteger();
    /** Created on first use: a command that renders nothing starts no thread. */
    private static volatile ExecutorService io;

    private WorkerPool() {
    }

    /**
     * The threads the commands lend to renders for reading ahead and writing behind: a cached pool of
     * daemon threads, idle ones ending after a minute.
     */
    static ExecutorService io() {
        ExecutorService pool = io;
        if (pool == null) {
            synchronized (WorkerPool.class) {
                pool = io;
                if (pool == null) {
                    pool = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "mixwright-io-" + IO_COUNT.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    io = pool;
                }
            }
        }
        return pool;
    }

    /**
     * A fixed pool of daemon threads (they must never keep the JVM alive), one per core, for work on
     * {@code channels} channels; {@code null} when one core or one channel makes it pure overhead. The
     * caller shuts it down.
     */
    static ExecutorService forChannels(int channels, String name) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2 || channels < 2) {
            return null;
        }
        return Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
