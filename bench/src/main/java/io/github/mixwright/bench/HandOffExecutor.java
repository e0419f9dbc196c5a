package io.github.mixwright.bench;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An executor that allocates nothing per task, so that JMH's GC profiler sees only what the code under
 * test allocates: a fixed set of daemon workers, each with a one-task slot, woken by
 * {@link LockSupport#unpark}. {@code execute} puts the task in the first empty slot, or runs it on the
 * calling thread when every worker is busy. A JDK {@code ThreadPoolExecutor} allocates a queue node
 * per task (and a condition node whenever a worker goes idle), which would hide the figure the
 * benchmarks are after. For benchmarks only: no shutdown beyond daemon threads dying with the JVM.
 */
final class HandOffExecutor implements Executor {
    private final Worker[] workers;

    HandOffExecutor(int threads, String name) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i], name + "-" + i);
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    @Override
    public void execute(Runnable task) {
        for (Worker w : workers) {
            if (w.slot.compareAndSet(null, task)) {
                LockSupport.unpark(w.thread);
                return;
            }
        }
        task.run();
    }

    private static final class Worker implements Runnable {
        final AtomicReference<Runnable> slot = new AtomicReference<>();
        volatile Thread thread;

        @Override
        public void run() {
            while (true) {
                Runnable task = slot.get();
                if (task == null) {
                    LockSupport.park(this);
                    continue;
                }
                try {
                    task.run();
                } finally {
                    slot.set(null);
                }
            }
        }
    }
}
