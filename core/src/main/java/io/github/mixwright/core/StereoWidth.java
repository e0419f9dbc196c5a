package io.github.mixwright.core;

import java.util.List;

/**
 * Narrows or widens a stereo image by scaling its side (difference) signal.
 *
 * <p>With mid {@code M = (L + R) / 2} and side {@code S = (L - R) / 2}, the output is
 * {@code L' = M + w S}, {@code R' = M - w S}, computed as {@code L' = a L + b R},
 * {@code R' = a R + b L} with {@code a = (1 + w) / 2}, {@code b = (1 - w) / 2}. Parameter
 * {@code amount} ({@code w}): 0 (mono, {@code L' = R'} exactly) to 2 (side doubled), default 1
 * (the identity, bit for bit), smoothed linearly over 20 ms. Works on two channels.
 *
 * <p>Not thread-safe.
 */
public final class StereoWidth extends ParameterizedProcessor<StereoWidth> {
    /** The descriptor: {@code width amount=<0..2>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("width",
            "Scales the stereo side signal: 0 mono, 1 unchanged, 2 twice as wide",
            List.of(ParameterSpec.number("amount", "", 0, 2, 1, "side gain: 0 mono, 1 unchanged, up to 2")),
            2, StereoWidth::new);

    private final Parameter amount = parameter("amount");

    /** Width 1: unchanged. */
    public StereoWidth() {
        super(DESCRIPTOR);
    }

    /** Sets the width, 0 to 2. */
    public StereoWidth setAmount(double value) {
        amount.set(value);
        return this;
    }


    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        float[] left = block.channel(0);
        float[] right = block.channel(1);
        if (amount.isSteady()) {
            double w = amount.current();
            amount.advance(n);
            if (w == 1) {
                return;
            }
            float a = (float) ((1 + w) / 2);
            float b = (float) ((1 - w) / 2);
            for (int i = off; i < off + n; i++) {
                float l = left[i];
                float r = right[i];
                left[i] = a * l + b * r;
                right[i] = a * r + b * l;
            }
            return;
        }
        double[] w = amount.render(n);
        for (int i = 0; i < n; i++) {
            float l = left[off + i];
            float r = right[off + i];
            if (w[i] != 1) {
                float a = (float) ((1 + w[i]) / 2);
                float b = (float) ((1 - w[i]) / 2);
                left[off + i] = a * l + b * r;
                right[off + i] = a * r + b * l;
            }
        }
    }
}
