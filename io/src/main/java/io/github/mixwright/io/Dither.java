package io.github.mixwright.io;

/**
 * Noise added before a sample is rounded to a shorter integer word.
 *
 * <p>Dither only ever applies to integer encodings: float output is written exactly as it is.
 *
 * <p>Immutable and thread-safe.
 */
public enum Dither {
    /** Plain rounding to nearest; the rounding error correlates with the signal. */
    NONE,
    /**
     * Triangular-PDF dither: {@code r1 - r2} LSB with {@code r1}, {@code r2} independent and
     * uniform on [0, 1), added before rounding. Its variance is 1/6 LSB² and it makes the first two
     * moments of the total error independent of the signal (Lipshitz, Wannamaker and Vanderkooy,
     * "Quantization and Dither: A Theoretical Survey", JAES 40(5), 1992).
     */
    TPDF
}
