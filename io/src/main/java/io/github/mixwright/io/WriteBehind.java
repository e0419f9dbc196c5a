package io.github.mixwright.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Future;

/**
 * Sequential writes of fixed-size blocks to a channel, each handed to an {@link IoThreads} thread so
 * that the caller can encode the next block meanwhile. At most one write is in flight, so blocks
 * reach the file in order. Not thread-safe (one caller).
 */
final class WriteBehind {
    private final FileChannel channel;
    private final byte[][] blocks;
    private final ByteBuffer[] views;
    private int current;
    private int used;
    private Future<Void> pending;
    /** Whether writes run on an {@link IoThreads} thread; otherwise {@link #flush()} writes itself. */
    private final boolean background;

    WriteBehind(FileChannel channel, int blockBytes, boolean background) {
        this.channel = channel;
        this.background = background;
        this.blocks = new byte[][] {new byte[blockBytes], new byte[0]};
        this.views = new ByteBuffer[] {ByteBuffer.wrap(blocks[0]), null};
    }

    /** The block being filled; bytes {@link #used()} onwards are free. */
    byte[] block() {
        return blocks[current];
    }

    int used() {
        return used;
    }

    int free() {
        return blocks[current].length - used;
    }

    /** Marks {@code bytes} more bytes of {@link #block()} as filled. */
    void advance(int bytes) {
        used += bytes;
    }

    /** Starts writing the filled part of the block and switches to the other block. */
    void flush() throws IOException {
        if (used == 0) {
            return;
        }
        await();
        ByteBuffer view = views[current].clear().limit(used);
        if (!background) {
            while (view.hasRemaining()) {
                channel.write(view);
            }
            used = 0;
            return;
        }
        pending = IoThreads.submit(() -> {
            while (view.hasRemaining()) {
                channel.write(view);
            }
            return null;
        });
        current ^= 1;
        if (blocks[current].length == 0) {
            blocks[current] = new byte[blocks[current ^ 1].length];
            views[current] = ByteBuffer.wrap(blocks[current]);
        }
        used = 0;
    }

    /** Writes everything filled so far and waits until it is in the file. */
    void drain() throws IOException {
        flush();
        await();
    }

    /** Waits for a write in flight, ignoring its outcome: the file is being discarded. */
    void abandon() {
        IoThreads.settle(pending);
        pending = null;
    }

    private void await() throws IOException {
        if (pending != null) {
            Future<Void> done = pending;
            pending = null;
            IoThreads.await(done);
        }
    }
}
