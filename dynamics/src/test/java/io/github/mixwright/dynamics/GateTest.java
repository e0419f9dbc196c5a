package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The gate and expander against their definitions: DC levels make every gain exact. */
class GateTest {
    private static final double RATE = 48_000;

    /** A one-channel signal of DC segments at the given dBFS levels (-200 is silence), each {@code seconds} long. */
    private static AudioBuffer dc(double seconds, double... levelsDb) {
        int per = (int) (seconds * RATE);
        float[] x = new float[per * levelsDb.length];
        for (int k = 0; k < levelsDb.length; k++) {
            Arrays.fill(x, k * per, (k + 1) * per, levelsDb[k] <= -200 ? 0f : (float) Math.pow(10, levelsDb[k] / 20));
        }
        return AudioBuffer.wrap(new float[][] {x});
    }

    private static AudioBuffer run(Gate g, AudioBuffer x, int block) {
        g.prepare(new ProcessSpec(RATE, block, x.channels()));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); at += block) {
            g.process(y.view(at, Math.min(block, y.frames() - at)));
        }
        return y;
    }

    private static double gainDbAt(AudioBuffer x, AudioBuffer y, int i) {
        return 20 * Math.log10(y.get(0, i) / (double) x.get(0, i));
    }

    @Test
    void openGatePassesTheInputBitForBit() {
        AudioBuffer x = dc(0.5, -20, -30, -10);
        assertArrayEquals(x.channel(0), run(new Gate(), x, 333).channel(0));
    }

    /** Closed, a gate attenuates by its range; an expander by (ratio - 1)(level - threshold), capped at range. */
    @Test
    void closedGainIsTheExpanderCurve() {
        AudioBuffer x = dc(1, -20, -60);
        AudioBuffer gate = run(new Gate().setThresholdDb(-50).setRangeDb(80).setRatio(100), x, 512);
        assertEquals(-80, gainDbAt(x, gate, x.frames() - 1), 0.01);
        AudioBuffer expander = run(new Gate().setThresholdDb(-50).setRangeDb(80).setRatio(2), x, 512);
        assertEquals(-10, gainDbAt(x, expander, x.frames() - 1), 0.01);
        AudioBuffer shallow = run(new Gate().setThresholdDb(-50).setRangeDb(6).setRatio(100), x, 512);
        assertEquals(-6, gainDbAt(x, shallow, x.frames() - 1), 0.01);
    }

    /**
     * Closing: after the level falls, the gate holds for {@code hold} ms (after the detector's hold of
     * the peak, 10 ms: the drop falls on a control point, where the hold's window is shortest), then the gain falls with the release time constant (63 % of the way in
     * {@code release} ms). Opening: 63 % of the way up in {@code attack} ms.
     */
    @Test
    void holdReleaseAndAttackTimes() {
        double holdMs = 50;
        double releaseMs = 80;
        double attackMs = 2;
        Gate g = new Gate().setThresholdDb(-50).setRangeDb(60).setRatio(100).setHysteresisDb(4).setHoldMs(holdMs)
                .setAttackMs(attackMs).setReleaseMs(releaseMs);
        AudioBuffer x = dc(1, -20, -70, -20);
        AudioBuffer y = run(g, x, 256);
        int drop = (int) RATE;
        int closeAt = drop + (int) Math.round((10 + holdMs) * RATE / 1000);
        assertEquals(0, gainDbAt(x, y, closeAt - 20), 0, "still open during the hold");
        double mark = -60 * (1 - Math.exp(-1));
        int reached = closeAt;
        while (gainDbAt(x, y, reached) > mark) {
            reached++;
        }
        assertEquals(releaseMs, (reached - closeAt) * 1000 / RATE, 0.1 * releaseMs, "release");
        int rise = 2 * (int) RATE;
        double start = gainDbAt(x, y, rise - 1);
        int up = rise;
        while (gainDbAt(x, y, up) < start * Math.exp(-1)) {
            up++;
        }
        assertEquals(attackMs, (up - rise + 1) * 1000 / RATE, 0.1 * attackMs + 1000 / RATE, "attack");
    }

    /** Within the hysteresis band the gate stays as it is: open stays open, closed stays closed. */
    @Test
    void hysteresisKeepsTheState() {
        AudioBuffer x = dc(0.5, -20, -52, -20, -70, -52);
        AudioBuffer y = run(new Gate().setThresholdDb(-50).setRangeDb(80).setRatio(100).setHysteresisDb(4).setHoldMs(0), x, 512);
        int per = (int) (0.5 * RATE);
        assertEquals(0, gainDbAt(x, y, 2 * per - 1), 0, "-52 after opening: open");
        assertTrue(gainDbAt(x, y, 5 * per - 1) < -70, "-52 after closing: closed");
    }

    /** 100 % link: one gain for every channel. */
    @Test
    void linkedChannelsShareTheGain() {
        float[] loud = dc(0.5, -20, -70, -20).channel(0);
        float[] quiet = dc(0.5, -45, -45, -45).channel(0);
        AudioBuffer x = AudioBuffer.wrap(new float[][] {loud, quiet});
        AudioBuffer y = run(new Gate().setThresholdDb(-40).setRangeDb(80).setRatio(100), x, 100);
        for (int i = 0; i < x.frames(); i++) {
            assertEquals(y.get(0, i) / (double) x.get(0, i), y.get(1, i) / (double) x.get(1, i), 1e-6, "frame " + i);
        }
        AudioBuffer unlinked = run(new Gate().setThresholdDb(-40).setRangeDb(80).setRatio(100).setLinkPercent(0), x, 100);
        assertTrue(unlinked.get(1, 20_000) < 0.01 * x.get(1, 20_000), "alone, the quiet channel is gated");
    }
}
