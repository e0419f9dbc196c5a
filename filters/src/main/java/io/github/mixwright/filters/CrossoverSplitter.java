package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.util.Arrays;

/**
 * Splits multichannel audio into the bands of a {@link Crossover}, following its tree topology in
 * double precision (state and the signal between stages), so the float bands sum back to the
 * all-pass-filtered input to within float rounding. Every section runs in direct form I (see
 * {@link Biquad}), section by section over chunks of frames.
 *
 * <p>{@link #split} never allocates; state carries over between calls, so a signal may be split in
 * blocks of any size with identical results. Denormals are flushed in the feedback state.
 *
 * <p>Not thread-safe: one thread drives a splitter at a time.
 */
public final class CrossoverSplitter {
    /** Frames converted to double at a time; large enough to amortise the loop, small enough for L1. */
    private static final int CHUNK = 256;

    private final Crossover crossover;
    private final int channels;
    private final int splits;
    private final double[][] lpCoef;
    private final double[][] hpCoef;
    private final double[][] apCoef;
    private final int lpSections;
    private final int apSections;
    /**
     * Section slots, each {@code x1, x2, y1, y2} per channel ({@code 4 channels} values): the LP
     * sections of every split, then the HP sections, then the AP sections of split m on band j
     * (m > j).
     */
    private final double[] state;
    /** The signal still to be split, per channel. */
    private final double[][] rest;
    /** The band being made, per channel. */
    private final double[][] low;

    CrossoverSplitter(Crossover crossover, int channels) {
        this.crossover = crossover;
        this.channels = Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        splits = crossover.bands() - 1;
        lpSections = LinkwitzRiley.sections(crossover.order());
        apSections = LinkwitzRiley.allPassSections(crossover.order());
        lpCoef = new double[splits][];
        hpCoef = new double[splits][];
        apCoef = new double[splits][];
        for (int j = 0; j < splits; j++) {
            lpCoef[j] = BiquadKernel.pack(crossover.lowPass(j));
            hpCoef[j] = BiquadKernel.pack(crossover.highPass(j));
            apCoef[j] = BiquadKernel.pack(crossover.allPass(j));
        }
        int slots = 2 * splits * lpSections + splits * splits * apSections;
        state = new double[4 * channels * slots];
        rest = new double[channels][CHUNK];
        low = new double[channels][CHUNK];
    }

    /** The design. */
    public Crossover crossover() {
        return crossover;
    }

    /** Channel count. */
    public int channels() {
        return channels;
    }

    /**
     * Writes the first {@code input.frames()} frames of each band, band 0 the lowest. {@code input}
     * is not changed (unless it is also one of the bands, which is allowed).
     *
     * @param input {@link #channels()} channels
     * @param bands {@code crossover().bands()} buffers, each with {@link #channels()} channels and at
     *        least {@code input.frames()} frames
     * @throws IllegalArgumentException if the shapes do not match
     */
    public void split(AudioBuffer input, AudioBuffer[] bands) {
        if (input.channels() != channels) {
            throw new IllegalArgumentException("input has " + input.channels() + " channels, splitter has " + channels);
        }
        if (bands.length != splits + 1) {
            throw new IllegalArgumentException("bands " + bands.length + " is out of range [" + (splits + 1) + ", "
                    + (splits + 1) + "]");
        }
        int frames = input.frames();
        for (AudioBuffer b : bands) {
            if (b.channels() != channels || b.frames() < frames) {
                throw new IllegalArgumentException("band buffer " + b + " does not hold " + channels
                        + " channels of " + frames + " frames");
            }
        }
        for (int start = 0; start < frames; start += CHUNK) {
            int len = Math.min(CHUNK, frames - start);
            BiquadKernel.load(input, start, len, rest);
            for (int j = 0; j < splits; j++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(rest[c], 0, low[c], 0, len);
                }
                run(low, len, lpCoef[j], lpSections, j * lpSections);
                run(rest, len, hpCoef[j], lpSections, (splits + j) * lpSections);
                for (int m = j + 1; m < splits; m++) {
                    run(low, len, apCoef[m], apSections, 2 * splits * lpSections + (j * splits + m) * apSections);
                }
                BiquadKernel.store(low, len, bands[j], start);
            }
            BiquadKernel.store(rest, len, bands[splits], start);
        }
    }

    /** Runs the {@code count} sections of {@code coef}, whose state starts at slot {@code slot}. */
    private void run(double[][] x, int len, double[] coef, int count, int slot) {
        for (int q = 0; q < count; q++) {
            BiquadKernel.runAll(x, channels, len, coef, 5 * q, state, 4 * channels * (slot + q));
        }
    }

    /** Clears the filter state, as for a new signal. */
    public void reset() {
        Arrays.fill(state, 0);
    }
}
