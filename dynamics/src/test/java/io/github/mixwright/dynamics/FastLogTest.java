package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/** The fast logarithm and power against java.lang.Math, over the ranges the processors use. */
class FastLogTest {
    @Test
    void decibelsOfPowersMatchMath() {
        qt().withFixedSeed(61L).withExamples(20_000)
                .forAll(doubles().between(-60, 60))
                .checkAssert(e -> {
                    double p = Math.pow(10, e / 2);
                    assertEquals(10 * Math.log10(p), FastLog.powerToDb(p), 1e-9, "power " + p);
                });
        for (double p : new double[] {1e-30, 1e-60, 0.5, 1, 2, Math.sqrt(2), Math.nextUp(Math.sqrt(2)), 1e300}) {
            assertEquals(10 * Math.log10(p), FastLog.powerToDb(p), 1e-9, "power " + p);
        }
    }

    @Test
    void gainsOfDecibelsMatchMath() {
        qt().withFixedSeed(62L).withExamples(20_000)
                .forAll(doubles().between(-400, 400))
                .checkAssert(db -> {
                    double expected = Math.pow(10, db / 20);
                    assertEquals(expected, FastLog.dbToGain(db), 1e-11 * expected, db + " dB");
                });
        assertEquals(1, FastLog.dbToGain(0), 0);
        // Rounding by 1.5 2^52 is round-half-even, as Math.rint: 2^(k/64) exactly at the table points.
        for (int k = -640; k <= 640; k++) {
            assertEquals(Math.pow(2, k / 64.0), FastLog.exp2(k / 64.0), 1e-15 * Math.pow(2, k / 64.0), "2^(" + k + "/64)");
        }
        assertEquals(Math.pow(2, 1000), FastLog.exp2(5000), 1e-12 * Math.pow(2, 1000), "clamped at 1000");
        assertEquals(Math.pow(2, -1000), FastLog.exp2(-5000), 1e-12 * Math.pow(2, -1000), "clamped at -1000");
    }

    /**
     * The logarithm of a float's bits (the compressor's peak detector) against Math.log of the float,
     * for positive normal floats across the whole range, within 3e-11 (1e-10 dB). Zero reads as
     * 2^-127, far below any threshold.
     */
    @Test
    void logarithmOfFloatBitsMatchesMath() {
        qt().withFixedSeed(63L).withExamples(20_000)
                .forAll(doubles().between(-125.9, 127.9))
                .checkAssert(e -> {
                    float f = (float) Math.pow(2, e);
                    double expected = Math.log(f) / Math.log(2);
                    assertEquals(expected, FastLog.log2OfFloatBits(Float.floatToRawIntBits(f)), 3e-11, "float " + f);
                });
        for (float f : new float[] {Float.MIN_NORMAL, 1f, Math.nextUp(1f), 0.5f, 3f, Float.MAX_VALUE}) {
            assertEquals(Math.log(f) / Math.log(2), FastLog.log2OfFloatBits(Float.floatToRawIntBits(f)), 3e-11, "float " + f);
        }
        assertEquals(-127, FastLog.log2OfFloatBits(0), 0, "zero reads as 2^-127: far below any threshold");
        assertEquals(128, FastLog.log2OfFloatBits(Float.floatToRawIntBits(Float.POSITIVE_INFINITY)), 0);
    }
}
