package io.github.mixwright.filters;

import static io.github.mixwright.filters.CookbookTesting.RATES;
import static io.github.mixwright.filters.CookbookTesting.logUniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mixwright.core.Complex;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the cookbook and first-order designs: stability over the whole valid parameter
 * space, analytic magnitude against the measured response of the {@link Biquad} processor, analytic
 * group delay against the derivative of the phase, identity at 0 dB, the defining levels, and the
 * argument checks.
 */
class CookbookPropertiesTest {
    private static final FilterType[] TYPES = FilterType.values();
    private static final int CASES = RATES.length * TYPES.length;

    private static double rate(int c) {
        return RATES[c % RATES.length];
    }

    private static FilterType type(int c) {
        return TYPES[c / RATES.length];
    }

    @Test
    void everyValidParameterSetIsStable() {
        qt().withFixedSeed(301L).withExamples(20_000)
                .forAll(integers().between(0, CASES - 1), doubles().between(0, 1), doubles().between(0, 1),
                        doubles().between(-48, 48))
                .checkAssert((c, u, v, gain) -> {
                    double fs = rate(c);
                    // The whole valid range, both ends included, log-spaced, with Q over its full range.
                    double lo = Cookbook.minFrequency(fs);
                    double hi = Cookbook.maxFrequency(fs);
                    double hz = u < 0.05 ? lo : u > 0.95 ? hi : logUniform(lo, hi, (u - 0.05) / 0.9);
                    double q = logUniform(Cookbook.MIN_Q, Cookbook.MAX_Q, v);
                    BiquadCoefficients k = type(c).coefficients(fs, hz, q, gain);
                    assertTrue(k.isStable() && k.poleRadius() < 1, () -> type(c) + " " + hz + " " + q + " " + gain + ": " + k);
                    double slope = Math.max(1e-3, v);
                    assertTrue(BiquadCoefficients.lowShelfSlope(fs, hz, slope, gain).isStable());
                    assertTrue(BiquadCoefficients.highShelfSlope(fs, hz, slope, gain).isStable());
                });
    }

    /**
     * The analytic magnitude equals the measured one within 0.01 dB wherever it is above -60 dB, up to
     * 0.45 fs. The floor: below -60 dB the float output of the processor (rounding about 6e-8 of the
     * impulse response's energy) is no longer negligible against 0.01 dB of the value. Ranges are
     * kept where the impulse response decays to 1e-10 within 2^19 samples (Q up to 10, 40 Hz and up).
     */
    @Test
    void analyticMagnitudeMatchesTheMeasuredImpulseResponse() {
        qt().withFixedSeed(302L).withExamples(150)
                .forAll(integers().between(0, CASES - 1), doubles().between(0, 1), doubles().between(0, 1),
                        doubles().between(-24, 24))
                .checkAssert((c, u, v, gain) -> {
                    double fs = rate(c);
                    double hz = logUniform(40, 0.45 * fs, u);
                    double q = logUniform(0.1, 10, v);
                    BiquadCoefficients k = type(c).coefficients(fs, hz, q, gain);
                    double[] h = CookbookTesting.impulseResponse(k, Math.min(1 << 19, CookbookTesting.decayLength(k)));
                    SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(u));
                    for (int i = 0; i < 12; i++) {
                        double f = i == 0 ? hz : logUniform(10, 0.45 * fs, random.nextDouble());
                        double analytic = k.magnitudeDb(f);
                        if (analytic > -60) {
                            double measured = CookbookTesting.dft(h, f, fs).magnitudeDb();
                            assertEquals(analytic, measured, 0.01, () -> type(c) + " " + hz + " Hz q " + q + " at " + f);
                        }
                    }
                });
    }

    @Test
    void groupDelayIsTheDerivativeOfThePhase() {
        qt().withFixedSeed(303L).withExamples(3000)
                .forAll(integers().between(0, CASES - 1), doubles().between(0, 1), doubles().between(0, 1),
                        doubles().between(0, 1))
                .checkAssert((c, u, v, p) -> {
                    double fs = rate(c);
                    double hz = logUniform(20, 0.45 * fs, u);
                    double q = logUniform(0.1, 20, v);
                    BiquadCoefficients k = type(c).coefficients(fs, hz, q, 24 * (2 * v - 1));
                    double f = logUniform(10, 0.45 * fs, p);
                    if (k.magnitudeDb(f) < -60) {
                        return; // phase is ill-conditioned next to a zero (the notch)
                    }
                    double d = 1e-5 * f;
                    double dphi = k.response(f + d).arg() - k.response(f - d).arg();
                    dphi = Math.IEEEremainder(dphi, 2 * Math.PI); // unwrap
                    double numeric = -dphi / (2 * Math.PI * 2 * d);
                    double analytic = k.groupDelaySeconds(f);
                    assertEquals(analytic, numeric, 1e-5 * Math.abs(analytic) + 1e-4 / fs,
                            () -> type(c) + " " + hz + " Hz q " + q + " at " + f);
                });
    }

    @Test
    void peakingAndShelvesAtZeroDbAreTheIdentity() {
        qt().withFixedSeed(304L).withExamples(2000)
                .forAll(integers().between(0, RATES.length - 1), doubles().between(0, 1), doubles().between(0, 1),
                        doubles().between(0, 1))
                .checkAssert((r, u, v, p) -> {
                    double fs = RATES[r];
                    double hz = logUniform(1, 0.499 * fs, u);
                    double q = logUniform(Cookbook.MIN_Q, Cookbook.MAX_Q, v);
                    double f = p * fs / 2;
                    BiquadCoefficients[] identities = {
                        BiquadCoefficients.peaking(fs, hz, q, 0), BiquadCoefficients.lowShelf(fs, hz, q, 0),
                        BiquadCoefficients.highShelf(fs, hz, q, 0), BiquadCoefficients.lowShelfSlope(fs, hz, v + 1e-3 > 1 ? 1 : v + 1e-3, 0),
                        BiquadCoefficients.highShelfSlope(fs, hz, 1, 0), BiquadCoefficients.firstOrderLowShelf(fs, hz, 0),
                        BiquadCoefficients.firstOrderHighShelf(fs, hz, 0)};
                    for (BiquadCoefficients k : identities) {
                        Complex h = k.response(f);
                        assertEquals(1, h.re(), 1e-6, k::toString);
                        assertEquals(0, h.im(), 1e-6, k::toString);
                    }
                });
    }

    @Test
    void designsHaveTheirDefiningLevels() {
        qt().withFixedSeed(305L).withExamples(2000)
                .forAll(integers().between(0, RATES.length - 1), doubles().between(0, 1), doubles().between(0, 1),
                        doubles().between(-48, 48))
                .checkAssert((r, u, v, g) -> {
                    double fs = RATES[r];
                    double hz = logUniform(10, 0.49 * fs, u);
                    double q = logUniform(0.1, 50, v);
                    double half = 10 * Math.log10(0.5);
                    // 1e-6 dB: near DC and Nyquist, 1 + a1 + a2 and its like cancel to ~w0^2, so the rounding of the
                    // stored coefficients alone moves the response by ~1e-8 relative at 10 Hz / 96 kHz.
                    assertEquals(half, BiquadCoefficients.lowPass(fs, hz, Math.sqrt(0.5)).magnitudeDb(hz), 1e-6);
                    assertEquals(half, BiquadCoefficients.highPass(fs, hz, Math.sqrt(0.5)).magnitudeDb(hz), 1e-6);
                    assertEquals(20 * Math.log10(q), BiquadCoefficients.lowPass(fs, hz, q).magnitudeDb(hz), 1e-6);
                    assertEquals(0, BiquadCoefficients.bandPass(fs, hz, q).magnitudeDb(hz), 1e-6);
                    assertTrue(BiquadCoefficients.notch(fs, hz, q).response(hz).abs() < 1e-6);
                    double f = logUniform(10, 0.5 * fs, 1 - u);
                    assertEquals(0, BiquadCoefficients.allPass(fs, hz, q).magnitudeDb(f), 1e-6);
                    assertEquals(Math.PI, Math.abs(BiquadCoefficients.allPass(fs, hz, q).phaseRadians(hz)), 1e-6);
                    assertEquals(g, BiquadCoefficients.peaking(fs, hz, q, g).magnitudeDb(hz), 1e-6);
                    assertEquals(g / 2, BiquadCoefficients.lowShelf(fs, hz, q, g).magnitudeDb(hz), 1e-6);
                    assertEquals(g / 2, BiquadCoefficients.highShelf(fs, hz, q, g).magnitudeDb(hz), 1e-6);
                    assertEquals(g, BiquadCoefficients.lowShelf(fs, hz, q, g).magnitudeDb(0), 1e-6);
                    assertEquals(g, BiquadCoefficients.highShelf(fs, hz, q, g).magnitudeDb(fs / 2), 1e-6);
                    assertEquals(half, BiquadCoefficients.firstOrderLowPass(fs, hz).magnitudeDb(hz), 1e-6);
                    assertEquals(half, BiquadCoefficients.firstOrderHighPass(fs, hz).magnitudeDb(hz), 1e-6);
                    assertEquals(g / 2, BiquadCoefficients.firstOrderLowShelf(fs, hz, g).magnitudeDb(hz), 1e-6);
                    assertEquals(g / 2, BiquadCoefficients.firstOrderHighShelf(fs, hz, g).magnitudeDb(hz), 1e-6);
                    assertEquals(g, BiquadCoefficients.firstOrderLowShelf(fs, hz, g).magnitudeDb(0), 1e-6);
                    assertEquals(g, BiquadCoefficients.firstOrderHighShelf(fs, hz, g).magnitudeDb(fs / 2), 1e-6);
                });
    }

    @Test
    void argumentsAreCheckedWithTheStandardMessages() {
        assertEquals("frequencyHz 30000 is out of range [0.48, 23999.52]", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.lowPass(48000, 30000, 0.7)).getMessage());
        assertEquals("frequencyHz 0 is out of range [0.441, 22049.559]", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.firstOrderHighPass(44100, 0)).getMessage());
        assertEquals("q 0.01 is out of range [0.025, 100]", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.notch(48000, 1000, 0.01)).getMessage());
        assertEquals("gainDb 60 is out of range [-48, 48]", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.peaking(48000, 1000, 1, 60)).getMessage());
        assertEquals("slope 0 is out of range (0, 1]", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.lowShelfSlope(48000, 1000, 0, 6)).getMessage());
        assertEquals("sampleRate -1 is out of range (0, Infinity)", assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.highPass(-1, 1000, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.lowPass(48000, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> FilterType.FIRST_ORDER_LOW_PASS.coefficients(48000, 1000, 0, 0));
    }
}
