package io.github.mixwright.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.Future;

/**
 * Reads a region of a file in fixed-size blocks with positional reads, fetching block {@code k+1}
 * on an {@link IoThreads} thread while the caller works on block {@code k}. Two buffers, allocated
 * once. Not thread-safe (one caller; the helper thread only ever touches the buffer not lent out).
 */
final class BlockPrefetcher {
    private final Path path;
    private final FileChannel channel;
    private final long start;
    private final long length;
    private final byte[][] blocks;
    private final ByteBuffer[] views;
    private int current;
    private long nextOffset;
    private Future<Integer> pending;
    /** Whether the next block is read on an {@link IoThreads} thread; otherwise {@link #next()} reads it. */
    private final boolean background;

    /**
     * @param start file position of the region
     * @param length bytes in the region; the file must hold them (the header parser checked)
     * @param blockBytes bytes per block
     * @param background read ahead on an I/O thread
     */
    BlockPrefetcher(Path path, FileChannel channel, long start, long length, int blockBytes, boolean background) {
        this.background = background;
        this.path = path;
        this.channel = channel;
        this.start = start;
        this.length = length;
        int size = (int) Math.min(blockBytes, Math.max(1, length));
        this.blocks = new byte[][] {new byte[size], new byte[0]};
        this.views = new ByteBuffer[] {ByteBuffer.wrap(blocks[0]), null};
    }

    /** The block that the last {@link #next()} filled. */
    byte[] block() {
        return blocks[current];
    }

    /** Fills {@link #block()} with the next bytes of the region; returns how many, 0 at its end. */
    int next() throws IOException {
        if (nextOffset >= length) {
            return 0;
        }
        int n;
        if (pending != null) {
            Future<Integer> done = pending;
            pending = null;
            n = IoThreads.await(done);
            current ^= 1;
        } else {
            n = fill(current, nextOffset);
        }
        nextOffset += n;
        if (background && nextOffset < length) {
            int other = current ^ 1;
            if (blocks[other].length == 0) {
                blocks[other] = new byte[blocks[current].length];
                views[other] = ByteBuffer.wrap(blocks[other]);
            }
            long offset = nextOffset;
            pending = IoThreads.submit(() -> fill(other, offset));
        }
        return n;
    }

    /** Continues from byte {@code offset} of the region. */
    void seek(long offset) {
        IoThreads.settle(pending);
        pending = null;
        nextOffset = offset;
    }

    /** Waits for any read in flight, so that the channel can be closed under nobody. */
    void close() {
        IoThreads.settle(pending);
        pending = null;
    }

    private int fill(int index, long offset) throws IOException {
        ByteBuffer buf = views[index];
        int n = (int) Math.min(buf.capacity(), length - offset);
        buf.clear().limit(n);
        long position = start + offset;
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new AudioFormatException(path, "file truncated: expected " + length
                        + " bytes of data, found " + (offset + buf.position()));
            }
        }
        return n;
    }
}
