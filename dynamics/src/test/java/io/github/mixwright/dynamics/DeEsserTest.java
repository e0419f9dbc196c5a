package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** The de-esser reduces the band it listens to, and (split mode) nothing else. */
class DeEsserTest {
    private static final double RATE = 48_000;

    private static AudioBuffer tones(double seconds, double[] hz, double[] dbfs) {
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int k = 0; k < hz.length; k++) {
                v += Math.pow(10, dbfs[k] / 20) * Math.sin(2 * Math.PI * hz[k] * i / RATE);
            }
            x[i] = (float) v;
        }
        return AudioBuffer.wrap(new float[][] {x});
    }

    private static AudioBuffer run(DeEsser d, AudioBuffer x) {
        d.prepare(new ProcessSpec(RATE, 1024, 1));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); at += 1024) {
            d.process(y.view(at, Math.min(1024, y.frames() - at)));
        }
        return y;
    }

    /** Amplitude of the {@code hz} component over the last 0.5 s (a single-bin DFT). */
    private static double amplitudeDb(AudioBuffer x, double hz) {
        int n = (int) (0.5 * RATE);
        int from = x.frames() - n;
        double re = 0;
        double im = 0;
        for (int i = from; i < x.frames(); i++) {
            re += x.get(0, i) * Math.cos(2 * Math.PI * hz * i / RATE);
            im += x.get(0, i) * Math.sin(2 * Math.PI * hz * i / RATE);
        }
        return 20 * Math.log10(2 * Math.hypot(re, im) / n);
    }

    @Test
    void splitModeTurnsDownOnlyTheSibilantBand() {
        AudioBuffer x = tones(1.5, new double[] {200, 6000}, new double[] {-6, -10});
        AudioBuffer y = run(new DeEsser(), x);
        assertEquals(amplitudeDb(x, 200), amplitudeDb(y, 200), 0.3, "200 Hz is left alone");
        assertEquals(amplitudeDb(x, 6000) - 12, amplitudeDb(y, 6000), 0.5, "6 kHz down by the range, 12 dB");
    }

    @Test
    void wideModeTurnsDownEverythingKeyedByTheBand() {
        AudioBuffer x = tones(1.5, new double[] {200, 6000}, new double[] {-6, -10});
        AudioBuffer y = run(new DeEsser().setMode(DeEsser.Mode.WIDE), x);
        assertEquals(amplitudeDb(x, 200) - 12, amplitudeDb(y, 200), 0.3);
        assertEquals(amplitudeDb(x, 6000) - 12, amplitudeDb(y, 6000), 0.3);
    }

    /** Below the threshold the reduction follows the ratio; without sibilance the output is the input. */
    @Test
    void ratioAndIdentity() {
        AudioBuffer x = tones(1.5, new double[] {6000}, new double[] {-20});
        DeEsser d = new DeEsser().setThresholdDb(-30).setRatio(2).setRangeDb(24).setAttackMs(0.05).setReleaseMs(1000);
        AudioBuffer y = run(d, x);
        assertEquals(amplitudeDb(x, 6000) - 5, amplitudeDb(y, 6000), 0.2, "(1 - 1/2) * 10 dB over");
        assertTrue(d.reductionDb() > 4.5);
        AudioBuffer low = tones(1, new double[] {150}, new double[] {-3});
        assertArrayEquals(low.channel(0), run(new DeEsser(), low).channel(0));
    }
}
