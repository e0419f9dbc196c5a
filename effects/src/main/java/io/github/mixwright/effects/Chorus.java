package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.List;

/**
 * A chorus: copies of the input read from a delay line whose length each voice sweeps with a sine,
 * {@code D(t) = delay + depth sin(2 pi (rate t + v / voices + c / 4))} for voice {@code v} of channel
 * {@code c} (a quarter cycle between channels widens the image), averaged; then
 * {@code y = (1 - mix) x + mix wet}. The line is read between samples by a cubic Hermite interpolator, so
 * the sweep is smooth. {@code mix=1} is the voices alone, {@code mix=0} the input, bit for bit.
 *
 * <p>Parameters: {@code rate} Hz [0.01, 10] default 0.8; {@code depth} ms [0, 10] default 2; {@code delay}
 * ms [1, 40] default 15 (the sweep is held at least 0.1 ms above zero); {@code voices} [1, 4] default 2;
 * {@code mix} [0, 1] default 0.5. No feedback: the tail is the longest delay. Not thread-safe.
 */
public final class Chorus extends SweptDelay<Chorus> {
    /** The descriptor: {@code chorus rate=0.8 depth=2 delay=15 voices=2 mix=0.5}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("chorus",
            "Chorus: voices read from a sine-swept delay line, averaged",
            List.of(ParameterSpec.number("rate", "Hz", 0.01, 10, 0.8, "sweep rate"),
                    ParameterSpec.number("depth", "ms", 0, 10, 2, "sweep depth, either side of the delay"),
                    ParameterSpec.number("delay", "ms", 1, 40, 15, "centre of the sweep"),
                    ParameterSpec.integer("voices", "", 1, 4, 2, "voices, evenly spread in the sweep's phase"),
                    ParameterSpec.number("mix", "", 0, 1, 0.5, "voices' share: 0 dry, 1 voices alone")),
            0, Chorus::new);

    private final Parameter voices = parameter("voices");

    /** A chorus with every parameter at its default. */
    public Chorus() {
        super(DESCRIPTOR, 50);
    }

    /** Sets the number of voices, 1 to 4. */
    public Chorus setVoices(int n) {
        voices.set(n);
        return this;
    }

    /** The longest the sweep reaches, and the interpolator's two frames. */
    @Override
    public int tailFrames() {
        return fs == 0 ? 0 : (int) Math.ceil((delay.current() + depth.current()) * fs / 1000) + 4;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] r = rate.render(n);
        double[] dp = depth.render(n);
        double[] dl = delay.render(n);
        double[] vo = voices.render(n);
        double[] mx = mix.render(n);
        for (int i = 0; i < n; i++) {
            int count = (int) Math.round(vo[i]);
            double base = dl[i] * fs / 1000;
            double swing = Math.min(dp[i] * fs / 1000, base - 0.1 * fs / 1000);
            double m = mx[i];
            for (int c = 0; c < channels; c++) {
                DelayLine line = lines[c];
                float x = block.channel(c)[off + i];
                double wet = 0;
                for (int v = 0; v < count; v++) {
                    double p = phase + (double) v / count + c / 4.0;
                    wet += line.read(Math.max(1, base + swing * Math.sin(2 * Math.PI * p)));
                }
                wet /= count;
                line.write(x);
                block.channel(c)[off + i] = m == 0 ? x : (float) ((1 - m) * x + m * wet);
            }
            advance(r[i]);
        }
    }
}
