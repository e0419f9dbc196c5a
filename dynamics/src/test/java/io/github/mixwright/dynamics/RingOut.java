package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;

/** Test helper: how far a channel's output still sounds after a stated tail. */
final class RingOut {
    private RingOut() {
    }

    /** The largest magnitude of channel 0 before frame {@code end} and from it on: {@code {peak, after}}. */
    static double[] peakAndAfter(AudioBuffer x, int end) {
        double peak = 0;
        double after = 0;
        for (int i = 0; i < x.frames(); i++) {
            double v = Math.abs(x.get(0, i));
            if (i < end) {
                peak = Math.max(peak, v);
            } else {
                after = Math.max(after, v);
            }
        }
        return new double[] {peak, after};
    }
}
