package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The three stages of a {@link Render}: reading ahead ({@link Pump}), processing on the rendering thread,
 * writing behind ({@link Pump}). A few buffers circulate: free, read, processed, written, free again.
 * Blocks keep the source's order through every stage, so the output does not depend on timing.
 */
final class Pipeline {
    /** Buffers in flight: one being read, one queued, one being processed, one being written. */
    private static final int BUFFERS = 4;
    private static final Object END = new Object();

    /** A buffer and the frames of it that hold audio. */
    record Block(AudioBuffer buffer, AudioBuffer audio) {
    }

    /** A processed block and the part of it to write (null: nothing, the chain's latency). */
    private record Write(AudioBuffer buffer, AudioBuffer keep) {
    }

    private final AudioSource source;
    private final List<RenderSink> sinks;
    private final int inChannels;
    private final BlockingQueue<AudioBuffer> free = new LinkedBlockingQueue<>();
    /** Read blocks, then END or the reading failure. */
    private final BlockingQueue<Object> read = new LinkedBlockingQueue<>();
    /** Blocks to write, then END. */
    private final BlockingQueue<Object> toWrite = new LinkedBlockingQueue<>();
    private final Pump reader;
    private final Pump writer;
    /** Touched only under the reader's lock. */
    private boolean readEnded;
    private volatile boolean writesEnded;
    private volatile Throwable writeFailure;
    private boolean started;
    /** Whether the rendering thread writes each block itself, as soon as it is handed over. */
    private final boolean writeHere;

    /**
     * @param writeBehind whether to write on a lent thread; without it (or without {@code threads}) the
     *     rendering thread writes, which is best when it has nothing else to do (no chain)
     */
    Pipeline(AudioSource source, List<RenderSink> sinks, int inChannels, int channels, int blockFrames,
            Executor threads, boolean writeBehind) {
        this.source = source;
        this.sinks = sinks;
        this.inChannels = inChannels;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(AudioBuffer.allocate(channels, blockFrames));
        }
        reader = new Pump(this::readOne, () -> !readEnded && !free.isEmpty(), threads);
        writeHere = threads == null || !writeBehind;
        writer = new Pump(this::writeOne, () -> !toWrite.isEmpty(), writeHere ? null : threads);
    }

    /** How long a lent thread waits for its next input before it gives the thread back, ms. */
    private static final long LINGER_MS = 3;

    private static <T> T take(BlockingQueue<T> queue, boolean lent) {
        T item = queue.poll();
        if (item != null || !lent) {
            return item;
        }
        try {
            return queue.poll(LINGER_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean readOne(boolean lent) {
        if (readEnded) {
            return false;
        }
        AudioBuffer buffer = take(free, lent);
        if (buffer == null) {
            return false;
        }
        try {
            int n = source.read(buffer.channelView(0, inChannels));
            if (n == 0) {
                readEnded = true;
                free.add(buffer);
                read.add(END);
                return false;
            }
            read.add(new Block(buffer, n == buffer.frames() ? buffer : buffer.view(0, n)));
            return true;
        } catch (IOException e) {
            readEnded = true;
            read.add(new RenderFailure(RenderFailure.Side.INPUT, e));
        } catch (RuntimeException | Error e) {
            readEnded = true;
            read.add(e);
        }
        return false;
    }

    private boolean writeOne(boolean lent) {
        Object item = take(toWrite, lent);
        if (item == null) {
            return false;
        }
        if (item == END) {
            writesEnded = true;
            return false;
        }
        Write w = (Write) item;
        if (writeFailure == null) {
            try {
                for (RenderSink s : sinks) {
                    s.write(w.keep());
                }
            } catch (IOException e) {
                writeFailure = new RenderFailure(RenderFailure.Side.OUTPUT, e);
            } catch (RuntimeException | Error e) {
                writeFailure = e;
            }
        }
        free.add(w.buffer());
        reader.signal();
        return true;
    }

    /** The next block read from the source, or null at its end. */
    Block nextRead() throws RenderFailure {
        if (!started) {
            started = true;
            reader.signal();
        }
        // the writer frees the buffers the reader needs
        Object item = await(read, writer, reader);
        if (item == END) {
            return null;
        }
        if (item instanceof Block) {
            return (Block) item;
        }
        throw rethrow((Throwable) item);
    }

    /** A free buffer for {@code frames} frames of silence to process (the tail). */
    Block nextFree(int frames) throws RenderFailure {
        checkWrites();
        AudioBuffer buffer = await(free, writer, writer);
        return new Block(buffer, buffer.view(0, frames));
    }

    /** Hands a processed block to the writing stage; {@code keep} is what to write of it, or null. */
    void write(Block b, AudioBuffer keep) throws RenderFailure {
        checkWrites();
        if (keep == null) {
            free.add(b.buffer());
            reader.signal();
            return;
        }
        toWrite.add(new Write(b.buffer(), keep));
        if (writeHere) {
            writer.help();
            checkWrites();
        } else {
            writer.signal();
        }
    }

    /** Waits until every block handed over has been written. */
    void finishWrites() throws RenderFailure {
        toWrite.add(END);
        writer.signal();
        while (!writesEnded) {
            writer.help();
            if (!writesEnded) {
                pause();
            }
        }
        checkWrites();
    }

    /** Stops both stages and waits for a read or write in progress; the source and sinks are then free. */
    void close() {
        reader.close();
        writer.close();
    }

    private void checkWrites() throws RenderFailure {
        Throwable f = writeFailure;
        if (f != null) {
            throw rethrow(f);
        }
    }

    private static RenderFailure rethrow(Throwable t) {
        if (t instanceof RenderFailure) {
            return (RenderFailure) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        throw (Error) t;
    }

    /**
     * The head of {@code queue}, which {@code producer} fills once {@code first} has made room: helping
     * both when no lent thread is.
     */
    private static <T> T await(BlockingQueue<T> queue, Pump first, Pump producer) {
        while (true) {
            T item = queue.poll();
            if (item != null) {
                return item;
            }
            first.help();
            producer.help();
            item = queue.poll();
            if (item != null) {
                return item;
            }
            try {
                // The producer is busy on a lent thread (poll returns as soon as it delivers), or its
                // task has not started: then the next round runs it here.
                item = queue.poll(1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("render interrupted");
            }
            if (item != null) {
                return item;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(0, 200_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("render interrupted");
        }
    }
}
