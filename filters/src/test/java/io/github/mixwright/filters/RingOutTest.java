package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.mixwright.core.ProcessSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recursive filters' tails, against closed forms and an exhaustive impulse response. */
class RingOutTest {
    private static final double FS = 48000;

    @Test
    void onePoleTailMatchesItsClosedForm() {
        // y = (1 - p) x + p y1: h[k] = (1 - p) p^k, and what is left after m frames sums to p^(m + 1).
        qt().withFixedSeed(91L).withExamples(50).forAll(doubles().between(0.5, 0.99999)).checkAssert(p -> {
            int m = RingOut.frames(List.of(new BiquadCoefficients(FS, 1 - p, 0, 0, -p, 0)), FS);
            double exact = Math.log(1e-6) / Math.log(p) - 1;
            assertTrue(Math.pow(p, m + 1) <= 1e-6, () -> "p " + p + ": tail " + m + " leaves " + Math.pow(p, m + 1));
            int window = (int) Math.max(256, Math.ceil(1 / (1 - p)));
            assertTrue(m <= exact + 2 * window, () -> "p " + p + ": tail " + m + " against " + exact);
        });
    }

    /** The sum of |h[k]| for k >= m, from the textbook recurrence run for 30 s. */
    private static double leftAfter(List<BiquadCoefficients> sections, int m) {
        int n = (int) (30 * FS);
        double[] h = new double[n];
        h[0] = 1;
        for (BiquadCoefficients c : sections) {
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < n; i++) {
                double y = c.b0() * h[i] + c.b1() * x1 + c.b2() * x2 - c.a1() * y1 - c.a2() * y2;
                x2 = x1;
                x1 = h[i];
                y2 = y1;
                y1 = y;
                h[i] = y;
            }
        }
        double sum = 0;
        for (int k = n - 1; k >= m; k--) {
            sum += Math.abs(h[k]);
        }
        return sum;
    }

    @Test
    void resonantCascadesAreBoundedByTheirTail() {
        List<List<BiquadCoefficients>> cases = List.of(
                List.of(BiquadCoefficients.lowPass(FS, 40, 8)),
                List.of(BiquadCoefficients.peaking(FS, 100, 20, 12), BiquadCoefficients.highPass(FS, 20, 0.707)),
                List.of(BiquadCoefficients.notch(FS, 1000, 30)),
                List.of(BiquadCoefficients.lowShelf(FS, 30, 0.707, 6)));
        for (List<BiquadCoefficients> sections : cases) {
            int m = RingOut.frames(sections, FS);
            double left = leftAfter(sections, m);
            assertTrue(left <= 1e-6, () -> sections + ": " + left + " left after the tail " + m);
            Biquad first = Biquad.of(sections.get(0));
            first.prepare(new ProcessSpec(FS, 64, 1));
            assertEquals(RingOut.frames(List.of(sections.get(0)), FS), first.tailFrames());
        }
        // A 40 Hz, Q 8 low-pass rings for a while: the tail is not trivially short either.
        assertTrue(RingOut.frames(cases.get(0), FS) > 0.1 * FS);
    }
}
