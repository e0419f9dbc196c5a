package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The limiter's gain computer against its definition computed the slow way: release, then the
 * maximum of the last {@code hold} values, then the mean of the last {@code ramp} maxima, each by a
 * loop over the window. The running maximum must be exact and the running mean, kept as an integer
 * sum, may only round the gain down, by less than 1e-11.
 */
class LimiterEnvelopeTest {
    @Test
    void gainsFollowTheDefinitionAndNeverRise() {
        qt().withFixedSeed(71L).withExamples(200)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int ramp = 1 + r.nextInt(r.nextBoolean() ? 16 : 2000);
                    int hold = ramp + r.nextInt(200);
                    int n = 1 + r.nextInt(6000);
                    double[] needed = new double[n];
                    for (int i = 0; i < n; i++) {
                        // Bursts of reduction between silences, so windows both fill and empty.
                        needed[i] = (i / 700) % 2 == 0 && r.nextInt(4) == 0 ? r.nextDouble() : 0;
                    }
                    double release = Math.exp(-1000 / ((1 + 200 * r.nextDouble()) * 48_000));
                    double slowRelease = Math.exp(-1000 / ((1 + 1000 * r.nextDouble()) * 48_000));
                    double charge = Math.exp(-1000 / (1000 * 48_000.0));
                    boolean autoOn = r.nextBoolean();
                    double[] expected = definition(needed, ramp, hold, release, slowRelease, autoOn, charge);
                    LimiterEnvelope e = new LimiterEnvelope(ramp, hold);
                    double[] gains = new double[n];
                    for (int at = 0; at < n; ) {
                        int len = Math.min(n - at, 1 + r.nextInt(300));
                        double[] rel = new double[len];
                        double[] slow = new double[len];
                        boolean[] auto = new boolean[len];
                        Arrays.fill(rel, release);
                        Arrays.fill(slow, slowRelease);
                        Arrays.fill(auto, autoOn);
                        double[] out = new double[len];
                        e.run(Arrays.copyOfRange(needed, at, at + len), len, rel, slow, auto, charge, out);
                        System.arraycopy(out, 0, gains, at, len);
                        at += len;
                    }
                    for (int i = 0; i < n; i++) {
                        String where = "frame " + i + " ramp " + ramp + " hold " + hold;
                        assertTrue(gains[i] <= expected[i], where + ": rounding raised the gain");
                        assertEquals(expected[i], gains[i], 1e-11, where);
                        if (expected[i] == 1) {
                            assertEquals(1, gains[i], 0, where + ": no reduction in the window is a gain of exactly 1");
                        }
                    }
                });
    }

    /** The gain computer's steps, each over its whole window. */
    private static double[] definition(double[] needed, int ramp, int hold, double release, double slowRelease,
            boolean auto, double charge) {
        int n = needed.length;
        double[] d = new double[n];
        double f = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            f *= release;
            if (f < LimiterEnvelope.SETTLED) {
                f = 0;
            }
            f = Math.max(f, needed[i]);
            s = f + (f > s && needed[i] > 0 ? charge : slowRelease) * (s - f);
            if (s < LimiterEnvelope.SETTLED) {
                s = 0;
            }
            d[i] = auto ? Math.max(f, s) : f;
        }
        double[] held = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - hold + 1); j <= i; j++) {
                held[i] = Math.max(held[i], d[j]);
            }
        }
        double[] gains = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = Math.max(0, i - ramp + 1); j <= i; j++) {
                sum += held[j];
            }
            gains[i] = sum == 0 ? 1 : Math.max(0, 1 - sum / ramp);
        }
        return gains;
    }
}
