package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Reads a source on a second thread, a few blocks ahead of the consumer, and transforms each block
 * there, so that reading, decoding and processing the input overlap encoding and writing the
 * output (the heavier half of a conversion). Blocks come out in source order and are transformed
 * in that order, so the output does not depend on thread timing.
 *
 * <p>The source and the transform belong to the reading thread until the consumer has seen the end
 * of the source (the hand-over through the queue makes their state visible to it) or until
 * {@link #close()} returns; the caller closes the source afterwards. Each block returned by
 * {@link #next()} is valid until the following call. One consumer thread only.
 */
final class ReadAhead implements AutoCloseable {
    /** Buffers in flight: one being read, one queued, one with the consumer. */
    private static final int BUFFERS = 3;
    private static final Object END = new Object();

    private final BlockingQueue<AudioBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    /** Holds {@link Filled} blocks, then {@link #END} or the failure; unbounded so offer never blocks. */
    private final BlockingQueue<Object> filled = new LinkedBlockingQueue<>();
    private final Thread thread;
    private AudioBuffer lent;
    private boolean ended;

    private record Filled(AudioBuffer buffer, int frames) {
    }

    /**
     * Starts reading.
     *
     * @param channels channels of the blocks handed out, at least the source's; the source fills the
     *     first ones and the transform the rest
     * @param transform applied in place to each block on the reading thread
     */
    ReadAhead(AudioSource source, int channels, int blockFrames, Consumer<AudioBuffer> transform) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(AudioBuffer.allocate(channels, blockFrames));
        }
        thread = new Thread(() -> readAll(source, transform), "mixwright-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(AudioSource source, Consumer<AudioBuffer> transform) {
        try {
            while (true) {
                AudioBuffer buffer = free.take();
                int n = source.read(buffer.channelView(0, source.channels()));
                if (n == 0) {
                    filled.offer(END);
                    return;
                }
                transform.accept(n == buffer.frames() ? buffer : buffer.view(0, n));
                filled.offer(new Filled(buffer, n));
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (IOException | RuntimeException | Error e) {
            filled.offer(e);
        }
    }

    /**
     * The next block of the source, or null at its end.
     *
     * @throws IOException as thrown by the source's {@code read}
     */
    AudioBuffer next() throws IOException {
        if (lent != null) {
            free.add(lent);
            lent = null;
        }
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Filled) {
            Filled f = (Filled) item;
            lent = f.buffer();
            return f.frames() == f.buffer().frames() ? f.buffer() : f.buffer().view(0, f.frames());
        }
        ended = true;
        if (item instanceof IOException) {
            throw (IOException) item;
        }
        if (item instanceof RuntimeException) {
            throw (RuntimeException) item;
        }
        throw (Error) item;
    }

    /** Stops the reading thread and waits for it, so the caller may close the source. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
