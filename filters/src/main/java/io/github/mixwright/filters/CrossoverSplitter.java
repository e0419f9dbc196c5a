package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.util.Arrays;

/**
 * Splits multichannel audio into the bands of a {@link Crossover}, following its tree topology
 * sample by sample in double precision (state and the signal between stages), so the float bands
 * sum back to the all-pass-filtered input to within float rounding.
 *
 * <p>{@link #split} never allocates; state carries over between calls, so a signal may be split in
 * blocks of any size with identical results. Denormals are flushed in the feedback state.
 *
 * <p>Not thread-safe: one thread drives a splitter at a time.
 */
public final class CrossoverSplitter {
    private final Crossover crossover;
    private final int channels;
    private final int splits;
    private final double[][] lpCoef;
    private final double[][] hpCoef;
    private final double[][] apCoef;
    private final int lpSections;
    private final int apSections;
    /** Per channel: LP and HP state of each split, then AP state of split j on band k (j > k). */
    private final double[][] state;

    CrossoverSplitter(Crossover crossover, int channels) {
        this.crossover = crossover;
        this.channels = Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        splits = crossover.bands() - 1;
        lpSections = LinkwitzRiley.sections(crossover.order());
        apSections = LinkwitzRiley.allPassSections(crossover.order());
        lpCoef = new double[splits][5 * lpSections];
        hpCoef = new double[splits][5 * lpSections];
        apCoef = new double[splits][5 * apSections];
        for (int j = 0; j < splits; j++) {
            SosKernel.pack(crossover.lowPass(j), lpCoef[j], 0);
            SosKernel.pack(crossover.highPass(j), hpCoef[j], 0);
            SosKernel.pack(crossover.allPass(j), apCoef[j], 0);
        }
        int perChannel = 2 * splits * 2 * lpSections + splits * splits * 2 * apSections;
        state = new double[channels][perChannel];
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
        int lpStride = 2 * lpSections;
        int apStride = 2 * apSections;
        int apBase = 2 * splits * lpStride;
        for (int c = 0; c < channels; c++) {
            float[] x = input.channel(c);
            int xo = input.offset();
            double[] s = state[c];
            for (int i = 0; i < frames; i++) {
                double rest = x[xo + i];
                for (int j = 0; j < splits; j++) {
                    double low = SosKernel.run(lpCoef[j], lpSections, s, 2 * j * lpStride, rest);
                    rest = SosKernel.run(hpCoef[j], lpSections, s, (2 * j + 1) * lpStride, rest);
                    for (int m = j + 1; m < splits; m++) {
                        low = SosKernel.run(apCoef[m], apSections, s, apBase + (j * splits + m) * apStride, low);
                    }
                    bands[j].channel(c)[bands[j].offset() + i] = (float) low;
                }
                bands[splits].channel(c)[bands[splits].offset() + i] = (float) rest;
            }
        }
    }

    /** Clears the filter state, as for a new signal. */
    public void reset() {
        for (double[] s : state) {
            Arrays.fill(s, 0);
        }
    }
}
