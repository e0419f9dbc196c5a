package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class SmoothedValueTest {
    @Test
    void linearRampTakesEqualStepsAndLandsExactly() {
        qt().withFixedSeed(1).withExamples(500)
                .forAll(doubles().between(-100, 100), doubles().between(-100, 100), integers().between(1, 2000))
                .checkAssert((from, to, steps) -> {
                    SmoothedValue s = new SmoothedValue(Smoothing.LINEAR, from);
                    s.reset(steps, 1.0);
                    s.setTarget(to);
                    double previous = from;
                    for (int i = 1; i <= steps; i++) {
                        double v = s.next();
                        assertEquals((to - from) / steps, v - previous, 1e-9);
                        previous = v;
                    }
                    assertEquals(to, previous, 0.0);
                    assertFalse(s.isSmoothing());
                    assertEquals(to, s.next(), 0.0);
                });
    }

    @Test
    void multiplicativeRampKeepsAConstantRatio() {
        qt().withFixedSeed(2).withExamples(500)
                .forAll(doubles().between(0.001, 1000), doubles().between(0.001, 1000), integers().between(2, 2000))
                .checkAssert((from, to, steps) -> {
                    SmoothedValue s = new SmoothedValue(Smoothing.MULTIPLICATIVE, from);
                    s.reset(steps, 1.0);
                    s.setTarget(to);
                    double ratio = Math.pow(to / from, 1.0 / steps);
                    double previous = from;
                    for (int i = 1; i < steps; i++) {
                        double v = s.next();
                        assertEquals(ratio, v / previous, 1e-9);
                        previous = v;
                    }
                    assertEquals(to, s.next(), 0.0);
                });
    }

    @Test
    void skipEqualsRepeatedNext() {
        qt().withFixedSeed(3).withExamples(300)
                .forAll(doubles().between(-10, 10), integers().between(0, 300)).checkAssert((to, k) -> {
                    SmoothedValue a = new SmoothedValue(Smoothing.LINEAR, 0);
                    SmoothedValue b = new SmoothedValue(Smoothing.LINEAR, 0);
                    a.reset(100, 1);
                    b.reset(100, 1);
                    a.setTarget(to);
                    b.setTarget(to);
                    for (int i = 0; i < k; i++) {
                        a.next();
                    }
                    b.skip(k);
                    assertEquals(a.current(), b.current(), 0.0);
                });
    }

    @Test
    void setImmediateAndNoneJump() {
        SmoothedValue s = new SmoothedValue(Smoothing.LINEAR, 0);
        s.reset(48_000, 0.1);
        s.setTarget(1);
        assertTrue(s.isSmoothing());
        s.setImmediate(2);
        assertEquals(2, s.next(), 0.0);
        SmoothedValue none = new SmoothedValue(Smoothing.NONE, 0);
        none.reset(48_000, 0.1);
        none.setTarget(5);
        assertEquals(5, none.next(), 0.0);
    }

    @Test
    void badValuesAreRejected() {
        SmoothedValue m = new SmoothedValue(Smoothing.MULTIPLICATIVE, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setTarget(0));
        assertEquals("value 0 is out of range (0, Infinity) for multiplicative smoothing", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.setTarget(Double.NaN));
    }
}
