package io.github.mixwright.io;

import java.util.Objects;

/**
 * How a {@link WavWriter} turns float samples into file bytes.
 *
 * <p>Dither is applied only to integer encodings; float output is never dithered. The dither noise
 * comes from a fast deterministic generator seeded with {@code ditherSeed}, one independent stream
 * per channel, so the same input and seed always give the same file, however the input is cut into
 * blocks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dither the dither for integer output
 * @param ditherSeed seeds the dither noise
 * @param forceRf64 write RF64 (EBU Tech 3306) even when the file would fit in RIFF's 4 GiB
 */
public record WriteOptions(Dither dither, long ditherSeed, boolean forceRf64) {
    /** The seed of {@link #defaults()}. */
    public static final long DEFAULT_SEED = 0x6D69_7877_7269_6768L;

    private static final WriteOptions DEFAULTS = new WriteOptions(Dither.TPDF, DEFAULT_SEED, false);

    /** Checks that {@code dither} is given. */
    public WriteOptions {
        Objects.requireNonNull(dither, "dither");
    }

    /** TPDF dither, seed {@link #DEFAULT_SEED}, RF64 only when needed. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** The same options with another dither. */
    public WriteOptions withDither(Dither newDither) {
        return new WriteOptions(newDither, ditherSeed, forceRf64);
    }

    /** The same options with another seed. */
    public WriteOptions withSeed(long seed) {
        return new WriteOptions(dither, seed, forceRf64);
    }

    /** The same options, forcing RF64 or not. */
    public WriteOptions withForceRf64(boolean force) {
        return new WriteOptions(dither, ditherSeed, force);
    }

    /**
     * The dither a conversion from {@code source} to {@code target} should use: {@link Dither#TPDF}
     * when the target is an integer encoding with a shorter word than the source (a float source
     * counts as longer than any integer), otherwise {@link Dither#NONE}, since a lossless
     * conversion must stay bit-exact.
     */
    public static Dither defaultDither(SampleEncoding source, SampleEncoding target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (target.isFloat()) {
            return Dither.NONE;
        }
        boolean shorter = source.isFloat() || target.bits() < source.bits();
        return shorter ? Dither.TPDF : Dither.NONE;
    }
}
