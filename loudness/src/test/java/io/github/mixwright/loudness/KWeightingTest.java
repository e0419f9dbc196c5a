package io.github.mixwright.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.filters.BiquadCoefficients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KWeightingTest {
    private static final double TABLE_TOLERANCE = 1e-8;

    /** ITU-R BS.1770-4, Annex 1, tables 1 and 2 (48 kHz). */
    @Test
    void matchesPublishedTableAt48k() {
        KWeighting k = KWeighting.of(48_000);
        BiquadCoefficients s = k.shelf();
        assertEquals(1.53512485958697, s.b0(), TABLE_TOLERANCE);
        assertEquals(-2.69169618940638, s.b1(), TABLE_TOLERANCE);
        assertEquals(1.19839281085285, s.b2(), TABLE_TOLERANCE);
        assertEquals(-1.69065929318241, s.a1(), TABLE_TOLERANCE);
        assertEquals(0.73248077421585, s.a2(), TABLE_TOLERANCE);
        BiquadCoefficients h = k.highPass();
        assertEquals(1, h.b0(), 1e-15);
        assertEquals(-2, h.b1(), 1e-15);
        assertEquals(1, h.b2(), 1e-15);
        assertEquals(-1.99004745483398, h.a1(), TABLE_TOLERANCE);
        assertEquals(0.99007225036621, h.a2(), TABLE_TOLERANCE);
        assertEquals(48_000, k.sampleRate());
    }

    /**
     * The response is that of one analog prototype at every rate: identical below 100 Hz, and in the mid
     * band off only by the bilinear warping of the 1.7 kHz shelf, which grows as the rate falls.
     */
    @ParameterizedTest
    @ValueSource(doubles = {8_000, 22_050, 44_100, 48_000, 88_200, 96_000, 192_000, 384_000})
    void responseIsStableAndRateIndependent(double rate) {
        KWeighting k = KWeighting.of(rate);
        assertTrue(k.shelf().isStable());
        assertTrue(k.highPass().isStable());
        KWeighting ref = KWeighting.of(48_000);
        double midBand = rate < 20_000 ? 0.25 : rate < 40_000 ? 0.03 : 0.01;
        for (double hz : new double[] {20, 50, 100}) {
            assertEquals(ref.magnitudeDb(hz), k.magnitudeDb(hz), 0.002, "at " + hz + " Hz");
        }
        for (double hz : new double[] {500, 997, 1000, 2000}) {
            assertEquals(ref.magnitudeDb(hz), k.magnitudeDb(hz), midBand, "at " + hz + " Hz");
        }
        // -0.691 in the loudness formula cancels the K-weighted gain at 1 kHz (0.698 dB at 48 kHz).
        assertEquals(0.691, k.magnitudeDb(1000), rate < 20_000 ? 0.25 : 0.02);
        assertTrue(k.magnitudeDb(10) < -10, "high-pass rejects 10 Hz");
    }

    @Test
    void shelfGivesAboutFourDbAtHighFrequencies() {
        KWeighting k = KWeighting.of(96_000);
        assertEquals(4.0, k.magnitudeDb(10_000), 0.1);
    }

    @Test
    void rejectsRatesOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KWeighting.of(4_000));
        assertEquals("sampleRate 4000 is out of range [8000, 384000]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KWeighting.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KWeighting.of(400_000));
    }
}
