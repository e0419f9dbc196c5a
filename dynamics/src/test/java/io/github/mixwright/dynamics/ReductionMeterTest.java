package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** The reduction meter against gains written here, and against the limiter's own figures. */
class ReductionMeterTest {
    @Test
    void countsTimeAboveEachThresholdAndAveragesInDecibels() {
        ReductionMeter m = new ReductionMeter(4);
        // reductions of 0, 2, 4 and 8 dB, then 0 dB four times
        double[] gains = {1, Math.pow(10, -2 / 20.0), Math.pow(10, -4 / 20.0), Math.pow(10, -8 / 20.0), 1, 1, 1, 1, 1};
        m.accept(gains, gains.length);
        assertEquals(9, m.frames());
        assertEquals(8, m.maxReductionDb(), 1e-12);
        assertEquals((2 + 4 + 8) / 9.0, m.meanReductionDb(), 1e-12);
        assertEquals(3, m.framesAbove(1));
        assertEquals(2, m.framesAbove(3));
        assertEquals(1, m.framesAbove(6));
        assertArrayEquals(new float[] {8, 0, 0}, m.series(), 1e-5f);
    }

    @Test
    void followsTheLimiterWithoutChangingItsOutput() {
        AudioBuffer x = AudioBuffer.allocate(2, 48_000);
        for (int i = 0; i < x.frames(); i++) {
            float v = (float) (Math.sin(2 * Math.PI * 997 * i / 48_000.0) * (i > 24_000 ? 2.0 : 0.5));
            x.set(0, i, v);
            x.set(1, i, -0.7f * v);
        }
        AudioBuffer plain = x.copy();
        TruePeakLimiter a = new TruePeakLimiter();
        a.prepare(new ProcessSpec(48_000, 48_000, 2));
        a.process(plain);
        ReductionMeter m = new ReductionMeter(4800);
        TruePeakLimiter b = new TruePeakLimiter().setReductionMeter(m);
        b.prepare(new ProcessSpec(48_000, 48_000, 2));
        b.process(x);
        assertEquals(true, plain.sameSamples(x));
        assertEquals(a.maxGainReductionDb(), m.maxReductionDb(), 1e-9);
        // a +6 dB sine against a -1 dB ceiling: about 7 dB off in the second half, nothing in the first
        assertEquals(7, m.maxReductionDb(), 0.2);
        assertEquals(0, m.series()[2], 0.0);
        assertEquals(7, m.series()[8], 0.2);
        assertEquals(48_000, m.frames());
    }
}
