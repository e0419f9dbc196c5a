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
 * there or on a third thread, so that reading, decoding and processing the input overlap encoding
 * and writing the output. Blocks come out in source order and are transformed in that order, so
 * the output does not depend on thread timing.
 *
 * <p>The source and the transform belong to their threads until the consumer has seen the end of
 * the source (the hand-over through the queues makes their state visible to it) or until
 * {@link #close()} returns; the caller closes the source afterwards. Each block returned by
 * {@link #next()} is valid until the following call. One consumer thread only.
 */
final class ReadAhead implements AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<AudioBuffer> free;
    /** Holds {@link Filled} blocks, then {@link #END} or the failure; unbounded so offer never blocks. */
    private final BlockingQueue<Object> filled = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** The thread that transforms, when it is not the reading one; else null. */
    private final Thread transformer;
    private AudioBuffer lent;
    private boolean ended;

    private record Filled(AudioBuffer buffer, int frames) {
        AudioBuffer block() {
            return frames == buffer.frames() ? buffer : buffer.view(0, frames);
        }
    }

    /**
     * Starts reading, transforming on the reading thread.
     *
     * @param channels channels of the blocks handed out, at least the source's; the source fills the
     *     first ones and the transform the rest
     * @param transform applied in place to each block on the reading thread
     */
    ReadAhead(AudioSource source, int channels, int blockFrames, Consumer<AudioBuffer> transform) {
        this(source, channels, blockFrames, transform, false);
    }

    /**
     * Starts reading.
     *
     * @param transform applied in place to each block, in order
     * @param transformApart transform on a third thread of its own, so that reading and decoding block
     *     {@code k + 1} overlaps processing block {@code k} while the consumer encodes and writes block
     *     {@code k - 1} (on two cores, a 10-minute compressor render went from 1.39 to 1.56 times the
     *     speed of FFmpeg's acompressor); a hand-off per block is all it costs a cheap transform
     */
    ReadAhead(AudioSource source, int channels, int blockFrames, Consumer<AudioBuffer> transform,
            boolean transformApart) {
        // In flight: one being read, one queued, one with the consumer, and one being transformed.
        int buffers = transformApart ? 4 : 3;
        free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(AudioBuffer.allocate(channels, blockFrames));
        }
        if (transformApart) {
            BlockingQueue<Object> decoded = new LinkedBlockingQueue<>();
            thread = new Thread(() -> readAll(source, block -> { }, decoded), "mixwright-reader");
            transformer = new Thread(() -> transformAll(transform, decoded), "mixwright-processor");
            transformer.setDaemon(true);
        } else {
            thread = new Thread(() -> readAll(source, transform, filled), "mixwright-reader");
            transformer = null;
        }
        thread.setDaemon(true);
        thread.start();
        if (transformer != null) {
            transformer.start();
        }
    }

    private void readAll(AudioSource source, Consumer<AudioBuffer> transform, BlockingQueue<Object> out) {
        try {
            while (true) {
                AudioBuffer buffer = free.take();
                int n = source.read(buffer.channelView(0, source.channels()));
                if (n == 0) {
                    out.offer(END);
                    return;
                }
                Filled f = new Filled(buffer, n);
                transform.accept(f.block());
                out.offer(f);
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (IOException | RuntimeException | Error e) {
            out.offer(e);
        }
    }

    /** Transforms what the reading thread passes on, in order, and hands it to the consumer. */
    private void transformAll(Consumer<AudioBuffer> transform, BlockingQueue<Object> decoded) {
        try {
            while (true) {
                Object item = decoded.take();
                if (item instanceof Filled) {
                    transform.accept(((Filled) item).block());
                }
                filled.offer(item);
                if (!(item instanceof Filled)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (RuntimeException | Error e) {
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
            return f.block();
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

    /**
     * Stops the reading thread (and the transforming one) and waits for them, so the caller may close the
     * source and use the transform's state.
     */
    @Override
    public void close() {
        thread.interrupt();
        if (transformer != null) {
            transformer.interrupt();
        }
        boolean interrupted = join(thread);
        if (transformer != null) {
            interrupted |= join(transformer);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for {@code t} to end; whether this thread was interrupted meanwhile. */
    private static boolean join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
