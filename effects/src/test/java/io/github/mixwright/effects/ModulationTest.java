package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** Chorus and flanger against closed forms: the swept delay's read position, and the comb's gain. */
class ModulationTest {
    private static final double RATE = 48_000;

    private static void run(io.github.mixwright.core.Processor p, AudioBuffer x) {
        p.prepare(new ProcessSpec(RATE, 4096, x.channels()));
        for (int s = 0; s < x.frames(); s += 4096) {
            p.process(x.view(s, Math.min(4096, x.frames() - s)));
        }
    }

    @Test
    void aChorusVoiceReadsTheInputAtTheSweptDelay() {
        // a slow ramp x[n] = n / 1e6 read between samples is exact for the cubic interpolator, so the voice's
        // output tells its read position: y[n] = (n - D(n)) / 1e6, D(n) = delay + depth sin(2 pi rate n / fs)
        int frames = 48_000;
        AudioBuffer x = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            x.set(0, i, (float) (i / 1e6));
        }
        run(new Chorus().setVoices(1).setMix(1).setDelayMs(15).setDepthMs(5).setRateHz(2), x);
        for (int i = 2000; i < frames; i += 97) {
            double d = 15 * 48 + 5 * 48 * Math.sin(2 * Math.PI * 2 * i / RATE);
            assertEquals((i - d) / 1e6, x.get(0, i), 2e-8, "frame " + i);
        }
    }

    @Test
    void aStillFlangerIsAFeedbackCombOfTheClosedFormGain() {
        // depth 0: wet = H x with H(z) = z^-D / (1 - g z^-D), so |H| = 1 / |1 - g e^{-j w D}| on a sine
        double g = 0.7;
        int d = 96;
        for (double hz : new double[] {250, 500, 375, 1000}) {
            AudioBuffer x = AudioBuffer.allocate(1, 48_000);
            for (int i = 0; i < x.frames(); i++) {
                x.set(0, i, (float) Math.sin(2 * Math.PI * hz * i / RATE));
            }
            run(new Flanger().setDepthMs(0).setDelayMs(2).setFeedback(g).setMix(1), x);
            double w = 2 * Math.PI * hz / RATE;
            double expected = 1 / Math.hypot(1 - g * Math.cos(w * d), g * Math.sin(w * d));
            double peak = 0;
            for (int i = 40_000; i < 48_000; i++) {
                peak = Math.max(peak, Math.abs(x.get(0, i)));
            }
            assertEquals(expected, peak, 0.01 * expected, hz + " Hz");
        }
    }
}
