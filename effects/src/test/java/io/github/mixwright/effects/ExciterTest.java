package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/**
 * The exciter adds harmonics from the high band only. Signals here repeat every 240 samples (200 Hz and
 * 5 kHz at 48 kHz), so every component of the output lies on a multiple of 200 Hz, and a DFT over whole
 * periods reads each without leakage.
 */
class ExciterTest {
    private static final double RATE = 48_000;

    private static AudioBuffer tones(double lowAmp, double highAmp) {
        AudioBuffer x = AudioBuffer.allocate(1, 24_000);
        for (int i = 0; i < x.frames(); i++) {
            x.set(0, i, (float) (lowAmp * Math.sin(2 * Math.PI * 200 * i / RATE)
                    + highAmp * Math.sin(2 * Math.PI * 5000 * i / RATE)));
        }
        return x;
    }

    private static AudioBuffer run(Exciter e, AudioBuffer x) {
        e.prepare(new ProcessSpec(RATE, 4096, 1));
        for (int s = 0; s < x.frames(); s += 4096) {
            e.process(x.view(s, Math.min(4096, x.frames() - s)));
        }
        return x;
    }

    private static double line(AudioBuffer x, double hz) {
        return Lines.amplitude(x, x.frames() - 4800, 4800, hz, RATE);
    }

    @Test
    void aBassToneAloneGetsNoHarmonics() {
        AudioBuffer y = run(new Exciter().setAmount(1).setMix(1), tones(0.9, 0));
        for (int k = 1; k <= 100; k++) {
            assertTrue(line(y, 200 * k) < 1e-5, "line " + 200 * k + " Hz: " + line(y, 200 * k));
        }
    }

    @Test
    void theHighBandGetsHarmonicsAndNothingFallsBelowIt() {
        AudioBuffer y = run(new Exciter().setAmount(0.5).setMix(1), tones(0.5, 0.4));
        // the third harmonic of 5 kHz is there
        assertTrue(line(y, 15_000) > 1e-2, "15 kHz: " + line(y, 15_000));
        // nothing of it reaches below the band: no 200 Hz, no difference tones, no aliases under 2 kHz
        for (int k = 1; k <= 10; k++) {
            assertTrue(line(y, 200 * k) < 1e-4, "line " + 200 * k + " Hz: " + line(y, 200 * k));
        }
    }
}
