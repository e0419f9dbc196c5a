package io.github.mixwright.io;

import java.math.BigInteger;

/**
 * The 80-bit IEEE 754 extended-precision number in which AIFF and AIFF-C store the sample rate:
 * a sign bit, a 15-bit exponent biased by 16383 and a 64-bit mantissa whose top bit is the
 * explicit integer bit, all big-endian.
 *
 * <p>Stateless and thread-safe.
 */
final class Extended80 {
    /** The number of bytes of one value. */
    static final int BYTES = 10;

    private static final int BIAS = 16383;

    private Extended80() {
    }

    /**
     * The value of the ten bytes at {@code off}, rounded to the nearest double; infinities and
     * NaNs (exponent 0x7FFF) come back as such, so the caller can refuse them by name.
     */
    static double toDouble(byte[] b, int off) {
        boolean negative = (b[off] & 0x80) != 0;
        int exponent = ((b[off] & 0x7F) << 8) | (b[off + 1] & 0xFF);
        byte[] mantissa = new byte[8];
        System.arraycopy(b, off + 2, mantissa, 0, 8);
        BigInteger m = new BigInteger(1, mantissa);
        double value;
        if (exponent == 0x7FFF) {
            // Ignore the explicit integer bit: a zero fraction is infinity, anything else NaN.
            value = m.clearBit(63).signum() == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (m.signum() == 0) {
            value = 0.0;
        } else {
            // value = m * 2^(exponent - BIAS - 63); the scaling by a power of two is exact in range.
            int scale = exponent - BIAS - 63;
            int shift = Math.max(0, m.bitLength() - 53);
            // Round the mantissa to 53 bits once (half to even), then scale exactly.
            BigInteger kept = m.shiftRight(shift);
            BigInteger rest = m.subtract(kept.shiftLeft(shift));
            if (shift > 0) {
                BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
                int cmp = rest.compareTo(half);
                if (cmp > 0 || (cmp == 0 && kept.testBit(0))) {
                    kept = kept.add(BigInteger.ONE);
                }
            }
            value = Math.scalb(kept.doubleValue(), scale + shift);
        }
        return negative ? -value : value;
    }

    /**
     * Writes {@code value}, a finite, positive normal double, exactly as ten bytes at {@code off}.
     *
     * @throws IllegalArgumentException if {@code value} is not finite, positive and normal
     */
    static void fromDouble(double value, byte[] b, int off) {
        if (!(value >= Double.MIN_NORMAL) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("sample rate " + value + " is not a finite positive number");
        }
        int exponent = Math.getExponent(value) + BIAS;
        long fraction = Double.doubleToRawLongBits(value) & 0x000F_FFFF_FFFF_FFFFL;
        long mantissa = (1L << 63) | (fraction << 11);
        b[off] = (byte) (exponent >>> 8);
        b[off + 1] = (byte) exponent;
        for (int i = 0; i < 8; i++) {
            b[off + 2 + i] = (byte) (mantissa >>> (56 - 8 * i));
        }
    }
}
