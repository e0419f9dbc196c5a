package io.github.mixwright.core;

/**
 * The one threshold below which recursive state is flushed to zero.
 *
 * <p>Subnormal doubles are tens of times slower than normal ones on x86, and a decaying filter, an
 * envelope or a reverb tail crawls through them for a long time after the signal stops. Every
 * feedback path in the library compares its state with {@link #FLUSH} and sets it to exactly zero
 * below it; the comparison is made per sample, never per block, so output stays block-size invariant.
 * {@code 1e-30} is 600 dB below full scale (and 300 dB below full scale for a power), far under any
 * audible or measurable level, and far above the subnormal range ({@code 2.2e-308}).
 *
 * <p>Thread-safe (constants only).
 */
public final class Denormals {
    /** Magnitudes (or powers) below this are flushed to zero in feedback paths. */
    public static final double FLUSH = 1e-30;

    private Denormals() {
    }
}
