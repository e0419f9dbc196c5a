package io.github.mixwright.filters;

import io.github.mixwright.core.Complex;
import io.github.mixwright.core.FrequencyResponse;

/**
 * The exact DTFT of a symmetric FIR delayed by {@code delayFrames}: {@code e^(-i w D) A(w)}, with the
 * real amplitude {@code A} summed from the taps ({@link FirDesign#amplitude}). Where {@code A} is
 * negative the phase jumps by pi but the group delay stays {@code D / fs}.
 *
 * <p>Immutable (owns its copy of the taps) and thread-safe.
 */
final class FirResponse implements FrequencyResponse {
    private final double[] taps;
    private final double sampleRate;
    private final double delayFrames;

    FirResponse(double[] taps, double sampleRate, double delayFrames) {
        this.taps = taps.clone();
        this.sampleRate = sampleRate;
        this.delayFrames = delayFrames;
    }

    @Override
    public double sampleRate() {
        return sampleRate;
    }

    @Override
    public Complex response(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        return Complex.polar(FirDesign.amplitude(taps, w), -w * delayFrames);
    }

    @Override
    public double magnitudeDb(double hz) {
        return 20 * Math.log10(Math.abs(FirDesign.amplitude(taps, 2 * Math.PI * hz / sampleRate)));
    }

    @Override
    public double groupDelaySeconds(double hz) {
        return delayFrames / sampleRate;
    }
}
