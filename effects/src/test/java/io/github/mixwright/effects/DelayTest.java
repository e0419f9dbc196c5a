package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** The delay against closed forms written here: echo times, note values, the loop filters' decay, and glides. */
class DelayTest {
    private static final double RATE = 48_000;

    private static AudioBuffer run(Delay d, AudioBuffer x) {
        d.prepare(new ProcessSpec(RATE, 4096, x.channels()));
        for (int s = 0; s < x.frames(); s += 4096) {
            d.process(x.view(s, Math.min(4096, x.frames() - s)));
        }
        return x;
    }

    @Test
    void anImpulseComesBackAfterTheTimeOrTheNoteValue() {
        // time 250 ms: 12,000 frames; note 1/8 dotted at 120 bpm: 0.75 beat of 500 ms, 375 ms, 18,000 frames
        for (Object[] c : new Object[][] {{new Delay().setTimeMs(250), 12_000}, {new Delay().setNote("1/8d").setBpm(120), 18_000},
                {new Delay().setNote("1/4t").setBpm(100), (int) Math.round(2.0 / 3 * 600 * 48)}}) {
            Delay d = ((Delay) c[0]).setFeedback(0).setMix(1);
            int at = (int) c[1];
            AudioBuffer x = AudioBuffer.allocate(1, 30_000);
            x.set(0, 0, 1f);
            run(d, x);
            for (int i = 0; i < 30_000; i++) {
                assertEquals(i == at ? 1f : 0f, x.get(0, i), 1e-6f, d + " frame " + i);
            }
        }
    }

    @Test
    void eachRepeatIsTheFeedbackTimesTheLoopFiltersGainBelowTheOneBefore() {
        double f = 1000;
        double g = 0.6;
        double lowcut = 200;
        double highcut = 3000;
        Delay d = new Delay().setTimeMs(100).setFeedback(g).setLowCutHz(lowcut).setHighCutHz(highcut).setMix(1);
        // a 1 kHz sine for 50 ms, then silence: echoes at 100, 200, 300 ms
        AudioBuffer x = AudioBuffer.allocate(1, 20_000);
        for (int i = 0; i < 2400; i++) {
            x.set(0, i, (float) Math.sin(2 * Math.PI * f * i / RATE));
        }
        run(d, x);
        double first = peak(x, 4800 + 600, 4800 + 1800);
        double second = peak(x, 9600 + 600, 9600 + 1800);
        double third = peak(x, 14_400 + 600, 14_400 + 1800);
        // first-order filters at f: |LP| = (1 - a) / |1 - a e^-jw|, |HP| = b |1 - e^-jw| / |1 - b e^-jw|
        double w = 2 * Math.PI * f / RATE;
        double a = Math.exp(-2 * Math.PI * highcut / RATE);
        double b = Math.exp(-2 * Math.PI * lowcut / RATE);
        double lp = (1 - a) / Math.hypot(1 - a * Math.cos(w), a * Math.sin(w));
        double hp = b * Math.hypot(1 - Math.cos(w), Math.sin(w)) / Math.hypot(1 - b * Math.cos(w), b * Math.sin(w));
        assertEquals(1, first, 0.01);
        assertEquals(g * lp * hp, second / first, 0.01);
        assertEquals(g * lp * hp, third / second, 0.01);
    }

    private static double peak(AudioBuffer x, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x.get(0, i)));
        }
        return m;
    }

    @Test
    void pingPongSendsTheRepeatsToTheOtherChannel() {
        Delay d = new Delay().setTimeMs(10).setFeedback(0.5).setLowCutHz(10).setHighCutHz(22_000).setPingPong(true).setMix(1);
        AudioBuffer x = AudioBuffer.allocate(2, 2000);
        x.set(0, 0, 1f);
        run(d, x);
        // left: the echo at 480; right: the repeat at 960 (from the left), left again at 1440. The other
        // channel holds at most the 10 Hz high-pass's slow tail there (below 1e-3)
        assertEquals(1, x.get(0, 480), 1e-6);
        assertEquals(0, x.get(1, 480), 1e-6);
        assertEquals(0.5 * (1 - Math.exp(-2 * Math.PI * 21_600 / RATE)), peakAround(x, 1, 960), 0.01);
        assertTrue(peakAround(x, 0, 960) < 1e-3);
        assertTrue(peakAround(x, 0, 1440) > 0.2 && peakAround(x, 1, 1440) < 1e-3);
    }

    private static double peakAround(AudioBuffer x, int c, int at) {
        double m = 0;
        for (int i = at - 2; i < at + 40; i++) {
            m = Math.max(m, Math.abs(x.get(c, i)));
        }
        return m;
    }

    @Test
    void aTimeChangeGlidesWithoutAClick() {
        // a steady 500 Hz sine through the echo alone while the time jumps from 250 to 400 ms and back; a
        // jump of the read position would show as a second difference of the order of the amplitude
        double f = 500;
        double amp = 0.5;
        int frames = (int) (3 * RATE);
        AudioBuffer x = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            x.set(0, i, (float) (amp * Math.sin(2 * Math.PI * f * i / RATE)));
        }
        Delay d = new Delay().setFeedback(0.3).setMix(1)
                .automate("time", Automation.builder(0, 250).holdTo(1.0, 400).holdTo(2.0, 250).build());
        run(d, x);
        double natural = amp * Math.pow(2 * Math.sin(Math.PI * f / RATE), 2);
        double most = 0;
        for (int i = (int) (0.6 * RATE); i < frames; i++) {
            double second = x.get(0, i) - 2 * x.get(0, i - 1) + x.get(0, i - 2);
            most = Math.max(most, Math.abs(second));
        }
        // pitch bends by at most 1.5: the second difference grows by at most 1.5^2, plus the echoes' sum
        assertTrue(most < 4 * natural, "second difference " + most + " against the sine's own " + natural);
    }
}
