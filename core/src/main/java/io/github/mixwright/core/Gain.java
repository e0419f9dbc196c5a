package io.github.mixwright.core;

import java.util.List;

/**
 * Multiplies every channel by a gain given in dB.
 *
 * <p>Parameter {@code db}: -120 to +24 dB, default 0, smoothed linearly in dB over 20 ms (an
 * exponential ramp in amplitude, so fades sound even). At exactly 0 dB the signal passes bit for bit.
 *
 * <p>Not thread-safe.
 */
public final class Gain extends ParameterizedProcessor<Gain> implements LinearProcessor {
    /** Lowest gain: -120 dB is below the noise floor of 24-bit audio. */
    public static final double MIN_DB = -120;
    /** Highest gain. */
    public static final double MAX_DB = 24;

    /** The descriptor: {@code gain db=<dB>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("gain",
            "Changes the level of every channel by a gain in dB",
            List.of(ParameterSpec.number("db", "dB", MIN_DB, MAX_DB, 0, "gain in decibels")),
            0, Gain::new);

    private final Parameter db = parameter("db");

    /** A gain of 0 dB. */
    public Gain() {
        super(DESCRIPTOR);
    }

    /** A gain of {@code gainDb} dB. */
    public static Gain ofDb(double gainDb) {
        Gain g = new Gain();
        g.db.set(gainDb);
        return g;
    }

    /** Sets the gain in dB, -120 to +24. */
    public Gain setDb(double gainDb) {
        db.set(gainDb);
        return this;
    }

    /** The gain in dB last set. */
    public double db() {
        return db.get();
    }

    @Override
    public FrequencyResponse frequencyResponse(double sampleRate) {
        return FrequencyResponse.flat(sampleRate, Decibels.toGain(db.get()));
    }


    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        if (db.isSteady()) {
            double value = db.current();
            db.advance(n);
            if (value == 0) {
                return;
            }
            float g = (float) Decibels.toGain(value);
            for (int c = 0; c < block.channels(); c++) {
                float[] x = block.channel(c);
                for (int i = off; i < off + n; i++) {
                    x[i] *= g;
                }
            }
            return;
        }
        double[] v = db.render(n);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] == 0 ? 1 : (float) Decibels.toGain(v[i]);
        }
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            for (int i = 0; i < n; i++) {
                x[off + i] *= (float) v[i];
            }
        }
    }
}
