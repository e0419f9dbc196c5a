package io.github.mixwright.core;

import java.util.List;

/**
 * Inverts the polarity (multiplies by -1) of some channels: exact, no smoothing.
 *
 * <p>Parameter {@code channels}: {@code all} (default), {@code left} (channel 0) or {@code right}
 * (channel 1; a mono signal has none, so it passes unchanged).
 *
 * <p>Not thread-safe.
 */
public final class Polarity extends ParameterizedProcessor<Polarity> {
    /** The descriptor: {@code polarity channels=<all|left|right>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("polarity",
            "Inverts the polarity of all channels, or of the left or right one",
            List.of(ParameterSpec.choice("channels", List.of("all", "left", "right"), 0,
                    "which channels to invert")),
            0, Polarity::new);

    private final Parameter channels = parameter("channels");

    /** Inverts every channel. */
    public Polarity() {
        super(DESCRIPTOR);
    }


    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        double[] which = channels.render(n);
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            for (int i = 0; i < n; i++) {
                int w = (int) which[i];
                if (w == 0 || w - 1 == c) {
                    x[off + i] = -x[off + i];
                }
            }
        }
    }
}
