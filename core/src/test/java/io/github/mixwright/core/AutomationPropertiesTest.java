package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Automation curves: exact at breakpoints, continuous, monotone, sample-accurate, block-size independent. */
class AutomationPropertiesTest {
    private static final long SEED = 424242L;
    private static final double RATE = 48_000;
    private static final Automation.Shape[] SMOOTH = {
        Automation.Shape.LINEAR, Automation.Shape.EXPONENTIAL, Automation.Shape.S_CURVE};

    /** A random curve of positive values (so every shape is allowed) over about a second. */
    private static Automation randomCurve(long seed, boolean withHolds, boolean rising) {
        SplittableRandom r = new SplittableRandom(seed);
        double t = r.nextDouble(0, 0.1);
        double v = r.nextDouble(0.01, 10);
        Automation.Builder b = Automation.builder(t, v);
        int n = 2 + r.nextInt(6);
        for (int k = 0; k < n; k++) {
            t += r.nextDouble(0.001, 0.3);
            v = rising ? v + r.nextDouble(0, 3) : r.nextDouble(0.01, 10);
            Automation.Shape shape = withHolds ? Automation.Shape.values()[r.nextInt(4)] : SMOOTH[r.nextInt(3)];
            b.to(shape, t, v);
        }
        return b.build();
    }

    @Test
    void hitsEveryBreakpointExactly() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
            Automation a = randomCurve(seed, true, false);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.value(i), a.valueAt(a.time(i)), 0.0, "breakpoint " + i + " of " + a);
            }
            assertEquals(a.value(0), a.valueAt(0), 0.0);
            assertEquals(a.value(a.size() - 1), a.valueAt(1e6), 0.0);
        });
    }

    @Test
    void breakpointsOnSampleTimesAreRenderedExactly() {
        Automation a = Automation.builder(0, -20).linearTo(0.5, 0).sCurveTo(0.75, -6).holdTo(1, -3).build();
        Parameter p = new Parameter(ParameterSpec.number("db", "dB", -120, 24, 0, "gain"));
        p.automate(a);
        p.prepare(RATE, 48_001);
        double[] v = p.render(48_001);
        assertEquals(-20, v[0], 0.0);
        assertEquals(0, v[24_000], 0.0);
        assertEquals(-6, v[36_000], 0.0);
        assertEquals(-6, v[47_999], 0.0);
        assertEquals(-3, v[48_000], 0.0);
        assertEquals(-10, v[12_000], 1e-12);
    }

    @Test
    void smoothShapesAreContinuous() {
        qt().withFixedSeed(SEED).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Automation a = randomCurve(seed, false, false);
            double span = a.time(a.size() - 1) + 0.1;
            double range = a.max() - a.min();
            // Largest slope of any shape here is about pi/2 * range / shortest segment (1 ms).
            double h = 1e-9;
            double bound = Math.PI / 2 * range / 0.001 * h * 1.01 + 1e-12;
            for (int k = 0; k < 2000; k++) {
                double t = span * k / 2000;
                if (Math.abs(a.valueAt(t + h) - a.valueAt(t)) > bound) {
                    fail("jump at " + t + " in " + a);
                }
            }
            // And straight across each breakpoint.
            for (int i = 1; i < a.size(); i++) {
                double t = a.time(i);
                assertTrue(Math.abs(a.valueAt(t - h) - a.value(i)) <= bound, "jump into breakpoint " + i + " of " + a);
            }
        });
    }

    @Test
    void monotoneBetweenMonotoneBreakpoints() {
        qt().withFixedSeed(SEED).withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Automation a = randomCurve(seed, true, true);
            double span = a.time(a.size() - 1) + 0.1;
            double previous = a.valueAt(0);
            for (int k = 1; k <= 20_000; k++) {
                double v = a.valueAt(span * k / 20_000);
                if (v < previous) {
                    fail("falls at " + span * k / 20_000 + " in " + a);
                }
                previous = v;
            }
        });
        qt().withFixedSeed(SEED).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Automation a = randomCurve(seed, true, false);
            for (int i = 1; i < a.size(); i++) {
                double lo = Math.min(a.value(i - 1), a.value(i));
                double hi = Math.max(a.value(i - 1), a.value(i));
                for (int k = 0; k <= 100; k++) {
                    double t = Math.min(a.time(i), a.time(i - 1) + (a.time(i) - a.time(i - 1)) * k / 100);
                    double v = a.valueAt(t);
                    if (!(v >= lo && v <= hi)) {
                        fail("segment " + i + " leaves [" + lo + ", " + hi + "] at " + t);
                    }
                }
            }
        });
    }

    @Test
    void renderedValuesDoNotDependOnBlockSize() {
        qt().withFixedSeed(SEED).withExamples(100).forAll(longs().all(), integers().between(1, 5000)).checkAssert((seed, block) -> {
            Automation a = randomCurve(seed, true, false);
            int frames = 60_000;
            double[] whole = render(a, frames, frames);
            double[] pieces = render(a, frames, block);
            assertArrayEquals(whole, pieces);
            for (int i = 0; i < frames; i++) {
                if (a.valueAt(i / RATE) != whole[i]) {
                    assertEquals(a.valueAt(i / RATE), whole[i], 0.0, "frame " + i + " of " + a);
                }
            }
        });
    }

    private static double[] render(Automation a, int frames, int block) {
        Parameter p = new Parameter(ParameterSpec.number("x", "", 0, 1000, 1, "test"));
        p.automate(a);
        p.prepare(RATE, block);
        double[] out = new double[frames];
        for (int start = 0; start < frames; start += block) {
            int n = Math.min(block, frames - start);
            System.arraycopy(p.render(n), 0, out, start, n);
        }
        return out;
    }

    @Test
    void shapesFollowTheirFormulas() {
        Automation lin = Automation.builder(1, 2).linearTo(3, 6).build();
        assertEquals(4, lin.valueAt(2), 1e-15);
        Automation exp = Automation.builder(0, 100).exponentialTo(2, 10_000).build();
        assertEquals(1000, exp.valueAt(1), 1e-9);
        Automation s = Automation.builder(0, 0).sCurveTo(1, 1).build();
        assertEquals(0.5, s.valueAt(0.5), 1e-15);
        assertEquals(0.5 - 0.5 * Math.cos(Math.PI * 0.25), s.valueAt(0.25), 1e-15);
        Automation hold = Automation.builder(0, 1).holdTo(1, 5).build();
        assertEquals(1, hold.valueAt(0.999999), 0.0);
        assertEquals(5, hold.valueAt(1), 0.0);
        assertEquals(2, lin.valueAt(0), 0.0);
    }

    @Test
    void badCurvesAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Automation.builder(1, 0).linearTo(0.5, 1));
        assertEquals("breakpoint time 0.5 is out of range [1, Infinity]: breakpoints go in time order", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Automation.builder(0, 1).exponentialTo(1, -1));
        assertTrue(e.getMessage().contains("same sign"), e.getMessage());
        Parameter p = new Parameter(ParameterSpec.number("db", "dB", -120, 24, 0, "gain"));
        e = assertThrows(IllegalArgumentException.class, () -> p.automate(Automation.builder(0, 0).linearTo(1, 30).build()));
        assertEquals("automation of db 30 is out of range [-120, 24]", e.getMessage());
    }

    @Test
    void gainFollowsAutomationSampleAccurately() {
        Gain g = new Gain();
        g.automate("db", Automation.builder(0, -60).linearTo(0.01, 0).build());
        AudioBuffer ones = AudioBuffer.allocate(1, 1000);
        java.util.Arrays.fill(ones.channel(0), 1f);
        g.prepare(new ProcessSpec(RATE, 100, 1));
        for (int s = 0; s < 1000; s += 100) {
            g.process(ones.view(s, 100));
        }
        for (int i = 0; i < 1000; i++) {
            double db = i >= 480 ? 0 : -60 + 60 * (i / RATE) / 0.01;
            assertEquals((float) Decibels.toGain(db), ones.get(0, i), 1e-7, "frame " + i);
        }
    }
}
