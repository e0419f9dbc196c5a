package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;

/**
 * The amplitude of one spectral line of a periodic signal: a DFT at {@code hz} over {@code count} samples
 * holding whole periods, which reads each line exactly, without a window and without leakage.
 */
final class Lines {
    private Lines() {
    }

    static double amplitude(AudioBuffer x, int from, int count, double hz, double rate) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < count; i++) {
            double p = 2 * Math.PI * hz * i / rate;
            re += x.get(0, from + i) * Math.cos(p);
            im += x.get(0, from + i) * Math.sin(p);
        }
        return 2 * Math.hypot(re, im) / count;
    }
}
