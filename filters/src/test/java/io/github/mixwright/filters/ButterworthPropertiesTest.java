package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.Complex;
import org.junit.jupiter.api.Test;

/** Butterworth and Linkwitz-Riley designs: stability, the closed-form magnitude, levels at the corner. */
class ButterworthPropertiesTest {
    private static final double[] RATES = {22050, 44100, 48000, 88200, 96000, 192000};
    private static final double HALF_POWER_DB = 10 * Math.log10(0.5);

    /** A frequency in [10 Hz, 0.499 fs) drawn log-uniformly from {@code u} in [0, 1). */
    private static double frequency(double fs, double u) {
        return 10 * Math.pow(0.499 * fs / 10, u);
    }

    @Test
    void everyButterworthDesignIsStable() {
        qt().withFixedSeed(31L).withExamples(2000)
                .forAll(integers().between(0, RATES.length - 1), doubles().between(0, 0.99999),
                        integers().between(1, 16), integers().between(0, 1))
                .checkAssert((r, u, order, hp) -> {
                    double fs = RATES[r];
                    double hz = frequency(fs, u);
                    SecondOrderSections s = hp == 1 ? Butterworth.highPass(fs, hz, order) : Butterworth.lowPass(fs, hz, order);
                    assertTrue(s.isStable() && s.poleRadius() < 1, s.toString());
                    assertEquals(order, s.order());
                });
    }

    @Test
    void magnitudeIsTheButterworthFormulaAfterPrewarping() {
        qt().withFixedSeed(32L).withExamples(1000)
                .forAll(integers().between(0, RATES.length - 1), doubles().between(0, 0.99999),
                        integers().between(1, 16), doubles().between(0.0001, 0.4999))
                .checkAssert((r, u, order, probe) -> {
                    double fs = RATES[r];
                    double hz = frequency(fs, u);
                    double f = probe * fs;
                    double ratio = Math.tan(Math.PI * f / fs) / Math.tan(Math.PI * hz / fs);
                    double lowDb = -10 * Math.log10(1 + Math.pow(ratio, 2 * order));
                    double highDb = -10 * Math.log10(1 + Math.pow(1 / ratio, 2 * order));
                    double lp = Butterworth.lowPass(fs, hz, order).magnitudeDb(f);
                    double hp = Butterworth.highPass(fs, hz, order).magnitudeDb(f);
                    // Relative part: deep in the stop band the dB values are in the hundreds.
                    double tol = Conditioning.tolerance(fs, hz, f, order);
                    assertEquals(lowDb, lp, tol + 1e-9 * Math.abs(lowDb), "low-pass at " + f);
                    assertEquals(highDb, hp, tol + 1e-9 * Math.abs(highDb), "high-pass at " + f);
                    double atCorner = Conditioning.tolerance(fs, hz, hz, order);
                    assertEquals(HALF_POWER_DB, Butterworth.lowPass(fs, hz, order).magnitudeDb(hz), atCorner);
                    assertEquals(HALF_POWER_DB, Butterworth.highPass(fs, hz, order).magnitudeDb(hz), atCorner);
                });
    }

    @Test
    void linkwitzRileyIsMinus6dBAtTheCrossoverAndSumsToItsAllPass() {
        int[] orders = {2, 4, 8};
        qt().withFixedSeed(33L).withExamples(500)
                .forAll(integers().between(0, RATES.length - 1), doubles().between(0, 0.99999),
                        integers().between(0, 2), doubles().between(0.0001, 0.4999))
                .checkAssert((r, u, o, probe) -> {
                    double fs = RATES[r];
                    double hz = frequency(fs, u);
                    int order = orders[o];
                    SecondOrderSections lp = LinkwitzRiley.lowPass(fs, hz, order);
                    SecondOrderSections hp = LinkwitzRiley.highPass(fs, hz, order);
                    SecondOrderSections ap = LinkwitzRiley.allPass(fs, hz, order);
                    assertTrue(lp.isStable() && hp.isStable() && ap.isStable());
                    assertEquals(order, lp.order());
                    double atCorner = Conditioning.tolerance(fs, hz, hz, order);
                    assertEquals(2 * HALF_POWER_DB, lp.magnitudeDb(hz), atCorner);
                    assertEquals(2 * HALF_POWER_DB, hp.magnitudeDb(hz), atCorner);
                    double f = probe * fs;
                    Complex sum = lp.response(f).plus(hp.response(f));
                    Complex all = ap.response(f);
                    double tol = Conditioning.tolerance(fs, hz, f, order);
                    assertEquals(0, sum.minus(all).abs(), tol, "LP + HP = AP at " + f);
                    assertEquals(1, all.abs(), tol, "|AP| at " + f);
                });
    }

    @Test
    void lr2HighPassIsTheInvertedSquare() {
        SecondOrderSections hp1 = Butterworth.highPass(48000, 1000, 1);
        SecondOrderSections lr2 = LinkwitzRiley.highPass(48000, 1000, 2);
        for (double f : new double[] {100, 1000, 5000}) {
            Complex square = hp1.response(f).times(hp1.response(f));
            assertEquals(0, lr2.response(f).plus(square).abs(), 1e-12);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Butterworth.lowPass(48000, 1000, 17));
        assertEquals("order 17 is out of range [1, 16]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Butterworth.lowPass(48000, 24000, 4));
        assertTrue(e.getMessage().startsWith("hz 24000 is out of range (0, 24000)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinkwitzRiley.lowPass(48000, 1000, 3));
        assertEquals("order 3 is not one of [2, 4, 8]", e.getMessage());
    }
}
