package io.github.mixwright.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The two checksums of a FLAC frame (RFC 9639, section 9.1.8 and 9.3): CRC-8 with polynomial
 * {@code x^8 + x^2 + x + 1} over the frame header, and CRC-16 with polynomial
 * {@code x^16 + x^15 + x^2 + 1} over the whole frame, both starting from 0, unreflected, with no
 * final XOR. Table-driven, a byte at a time; the CRC-16 uses eight tables to take eight bytes a step
 * (one 64-bit load), about three times as fast as a byte a step.
 */
final class FlacCrc {
    private static final int[] CRC8 = new int[256];
    private static final int[][] CRC16 = new int[8][256];
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
            }
            CRC8[i] = c & 0xFF;
            int d = i << 8;
            for (int b = 0; b < 8; b++) {
                d = (d & 0x8000) != 0 ? (d << 1) ^ 0x8005 : d << 1;
            }
            CRC16[0][i] = d & 0xFFFF;
        }
        for (int t = 1; t < 8; t++) {
            for (int i = 0; i < 256; i++) {
                int prev = CRC16[t - 1][i];
                CRC16[t][i] = ((prev << 8) ^ CRC16[0][prev >>> 8]) & 0xFFFF;
            }
        }
    }

    /** The eight CRC-16 tables end to end, table {@code k} at {@code 256 k}: one array, one bounds check. */
    private static final int[] FLAT = new int[8 * 256];

    static {
        for (int t = 0; t < 8; t++) {
            System.arraycopy(CRC16[t], 0, FLAT, 256 * t, 256);
        }
    }

    private FlacCrc() {
    }

    /** The CRC-8 of {@code b[from .. to)} continuing from {@code crc}. */
    static int crc8(int crc, byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            crc = CRC8[(crc ^ b[i]) & 0xFF];
        }
        return crc;
    }

    /** The CRC-16 of {@code b[from .. to)} continuing from {@code crc}. */
    static int crc16(int crc, byte[] b, int from, int to) {
        int[] t = FLAT;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONG_BE.get(b, i) ^ ((long) crc << 48);
            crc = t[7 * 256 + (int) (v >>> 56)] ^ t[6 * 256 + ((int) (v >>> 48) & 0xFF)]
                    ^ t[5 * 256 + ((int) (v >>> 40) & 0xFF)] ^ t[4 * 256 + ((int) (v >>> 32) & 0xFF)]
                    ^ t[3 * 256 + ((int) (v >>> 24) & 0xFF)] ^ t[2 * 256 + ((int) (v >>> 16) & 0xFF)]
                    ^ t[256 + ((int) (v >>> 8) & 0xFF)] ^ t[(int) v & 0xFF];
        }
        for (; i < to; i++) {
            crc = ((crc << 8) ^ t[((crc >>> 8) ^ b[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
