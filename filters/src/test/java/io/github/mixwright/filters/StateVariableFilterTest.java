package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Automation;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.Decibels;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.ProcessSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The TPT state-variable filter: its measured response equals the analytic one, and it stays
 * bounded when the cutoff (and Q and gain) jump at random every sample.
 */
class StateVariableFilterTest {
    private static final double FS = 48000;
    private static final StateVariableFilter.Mode[] MODES = StateVariableFilter.Mode.values();

    /**
     * The stated bound under modulation: {@code |y| <= BOUND * scale(Q, gain) * max|x|}, see
     * {@link #scale}. The states stand for the analog SVF's integrators, whose energy only the
     * input can raise, so modulation does not make the filter unstable; but a cutoff jumping every
     * sample can still push the output past the static peak gain. Over 1,000 random settings with the
     * cutoff jumping across 10 Hz to 0.49 fs every sample the worst ratio measured was 3.45 (peak
     * mode, Q 0.75); BOUND leaves a margin of more than 2.
     */
    static final double BOUND = 8;

    /** {@code max(1, Q) max(1, A^2) (1 + 1/Q)}: static peak gain times the size of the output mix. */
    static double scale(double q, double gainDb) {
        return Math.max(1, q) * Math.max(1, Decibels.toGain(Math.abs(gainDb))) * (1 + 1 / q);
    }

    private static float[] impulseResponse(StateVariableFilter f, int frames) {
        f.prepare(new ProcessSpec(FS, 4096, 1));
        AudioBuffer b = AudioBuffer.allocate(1, frames);
        b.set(0, 0, 1f);
        for (int start = 0; start < frames; start += 4096) {
            f.process(b.view(start, Math.min(4096, frames - start)));
        }
        return b.channel(0);
    }

    @Test
    void impulseResponseMatchesTheAnalyticResponse() {
        int frames = 32768;
        qt().withFixedSeed(51L).withExamples(90)
                .forAll(integers().between(0, MODES.length - 1), doubles().between(100, 30000),
                        doubles().between(0.2, 10), doubles().between(-24, 24))
                .checkAssert((m, hz, q, gain) -> {
                    StateVariableFilter f = new StateVariableFilter().setMode(MODES[m]).setFrequencyHz(hz).setQ(q).setGainDb(gain);
                    float[] h = impulseResponse(f, frames);
                    double[] x = new double[frames];
                    for (int i = 0; i < frames; i++) {
                        x[i] = h[i];
                    }
                    FrequencyResponse r = f.frequencyResponse(FS);
                    assertTrue(((BiquadCoefficients) r).isStable());
                    for (int i = 0; i < 40; i++) {
                        double probe = 20 * Math.pow(0.45 * FS / 20, i / 39.0);
                        Complex expected = r.response(probe);
                        if (expected.magnitudeDb() > -60) {
                            Complex measured = CookbookTesting.dft(x, probe, FS);
                            String where = f + " at " + probe + " Hz";
                            assertEquals(expected.magnitudeDb(), measured.magnitudeDb(), 0.01, where);
                            assertEquals(0, Math.IEEEremainder(measured.arg() - expected.arg(), 2 * Math.PI), 1e-3, where);
                        }
                    }
                });
    }

    @Test
    void staysBoundedUnderRandomPerSampleModulation() {
        qt().withFixedSeed(52L).withExamples(200)
                .forAll(integers().between(0, MODES.length - 1), integers().allPositive())
                .checkAssert((m, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    double q = 0.1 * Math.pow(300, r.nextDouble());
                    double gainDb = -30 + 60 * r.nextDouble();
                    StateVariableFilter f = new StateVariableFilter().setMode(MODES[m]).setQ(q).setGainDb(gainDb);
                    f.prepare(new ProcessSpec(FS, 1, 2));
                    AudioBuffer b = AudioBuffer.allocate(2, 1);
                    double peak = 0;
                    for (int i = 0; i < 20000; i++) {
                        // The driver: a new cutoff anywhere in 10 Hz .. 40 kHz (clamped to 0.49 fs) every sample.
                        f.parameter("freq").setImmediate(10 * Math.pow(4000, r.nextDouble()));
                        float in = i % 200 < 100 ? 1f : -1f;
                        b.set(0, 0, in);
                        b.set(1, 0, (float) (2 * r.nextDouble() - 1));
                        f.process(b);
                        peak = Math.max(peak, Math.max(Math.abs(b.get(0, 0)), Math.abs(b.get(1, 0))));
                        assertTrue(Float.isFinite(b.get(0, 0)) && Float.isFinite(b.get(1, 0)));
                    }
                    double limit = scale(q, gainDb);
                    assertTrue(peak <= BOUND * limit, f + ": peak " + peak + " above " + BOUND * limit);
                });
    }

    @Test
    void staysBoundedUnderFastAutomation() {
        qt().withFixedSeed(53L).withExamples(60)
                .forAll(integers().between(0, MODES.length - 1), integers().allPositive())
                .checkAssert((m, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    Automation.Builder a = Automation.builder(0, 1000);
                    for (int k = 1; k <= 500; k++) {
                        a.linearTo(k * 0.001, 10 * Math.pow(4000, r.nextDouble()));
                    }
                    double q = 0.1 * Math.pow(300, r.nextDouble());
                    StateVariableFilter f = new StateVariableFilter().setMode(MODES[m]).setQ(q).setGainDb(12);
                    f.automate("freq", a.build());
                    f.prepare(new ProcessSpec(FS, 512, 1));
                    AudioBuffer b = AudioBuffer.allocate(1, 24000);
                    for (int i = 0; i < 24000; i++) {
                        b.set(0, i, (float) (2 * r.nextDouble() - 1));
                    }
                    for (int start = 0; start < 24000; start += 512) {
                        f.process(b.view(start, Math.min(512, 24000 - start)));
                    }
                    double limit = BOUND * scale(q, 12);
                    for (int i = 0; i < 24000; i++) {
                        assertTrue(Math.abs(b.get(0, i)) <= limit, f + " frame " + i + ": " + b.get(0, i));
                    }
                });
    }

    @Test
    void everySettingHasPolesInsideTheUnitCircle() {
        double[] rates = {8000, 44100, 48000, 96000, 192000};
        qt().withFixedSeed(54L).withExamples(3000)
                .forAll(integers().between(0, MODES.length - 1), integers().between(0, rates.length - 1),
                        doubles().between(0, 1), doubles().between(0, 1))
                .checkAssert((m, r, u, v) -> {
                    double hz = 10 * Math.pow(4000, u);
                    double q = 0.1 * Math.pow(300, v);
                    double gainDb = 60 * ((u * 7919 + v * 104729) % 1) - 30;
                    BiquadCoefficients b = StateVariableFilter.equivalentBiquad(MODES[m], rates[r], hz, q, gainDb);
                    assertTrue(b.isStable() && b.poleRadius() < 1, b.toString());
                    assertTrue(new DcBlocker().setFrequencyHz(1 + 199 * u).frequencyResponse(rates[r]) instanceof BiquadCoefficients d
                            && d.isStable(), "dc blocker");
                });
    }

    @Test
    void frequencyAboveNyquistIsClamped() {
        StateVariableFilter f = new StateVariableFilter().setMode(StateVariableFilter.Mode.BELL).setFrequencyHz(40000).setGainDb(6);
        BiquadCoefficients at = StateVariableFilter.equivalentBiquad(StateVariableFilter.Mode.BELL, 44100, 0.49 * 44100, 0.7071, 6);
        assertEquals(at, f.frequencyResponse(44100));
        float[] h = impulseResponse(f, 4096);
        for (float v : h) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void shelvesAndBellAtZeroGainAreIdentity() {
        for (StateVariableFilter.Mode m : new StateVariableFilter.Mode[] {StateVariableFilter.Mode.BELL,
                StateVariableFilter.Mode.LOWSHELF, StateVariableFilter.Mode.HIGHSHELF}) {
            FrequencyResponse r = StateVariableFilter.equivalentBiquad(m, FS, 1000, 2, 0);
            for (double hz = 10; hz < 24000; hz *= 1.3) {
                assertEquals(0, r.magnitudeDb(hz), 1e-9, m + " at " + hz);
            }
        }
        FrequencyResponse bell = StateVariableFilter.equivalentBiquad(StateVariableFilter.Mode.BELL, FS, 1000, 2, 6);
        assertEquals(6, bell.magnitudeDb(1000), 1e-9);
        FrequencyResponse low = StateVariableFilter.equivalentBiquad(StateVariableFilter.Mode.LOWSHELF, FS, 1000, 0.7071, 6);
        assertEquals(3, low.magnitudeDb(1000), 1e-9);
        assertEquals(6, low.magnitudeDb(5), 0.01);
        FrequencyResponse high = StateVariableFilter.equivalentBiquad(StateVariableFilter.Mode.HIGHSHELF, FS, 1000, 0.7071, -6);
        assertEquals(-3, high.magnitudeDb(1000), 1e-9);
        FrequencyResponse lp = StateVariableFilter.equivalentBiquad(StateVariableFilter.Mode.LOWPASS, FS, 1000, Math.sqrt(0.5), 0);
        assertEquals(0, lp.response(500).minus(Butterworth.lowPass(FS, 1000, 2).response(500)).abs(), 1e-12);
    }
}
