package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.KeyedProcessor;
import io.github.mixwright.core.ParameterRate;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** The processor model for dynamics: fixed-at-prepare parameters, rates, keys and tails. */
class DynamicsProcessorModelTest {
    private static final double RATE = 48_000;

    @Test
    void automatingTheLookaheadIsAnErrorNamingIt() {
        for (var p : new io.github.mixwright.core.ParameterizedProcessor<?>[] {new Compressor(), new TruePeakLimiter()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.automate("lookahead", Automation.constant(5)));
            assertTrue(e.getMessage().contains("lookahead is fixed at prepare"), e.getMessage());
        }
    }

    @Test
    void changingTheLookaheadAfterPrepareIsAnErrorNamingIt() {
        Compressor c = new Compressor().setLookaheadMs(2);
        c.prepare(new ProcessSpec(RATE, 64, 2));
        c.process(AudioBuffer.allocate(2, 64));
        c.setLookaheadMs(5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.process(AudioBuffer.allocate(2, 64)));
        assertTrue(e.getMessage().contains("lookahead was set to 5 after prepare"), e.getMessage());
        c.prepare(new ProcessSpec(RATE, 64, 2));
        c.process(AudioBuffer.allocate(2, 64));
        assertEquals(240, c.latencyFrames());
        TruePeakLimiter l = new TruePeakLimiter();
        l.prepare(new ProcessSpec(RATE, 64, 1));
        l.setLookaheadMs(3);
        assertTrue(assertThrows(IllegalStateException.class, () -> l.process(AudioBuffer.allocate(1, 64)))
                .getMessage().contains("lookahead"));
    }

    /** Parameters read at control points say so; the structural ones are fixed at prepare. */
    @Test
    void ratesAreDeclared() {
        assertEquals(ParameterRate.PREPARE, Compressor.DESCRIPTOR.parameter("lookahead").rate());
        assertEquals(ParameterRate.CONTROL, Compressor.DESCRIPTOR.parameter("threshold").rate());
        assertEquals(ParameterRate.CONTROL, Gate.DESCRIPTOR.parameter("range").rate());
        assertEquals(ParameterRate.CONTROL, DeEsser.DESCRIPTOR.parameter("freq").rate());
        assertEquals(ParameterRate.PREPARE, MultibandCompressor.DESCRIPTOR.parameter("bands").rate());
        assertTrue(MultibandCompressor.DESCRIPTOR.parameter("bands").integer());
        assertEquals(ParameterRate.PREPARE, MultibandCompressor.DESCRIPTOR.parameter("xover3").rate());
        assertEquals(ParameterRate.PREPARE, TruePeakLimiter.DESCRIPTOR.parameter("lookahead").rate());
    }

    /** Setters reject out-of-range values with the standard message; range is a positive depth in both. */
    @Test
    void settersUseTheStandardMessage() {
        assertEquals("range -80 is out of range [0, 120]",
                assertThrows(IllegalArgumentException.class, () -> new Gate().setRangeDb(-80)).getMessage());
        assertEquals("range 30 is out of range [0, 24]",
                assertThrows(IllegalArgumentException.class, () -> new DeEsser().setRangeDb(30)).getMessage());
        assertEquals("window 0 is out of range [0.1, 1000]",
                assertThrows(IllegalArgumentException.class, () -> new Compressor().setRmsWindowMs(0)).getMessage());
        assertEquals("keyeqq 20 is out of range [0.1, 10]",
                assertThrows(IllegalArgumentException.class, () -> new Compressor().setKeyEqQ(20)).getMessage());
        Compressor c = new Compressor().setThresholdDb(-20).setRatio(4).automate("threshold", Automation.constant(-20));
        assertEquals(-20, c.parameter("threshold").get());
    }

    /** A block of a 1 kHz tone for the pad, a 60 Hz burst (the kick) from 0.25 to 0.35 s for the key. */
    private static AudioBuffer tone(double hz, double amplitude, double from, double to, double seconds) {
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        for (int i = (int) (from * RATE); i < Math.min(n, (int) (to * RATE)); i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return AudioBuffer.wrap(new float[][] {x});
    }

    private static void runKeyed(KeyedProcessor p, AudioBuffer audio, AudioBuffer key) {
        p.prepare(new ProcessSpec(RATE, 480, audio.channels()));
        for (int at = 0; at < audio.frames(); at += 480) {
            p.process(audio.view(at, 480), key.view(at, 480));
        }
    }

    private static double rmsDb(AudioBuffer x, double from, double to) {
        double e = 0;
        int a = (int) (from * RATE);
        int b = (int) (to * RATE);
        for (int i = a; i < b; i++) {
            e += x.get(0, i) * (double) x.get(0, i);
        }
        return 10 * Math.log10(e / (b - a) + 1e-30);
    }

    /** A kick keys a gate on a pad: the pad sounds while the kick does, and is gated otherwise. */
    @Test
    void kickKeysAGateOnAPad() {
        AudioBuffer pad = tone(1000, 0.3, 0, 1, 1);
        AudioBuffer kick = tone(60, 0.8, 0.25, 0.35, 1);
        AudioBuffer out = pad.copy();
        runKeyed(new Gate().setThresholdDb(-30).setRangeDb(60).setHoldMs(0).setReleaseMs(5), out, kick);
        double open = rmsDb(pad, 0.27, 0.33);
        assertEquals(open, rmsDb(out, 0.27, 0.33), 0.01, "open while the kick sounds: the pad as it is");
        assertEquals(open - 60, rmsDb(out, 0.6, 0.9), 0.5, "closed by the range without the kick, loud as the pad is");
    }

    /** A de-esser keyed by a sibilant copy turns down the input, which alone has no sibilance. */
    @Test
    void keyedDeEsserListensToTheKey() {
        AudioBuffer voice = tone(300, 0.5, 0, 1, 1);
        AudioBuffer sibilant = tone(6000, 0.5, 0.5, 1, 1);
        AudioBuffer out = voice.copy();
        runKeyed(new DeEsser().setMode(DeEsser.Mode.WIDE).setRangeDb(10), out, sibilant);
        assertEquals(rmsDb(voice, 0.1, 0.45), rmsDb(out, 0.1, 0.45), 1e-9, "no sibilance in the key: untouched");
        assertEquals(rmsDb(voice, 0.7, 0.95) - 10, rmsDb(out, 0.7, 0.95), 0.2, "sibilant key: down by the range");
        AudioBuffer alone = voice.copy();
        runKeyed(new DeEsser().setMode(DeEsser.Mode.WIDE), alone, voice);
        assertEquals(rmsDb(voice, 0.1, 0.95), rmsDb(alone, 0.1, 0.95), 1e-9, "keyed by itself: 300 Hz has no sibilance");
    }

    /** The compressor's and the limiter's tails are their delays; the de-esser's split band rings. */
    @Test
    void tailsCoverWhatSoundsAfterTheInput() {
        Compressor c = new Compressor().setLookaheadMs(5);
        c.prepare(new ProcessSpec(RATE, 64, 1));
        assertEquals(240, c.tailFrames());
        TruePeakLimiter l = new TruePeakLimiter();
        l.prepare(new ProcessSpec(RATE, 64, 1));
        assertEquals(l.latencyFrames(), l.tailFrames());
        DeEsser d = new DeEsser().setThresholdDb(-60).setRatio(20).setRangeDb(24).setQ(5).setFrequencyHz(1000);
        d.prepare(new ProcessSpec(RATE, 4800, 1));
        int tail = d.tailFrames();
        AudioBuffer x = AudioBuffer.allocate(1, 48_000 + tail + 4800);
        for (int i = 0; i < 48_000; i++) {
            x.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE)));
        }
        for (int at = 0; at < x.frames(); at += 4800) {
            d.process(x.view(at, Math.min(4800, x.frames() - at)));
        }
        double[] ring = RingOut.peakAndAfter(x, 48_000 + tail);
        double peak = ring[0];
        double after = ring[1];
        assertTrue(after < 1e-6 * peak, "after the tail of " + tail + ": " + after + " of " + peak);
        assertEquals(0, d.setMode(DeEsser.Mode.WIDE).tailFrames());
    }
}
