package io.github.mixwright.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a FLAC frame bit by bit, most significant bit first, into a growing byte array through a
 * 64-bit accumulator that is stored eight bytes at a time. Not thread-safe.
 */
final class FlacBitWriter {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    /** Bytes of {@link #buf} complete. */
    private int pos;
    private long acc;
    /** Free bits in {@link #acc}, 1 to 64. */
    private int free = 64;

    FlacBitWriter(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** Starts a new frame. */
    void reset() {
        pos = 0;
        acc = 0;
        free = 64;
    }

    /** Makes room for at least {@code bits} more bits without growing while writing them. */
    void ensure(long bits) {
        long need = pos + 16 + (bits + 7) / 8;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("FLAC frame of " + need + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 64, 2L * buf.length)));
        }
    }

    /**
     * Writes the low {@code bits} bits of {@code value}, 0 to 63 bits; the bits above them must be zero
     * (see {@link #writeSigned} otherwise). Room must have been made with {@link #ensure}.
     */
    void write(long value, int bits) {
        if (bits < free) {
            acc = acc << bits | value;
            free -= bits;
        } else {
            int rest = bits - free;
            acc = acc << free | value >>> rest;
            LONG_BE.set(buf, pos, acc);
            pos += 8;
            acc = value;
            free = 64 - rest;
        }
    }

    /** Writes {@code value} as a {@code bits}-bit two's complement number, 0 to 32 bits. */
    void writeSigned(long value, int bits) {
        if (bits > 0) {
            write(value & (-1L >>> (64 - bits)), bits);
        }
    }

    /** Writes {@code count} 0 bits and then a 1 bit. */
    void writeUnary(long count) {
        while (count >= 32) {
            write(0, 32);
            count -= 32;
        }
        write(1, (int) count + 1);
    }

    /**
     * Writes the Rice codes of {@code u[from .. to)} (zigzag-folded residuals held as unsigned ints) with
     * parameter {@code k}.
     */
    void writeRice(int[] r, int from, int to, int k) {
        long a = acc;
        int f = free;
        int p = pos;
        byte[] b = buf;
        long mask = (1L << k) - 1;
        for (int i = from; i < to; i++) {
            int v = r[i];
            long u = ((long) v << 1 ^ (long) (v >> 31)) & 0xFFFF_FFFFL;
            long q = u >>> k;
            if (q + 1 + k > 63) {
                acc = a;
                free = f;
                pos = p;
                writeUnary(q);
                write(u & mask, k);
                a = acc;
                f = free;
                p = pos;
                continue;
            }
            int bits = (int) q + 1 + k;
            long value = (1L << k) | (u & mask);
            if (bits < f) {
                a = a << bits | value;
                f -= bits;
            } else {
                int rest = bits - f;
                a = a << f | value >>> rest;
                LONG_BE.set(b, p, a);
                p += 8;
                a = value;
                f = 64 - rest;
            }
        }
        acc = a;
        free = f;
        pos = p;
    }

    /** Pads with 0 bits to a byte boundary and stores the accumulator's whole bytes. */
    void alignAndFlush() {
        int used = 64 - free;
        int pad = (8 - (used & 7)) & 7;
        if (pad > 0) {
            write(0, pad);
            used += pad;
        }
        used = 64 - free;
        long a = acc << free;
        for (int i = 0; i < used / 8; i++) {
            buf[pos++] = (byte) (a >>> (56 - 8 * i));
        }
        acc = 0;
        free = 64;
    }

    /** The bytes written, valid up to {@link #length()} after {@link #alignAndFlush()}. */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return pos;
    }
}
