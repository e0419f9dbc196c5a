package io.github.mixwright.io;

/**
 * Triangular-PDF dither noise in LSB: {@code r1 - r2}, both uniform on [0, 1) with 32-bit
 * resolution, taken from the two halves of one SplitMix64 output (Steele, Lea and Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014). SplitMix64 passes BigCrush and costs a
 * few multiplies, which matters at one call per sample. Not thread-safe.
 */
final class TpdfNoise {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** The bits of 1.0: a 52-bit mantissa below them gives a double in [1, 2). */
    private static final long ONE = 0x3FF0000000000000L;

    private long state;

    /** Stream {@code stream} of seed {@code seed}; hashing the start keeps streams far apart. */
    TpdfNoise(long seed, int stream) {
        this.state = mix(seed + GOLDEN * (stream + 1L));
    }

    /** The next noise value, in (-1, 1) LSB. */
    double next() {
        return noise(mix(state += GOLDEN));
    }

    /**
     * Rounds {@code in[from + i] * scale} plus the next noise value to the nearest integer (half up)
     * into {@code q[i]} for {@code i < n}, clamped to {@code [-scale, scale - 1]}, and returns how many
     * samples were clamped. The values are those of {@code Math.floor(x * scale + next() + 0.5)}, with
     * {@code scale} a power of two; the loop keeps the generator's state in a register rather than in
     * this object.
     */
    long quantise(float[] in, int from, int n, double scale, int[] q) {
        double max = scale - 1;
        double min = -scale;
        float scaleF = (float) scale;
        long clips = 0;
        long s = state;
        for (int i = 0; i < n; i++) {
            // x * scale in float is exact (a power of two; an overflow to infinity clips as the
            // finite double would), and converting the product rather than the loaded sample lets
            // C2 convert in place (see SampleEncoder.quantise)
            double r = Math.floor((double) (in[from + i] * scaleF) + noise(mix(s += GOLDEN)) + 0.5);
            if (r >= min && r <= max) {
                q[i] = (int) r;
            } else {
                clips++;
                q[i] = r > max ? (int) max : r < min ? (int) min : 0;
            }
        }
        state = s;
        return clips;
    }

    /**
     * {@code (hi - lo) 2^-32} for the two 32-bit halves of {@code z}, exactly. Each half becomes a
     * double by placing it in the mantissa of a number in [1, 2) and subtracting 1, which is exact,
     * rather than by a long-to-double conversion: Java 17's C2 emits that as a merging
     * {@code cvtsi2sd}, which waits on the old contents of its register (JDK-8323116) and cost this
     * loop a third of its time.
     */
    private static double noise(long z) {
        double hi = Double.longBitsToDouble(ONE | (z >>> 32) << 20) - 1.0;
        double lo = Double.longBitsToDouble(ONE | (z & 0xFFFFFFFFL) << 20) - 1.0;
        return hi - lo;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
