package io.github.mixwright.io;

/**
 * Triangular-PDF dither noise in LSB: {@code r1 - r2}, both uniform on [0, 1) with 32-bit
 * resolution, taken from the two halves of one SplitMix64 output (Steele, Lea and Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014). SplitMix64 passes BigCrush and costs a
 * few multiplies, which matters at one call per sample. Not thread-safe.
 */
final class TpdfNoise {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_MINUS_32 = 0x1p-32;

    private long state;

    /** Stream {@code stream} of seed {@code seed}; hashing the start keeps streams far apart. */
    TpdfNoise(long seed, int stream) {
        this.state = mix(seed + GOLDEN * (stream + 1L));
    }

    /** The next noise value, in (-1, 1) LSB. */
    double next() {
        long z = mix(state += GOLDEN);
        return ((z >>> 32) - (z & 0xFFFFFFFFL)) * TWO_POW_MINUS_32;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
