package io.github.mixwright.effects;

import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;

/**
 * What the chorus and the flanger share: a {@link DelayLine} per channel read at a delay swept by a sine, the
 * sweep's phase, and the parameters {@code rate} (Hz), {@code depth} and {@code delay} (ms) and {@code mix}.
 *
 * @param <P> the processor, so that setters chain without casts
 */
abstract class SweptDelay<P extends SweptDelay<P>> extends ParameterizedProcessor<P> {
    final Parameter rate = parameter("rate");
    final Parameter depth = parameter("depth");
    final Parameter delay = parameter("delay");
    final Parameter mix = parameter("mix");

    double fs;
    DelayLine[] lines = new DelayLine[0];
    /** The sweep's phase, in cycles, [0, 1). */
    double phase;
    private final double longestMs;

    /** @param longestMs the longest delay the lines must hold, ms */
    SweptDelay(ProcessorDescriptor descriptor, double longestMs) {
        super(descriptor);
        this.longestMs = longestMs;
    }

    /** Sets the sweep rate, Hz. */
    public P setRateHz(double hz) {
        rate.set(hz);
        return self();
    }

    /** Sets the sweep depth, ms either side of the delay. */
    public P setDepthMs(double ms) {
        depth.set(ms);
        return self();
    }

    /** Sets the centre delay, ms. */
    public P setDelayMs(double ms) {
        delay.set(ms);
        return self();
    }

    /** Sets the wet share, 0 to 1. */
    public P setMix(double value) {
        mix.set(value);
        return self();
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        fs = spec.sampleRate();
        lines = new DelayLine[spec.channels()];
        for (int c = 0; c < lines.length; c++) {
            lines[c] = new DelayLine((int) Math.ceil(longestMs * fs / 1000) + 4);
        }
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (DelayLine l : lines) {
            l.clear();
        }
        phase = 0;
    }

    /** Moves the sweep on by one frame at {@code hz}. */
    final void advance(double hz) {
        phase += hz / fs;
        phase -= Math.floor(phase);
    }
}
