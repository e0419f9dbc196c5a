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
    }
}
