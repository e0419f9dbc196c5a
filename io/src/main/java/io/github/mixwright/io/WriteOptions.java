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
 * @param writeBehind write each filled buffer on a background thread while the caller encodes the
 *     next (the default); off, the caller writes it itself. Turn it off when the caller already runs
 *     on a thread of its own beside another that produces the samples, as a transcoder does: on two
 *     cores a third thread only adds hand-offs (about 30 % on a 20-minute conversion,
 *     docs/benchmarks.md). The bytes written are the same either way.
 */
public record WriteOptions(Dither dither, long ditherSeed, boolean forceRf64, boolean writeBehind) {
    /** The seed of {@link #defaults()}. */
    public static final long DEFAULT_SEED = 0x6D69_7877_7269_6768L;

    private static final WriteOptions DEFAULTS = new WriteOptions(Dither.TPDF, DEFAULT_SEED, false, true);

    /** Checks that {@code dither} is given. */
    public WriteOptions {
        Objects.requireNonNull(dither, "dither");
    }

    /** Options with write-behind on, as before it could be turned off. */
    public WriteOptions(Dither dither, long ditherSeed, boolean forceRf64) {
        this(dither, ditherSeed, forceRf64, true);
    }

    /** TPDF dither, seed {@link #DEFAULT_SEED}, RF64 only when needed. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** The same options with another dither. */
    public WriteOptions withDither(Dither newDither) {
        return new WriteOptions(newDither, ditherSeed, forceRf64, writeBehind);
    }

    /** The same options with another seed. */
    public WriteOptions withSeed(long seed) {
        return new WriteOptions(dither, seed, forceRf64, writeBehind);
    }

    /** The same options, forcing RF64 or not. */
    public WriteOptions withForceRf64(boolean force) {
        return new WriteOptions(dither, ditherSeed, force, writeBehind);
    }

    /** The same options, writing behind the caller on a background thread or not. */
    public WriteOptions withWriteBehind(boolean background) {
        return new WriteOptions(dither, ditherSeed, forceRf64, background);
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
