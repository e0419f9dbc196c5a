package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/**
 * Aliasing of the saturator, measured exactly: a full-scale 5 kHz sine at 48 kHz repeats every 48 samples,
 * and so does any time-invariant processing of it once settled, so its spectrum lies on the multiples of
 * 1 kHz. The harmonics are the multiples of 5 kHz; every other line below 20 kHz is an alias. A DFT over a
 * whole number of periods reads each line without leakage.
 */
class SaturatorTest {
    private static final double RATE = 48_000;

    /** The level of the worst alias below 20 kHz, dB relative to the fundamental. */
    static double worstAliasDb(String type, int factor, double driveDb) {
        Saturator s = new Saturator().setType(type).setOversample(factor).setDriveDb(driveDb);
        int frames = 24_000;
        AudioBuffer x = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            x.set(0, i, (float) Math.sin(2 * Math.PI * 5000 * i / RATE));
        }
        s.prepare(new ProcessSpec(RATE, 4096, 1));
        for (int at = 0; at < frames; at += 4096) {
            s.process(x.view(at, Math.min(4096, frames - at)));
        }
        int from = frames - 4800;
        double fundamental = line(x, from, 5000);
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < 20; k++) {
            if (k % 5 != 0) {
                worst = Math.max(worst, 20 * Math.log10(line(x, from, k * 1000) / fundamental + 1e-300));
            }
        }
        return worst;
    }

    /** The amplitude of the line at {@code hz} over the 4800 samples from {@code from} (100 periods). */
    private static double line(AudioBuffer x, int from, double hz) {
        return Lines.amplitude(x, from, 4800, hz, RATE);
    }

    @Test
    void everyShapeKeepsAliases90dBDownUpTo12dBAt8x() {
        for (String type : Saturator.TYPES) {
            for (double drive : new double[] {6, 12}) {
                double a = worstAliasDb(type, 8, drive);
                assertTrue(a <= -90, type + " at 8x, drive " + drive + " dB: worst alias " + a + " dB");
            }
        }
    }

    @Test
    void everyShapeKeepsAliases90dBDownUpTo24dBAt16x() {
        for (String type : Saturator.TYPES) {
            for (double drive : new double[] {18, 24}) {
                double a = worstAliasDb(type, 16, drive);
                assertTrue(a <= -90, type + " at 16x, drive " + drive + " dB: worst alias " + a + " dB");
            }
        }
    }

    /** Prints the table of docs/effects.md: {@code -Dsaturator.table=true}. */
    @Test
    void aliasTable() {
        if (!Boolean.getBoolean("saturator.table")) {
            return;
        }
        for (String type : Saturator.TYPES) {
            for (int factor : new int[] {1, 2, 4, 8, 16}) {
                StringBuilder row = new StringBuilder("| " + type + " | " + factor + "x |");
                for (double drive : new double[] {0, 6, 12, 18, 24, 36}) {
                    long a = Math.round(worstAliasDb(type, factor, drive));
                    row.append(a <= -90 ? " **" + a + "** |" : " " + a + " |");
                }
                System.out.println(row);
            }
        }
    }

    @Test
    void theMeasurementAgreesWithThePhysics() {
        // even with ideal filters tanh at 24 dB and 8x aliases at about -77 dB (the issue's own figure):
        // a measurement that read every alias as silence would not see it
        assertEquals(-77, worstAliasDb("tanh", 8, 24), 3);
    }

    @Test
    void withoutOversamplingTheAliasesAreThere() {
        // the measurement can fail: tanh at 12 dB without oversampling folds its harmonics back loudly
        assertTrue(worstAliasDb("tanh", 1, 12) > -60);
    }

    @Test
    void theFastTanhIsWithin8e10OfMathTanhAndOddAndMonotonic() {
        double worst = 0;
        for (int k = -2_000_000; k <= 2_000_000; k++) {
            double u = k * 1e-5 * (1 + 1e-7 * k);
            worst = Math.max(worst, Math.abs(Saturator.tanh(u) - Math.tanh(u)));
        }
        for (double u : new double[] {1e-300, -1e-300, 1e-12, 0, -0.0, 25, -25, 400, -400, 1e300, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            worst = Math.max(worst, Math.abs(Saturator.tanh(u) - Math.tanh(u)));
        }
        assertTrue(worst <= 8e-10, "worst difference " + worst);
        double previous = -1;
        // monotonic where the slope (above 2e-5) is far above the fit's ripple; near the hold at 11 the
        // function is flat to within 1e-9 and may ripple by that much
        for (int k = -600_000; k <= 600_000; k++) {
            double u = k * 1e-5;
            double v = Saturator.tanh(u);
            assertEquals(-v, Saturator.tanh(-u), 0.0, "odd at " + u);
            assertTrue(v >= previous, "monotonic at " + u);
            previous = v;
        }
    }

    @Test
    void theShapesFollowTheirFormulas() {
        // one sample through each shape without oversampling: drive 0 dB, bias 0, so y = f(x)
        double x = 0.6;
        String[] types = {"tanh", "soft", "tube", "tape"};
        double[] expected = {Math.tanh(x), x / Math.sqrt(1 + x * x), Math.tanh(x), Double.NaN};
        for (int t = 0; t < 3; t++) {
            Saturator s = new Saturator().setType(types[t]).setOversample(1).setDriveDb(0);
            AudioBuffer b = AudioBuffer.allocate(1, 2);
            b.set(0, 0, (float) x);
            b.set(0, 1, (float) -x);
            s.prepare(new ProcessSpec(RATE, 2, 1));
            s.process(b);
            assertEquals(expected[t], b.get(0, 0), 1e-6, types[t]);
            double negative = t == 2 ? Math.tanh(-1.5 * x) / 1.5 : -expected[t];
            assertEquals(negative, b.get(0, 1), 1e-6, types[t] + " below zero");
        }
    }
}
