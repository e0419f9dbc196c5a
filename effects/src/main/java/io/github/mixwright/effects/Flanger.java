package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Denormals;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.List;

/**
 * A flanger: a short delay swept by a sine, {@code D(t) = delay + depth sin(2 pi (rate t + c / 4))} for channel
 * {@code c}, with feedback, a comb filter whose teeth move:
 * <pre>
 *   wet = line(n - D),   line(n) = x + feedback * wet,   y = (1 - mix) x + mix wet
 * </pre>
 * With |feedback| below 1 the loop is stable at every setting. Negative feedback puts the teeth between
 * the positive setting's. {@code mix=1} is the delayed, fed-back signal alone; {@code mix=0} the input, bit
 * for bit. Denormals are flushed in the loop.
 *
 * <p>Parameters: {@code rate} Hz [0.01, 10] default 0.25; {@code depth} ms [0, 5] default 1.5; {@code delay}
 * ms [0.1, 10] default 2 (the sweep is held at least 1 frame); {@code feedback} [-0.99, 0.99] default 0.5;
 * {@code mix} [0, 1] default 0.5. Not thread-safe.
 */
public final class Flanger extends SweptDelay<Flanger> {
    /** The descriptor: {@code flanger rate=0.25 depth=1.5 delay=2 feedback=0.5 mix=0.5}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("flanger",
            "Flanger: a sine-swept short delay with feedback, a moving comb",
            List.of(ParameterSpec.number("rate", "Hz", 0.01, 10, 0.25, "sweep rate"),
                    ParameterSpec.number("depth", "ms", 0, 5, 1.5, "sweep depth, either side of the delay"),
                    ParameterSpec.number("delay", "ms", 0.1, 10, 2, "centre of the sweep"),
                    ParameterSpec.number("feedback", "", -0.99, 0.99, 0.5, "share of the delayed signal fed back"),
                    ParameterSpec.number("mix", "", 0, 1, 0.5, "wet share: 0 dry, 1 wet alone")),
            0, Flanger::new);

    private final Parameter feedback = parameter("feedback");

    /** A flanger with every parameter at its default. */
    public Flanger() {
        super(DESCRIPTOR, 15);
    }

    /** Sets the feedback, -0.99 to 0.99. */
    public Flanger setFeedback(double amount) {
        feedback.set(amount);
        return this;
    }

    /** The echoes in the loop fall 120 dB under the input after {@code ln(1e-6 / mix) / ln|feedback|} trips of the longest delay. */
    @Override
    public int tailFrames() {
        if (fs == 0 || mix.current() == 0) {
            return 0;
        }
        double longest = (delay.current() + depth.current()) * fs / 1000 + 4;
        double g = Math.abs(feedback.current());
        double trips = g == 0 ? 1 : Math.ceil(Math.log(1e-6 / mix.current()) / Math.log(g)) + 1;
        return (int) Math.ceil(trips * longest) + 4;
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
        double[] fb = feedback.render(n);
        double[] mx = mix.render(n);
        for (int i = 0; i < n; i++) {
            double base = dl[i] * fs / 1000;
            double swing = dp[i] * fs / 1000;
            double m = mx[i];
            for (int c = 0; c < channels; c++) {
                DelayLine line = lines[c];
                float x = block.channel(c)[off + i];
                double d = Math.max(1, base + swing * Math.sin(2 * Math.PI * (phase + c / 4.0)));
                double wet = line.read(d);
                double into = x + fb[i] * wet;
                line.write((float) (Math.abs(into) < Denormals.FLUSH ? 0 : into));
                block.channel(c)[off + i] = m == 0 ? x : (float) ((1 - m) * x + m * wet);
            }
            advance(r[i]);
        }
    }
}
