package io.github.mixwright.io;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.util.Objects;

/**
 * Rounds float samples onto an integer encoding's grid in place, with the dither of {@link WavWriter}:
 * each sample becomes {@code q / 2^(bits-1)}, {@code q} the code the writer would write for it with the
 * same dither and seed. What comes out is what a file will hold, so it can be measured before it is
 * written (a master's loudness and true peak are measured after quantisation and dither); writing it
 * with {@link Dither#NONE} then gives exactly those codes for 8, 16 and 24 bits. A 32-bit code has more
 * precision than a float, so 32-bit values are kept to float precision (within 2^-24 of the code).
 * Floats pass unchanged.
 *
 * <p>Each channel draws its dither from its own generator, so the result does not depend on how the
 * signal is cut into blocks. Not thread-safe.
 */
public final class Quantizer {
    private final SampleEncoder encoder;
    private final int channels;

    /**
     * @param encoding the grid to round to
     * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
     * @param dither {@link Dither#TPDF} adds triangular noise of 2 LSB peak to peak before rounding
     * @param seed the dither's seed; the same seed as the writer's gives the writer's codes
     */
    public Quantizer(SampleEncoding encoding, int channels, Dither dither, long seed) {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(dither, "dither");
        Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        this.encoder = new SampleEncoder(encoding, channels, dither, seed);
        this.channels = channels;
    }

    /**
     * Rounds every sample of {@code block} in place.
     *
     * @throws IllegalArgumentException if {@code block} has another channel count
     */
    public void quantize(AudioBuffer block) {
        if (block.channels() != channels) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels; the quantizer "
                    + channels);
        }
        encoder.quantiseInPlace(block);
    }

    /** Samples clamped at full scale so far (and NaN samples, which become 0). */
    public long clippedSamples() {
        return encoder.clipped();
    }
}
