package io.github.mixwright.io;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that overlap file I/O with sample conversion: a reader reads its next block
 * while the caller decodes the current one, a writer writes one block while the caller encodes the
 * next. On two cores this hides most of the kernel's copying time. Only I/O runs here; the bytes
 * and their order are the same as with synchronous I/O, so output stays deterministic.
 *
 * <p>Idle threads end after a minute, and being daemons they never keep the JVM alive.
 */
final class IoThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "mixwright-io-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private IoThreads() {
    }

    /** An I/O step that may fail. */
    interface IoTask<T> {
        T run() throws IOException;
    }

    static <T> Future<T> submit(IoTask<T> task) {
        Callable<T> callable = task::run;
        return POOL.submit(callable);
    }

    /**
     * The result of {@code future}, rethrowing what the task threw. Waits out an interrupt (keeping
     * the thread's interrupt flag) rather than abandon a task that is still using a buffer; the task
     * is one bounded read or write. Never interrupts the task either: interrupting a thread in
     * FileChannel I/O would close the channel.
     */
    static <T> T await(Future<T> future) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for {@code future} if there is one, ignoring its outcome; for cleanup paths. */
    static void settle(Future<?> future) {
        if (future == null) {
            return;
        }
        try {
            await(future);
        } catch (IOException | RuntimeException e) {
            // the caller is discarding this work; its failure no longer matters
        }
    }
}
