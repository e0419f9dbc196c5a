package io.github.mixwright.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The pool the commands lend to meters and processors that spread a block's channels over threads. */
final class WorkerPool {
    private WorkerPool() {
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
