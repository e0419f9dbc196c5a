package io.github.mixwright.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads a FLAC stream bit by bit, most significant bit first, from a file through one fixed buffer.
 *
 * <p>The next bits wait in a 64-bit cache, most significant first: {@code bits} of them are valid,
 * and the bits below them are either zero or the stream's own next bits (a refill loads eight bytes
 * at once and may put part of a byte in there), so OR-ing a byte in again is harmless. A refill
 * always leaves at least 56 valid bits unless the file ends. The running CRC-16 of the frame is
 * kept over the bytes that leave the buffer when it is compacted, so a frame may be larger than the
 * buffer. Not thread-safe.
 */
final class FlacBitReader {
    /** Bytes read from the file at a time. */
    static final int BUFFER_BYTES = 256 * 1024;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buf);
    /** Index of the next byte of {@link #buf} not yet in the cache. */
    private int pos;
    /** Bytes of {@link #buf} filled from the file. */
    private int limit;
    /** File position of {@code buf[limit]}. */
    private long next;
    private long cache;
    private int bits;
    /** Where in {@link #buf} the bytes not yet counted in {@link #crc} start. */
    private int crcFrom;
    private int crc;
    /** File position of the frame being read, for messages. */
    private long frameOffset;

    FlacBitReader(Path path, FileChannel channel, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /** Starts reading at byte {@code position} of the file. */
    void reset(long position) {
        pos = 0;
        limit = 0;
        next = position;
        cache = 0;
        bits = 0;
        crcFrom = 0;
        crc = 0;
    }

    /** The file position of the next unread bit's byte (exact when byte-aligned). */
    long bytePosition() {
        return next - limit + pos - (bits >>> 3);
    }

    /** Whether every byte of the file has been read. */
    boolean atEnd() {
        return bytePosition() >= fileSize;
    }

    /** Names the frame being read in messages: the one starting at byte {@code offset}. */
    void frameAt(long offset) {
        frameOffset = offset;
    }

    /** {@code "the frame at byte N"}, for messages. */
    String where() {
        return "the frame at byte " + frameOffset;
    }

    /**
     * Makes sure at least {@code n} bytes (or the rest of the file) are in the buffer, so that
     * {@link #index()} stays valid while they are read; {@code n} is small.
     */
    void ensureBuffered(int n) throws IOException {
        int have = limit - pos + (bits >>> 3);
        if (have < n && next < fileSize) {
            compact();
        }
    }

    /** The index in the buffer of the next byte, when byte-aligned and after {@link #ensureBuffered}. */
    int index() {
        return pos - (bits >>> 3);
    }

    byte[] buffer() {
        return buf;
    }

    /** Starts a frame's CRC-16 at the current (byte-aligned) position. */
    void startCrc() {
        crcFrom = index();
        crc = 0;
    }

    /** The CRC-16 of the bytes from {@link #startCrc()} to the current (byte-aligned) position. */
    int crc16() {
        int to = index();
        crc = FlacCrc.crc16(crc, buf, crcFrom, to);
        crcFrom = to;
        return crc;
    }

    /** Skips to the next byte boundary. */
    void alignToByte() {
        int drop = bits & 7;
        cache <<= drop;
        bits -= drop;
    }

    /** The number of bits up to the next byte boundary. */
    int bitsToByteBoundary() {
        return bits & 7;
    }

    /** Reads {@code n} bits, 0 to 56, as an unsigned value. */
    long readBits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
            if (bits < n) {
                throw truncated();
            }
        }
        long v = cache >>> (64 - n);
        cache <<= n;
        bits -= n;
        return v;
    }

    int readInt(int n) throws IOException {
        return (int) readBits(n);
    }

    /** Reads {@code n} bits, 0 to 56, as a two's complement value. */
    long readSigned(int n) throws IOException {
        return n == 0 ? 0 : readBits(n) << (64 - n) >> (64 - n);
    }

    /**
     * Reads a unary number: the count of 0 bits before the next 1 bit, which it consumes.
     *
     * @param max the largest count allowed
     * @throws AudioFormatException if the count passes {@code max} or the file ends first
     */
    long readUnary(long max) throws IOException {
        long count = 0;
        while (true) {
            if (bits == 0) {
                fill();
                if (bits == 0) {
                    throw truncated();
                }
            }
            int z = Long.numberOfLeadingZeros(cache);
            if (z < bits) {
                cache = cache << z << 1;
                bits -= z + 1;
                count += z;
                break;
            }
            count += bits;
            cache = 0;
            bits = 0;
            if (count > max) {
                break;
            }
        }
        if (count > max) {
            throw new AudioFormatException(path, "unary value of more than " + max + " in " + where());
        }
        return count;
    }

    /**
     * Reads {@code to - from} Rice-coded residuals with parameter {@code k} (0 to 30) into
     * {@code dst[from .. to)}, each the zigzag code {@code (q << k | low)} of a signed value.
     *
     * @throws AudioFormatException if a residual is outside the 32-bit range RFC 9639 allows
     */
    void readRice(long[] dst, int from, int to, int k) throws IOException {
        long c = cache;
        int b = bits;
        for (int i = from; i < to; i++) {
            if (b < 32) {
                cache = c;
                bits = b;
                fill();
                c = cache;
                b = bits;
            }
            int z = Long.numberOfLeadingZeros(c);
            int used = z + 1 + k;
            long u;
            if (used <= b) {
                long rest = c << z << 1;
                u = ((long) z << k) | ((rest >>> 1) >>> (63 - k));
                c <<= used;
                b -= used;
            } else {
                cache = c;
                bits = b;
                long q = readUnary(0xFFFF_FFFFL >>> k);
                u = (q << k) | readBits(k);
                c = cache;
                b = bits;
            }
            if ((u >>> 32) != 0) {
                cache = c;
                bits = b;
                throw new AudioFormatException(path, "residual out of the 32-bit range in " + where());
            }
            dst[i] = (u >>> 1) ^ -(u & 1);
        }
        cache = c;
        bits = b;
    }

    AudioFormatException truncated() {
        return new AudioFormatException(path, "file truncated: it ends inside " + where());
    }

    private void fill() throws IOException {
        if (pos + 8 <= limit) {
            long v = (long) LONG_BE.get(buf, pos);
            cache |= v >>> bits;
            int take = (63 - bits) >>> 3;
            pos += take;
            bits += take << 3;
            return;
        }
        while (bits <= 55) {
            if (pos == limit && !compact()) {
                return;
            }
            cache |= (buf[pos++] & 0xFFL) << (56 - bits);
            bits += 8;
        }
    }

    /**
     * Moves the bytes not yet fully consumed to the start of the buffer and reads more of the file
     * after them; returns false if the file has nothing more.
     */
    private boolean compact() throws IOException {
        int keep = pos - ((bits + 7) >>> 3);
        if (keep < 0) {
            keep = 0;
        }
        if (crcFrom < keep) {
            crc = FlacCrc.crc16(crc, buf, crcFrom, keep);
            crcFrom = keep;
        }
        System.arraycopy(buf, keep, buf, 0, limit - keep);
        limit -= keep;
        pos -= keep;
        crcFrom -= keep;
        boolean any = false;
        while (limit < buf.length && next < fileSize) {
            view.clear().position(limit);
            int n = channel.read(view, next);
            if (n < 0) {
                break;
            }
            limit += n;
            next += n;
            any |= n > 0;
        }
        return any;
    }
}
