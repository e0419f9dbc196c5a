package io.github.mixwright.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Detection at musical settings (issue 10): on a steady sine the detector holds the peak (or the
 * RMS), so the steady-state gain is the static curve's, not less. The oracle is the closed-form
 * soft-knee curve of Giannoulis, Massberg and Reiss (JAES 60(6), 2012, eq. 4) written here, not the
 * production {@link StaticCurve}.
 */
class CompressorDetectionTest {
    private static final double RATE = 48_000;

    /** Giannoulis et al. eq. 4: the gain in dB at level x for threshold t, ratio r, knee w. */
    private static double curveDb(double x, double t, double r, double w) {
        double over = x - t;
        if (2 * over < -w) {
            return 0;
        }
        if (2 * Math.abs(over) <= w && w > 0) {
            return (1 / r - 1) * (over + w / 2) * (over + w / 2) / (2 * w);
        }
        return (1 / r - 1) * over;
    }

    private static AudioBuffer sine(double dbfs, double hz, double phase, double seconds) {
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        double a = Math.pow(10, dbfs / 20);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (a * Math.sin(2 * Math.PI * hz * i / RATE + phase));
        }
        return AudioBuffer.wrap(new float[][] {x});
    }

    /** Gain in dB, output over input energy across the last {@code seconds}. */
    private static double steadyGainDb(Compressor c, AudioBuffer x, double seconds) {
        c.prepare(new ProcessSpec(RATE, 1000, 1));
        AudioBuffer y = x.copy();
        for (int at = 0; at < y.frames(); at += 1000) {
            c.process(y.view(at, Math.min(1000, y.frames() - at)));
        }
        int from = x.frames() - (int) (seconds * RATE);
        double ex = 0;
        double ey = 0;
        for (int i = from; i < x.frames(); i++) {
            ex += x.get(0, i) * (double) x.get(0, i);
            ey += y.get(0, i) * (double) y.get(0, i);
        }
        return 10 * Math.log10(ey / ex);
    }

    /** The issue's example: a 1 kHz sine at -10 dBFS through -20 dB, 4:1, hard knee, 5/50 ms leaves at -17.5 dBFS. */
    @Test
    void issueExampleComesOutAtTheStaticCurve() {
        Compressor c = new Compressor().setThresholdDb(-20).setRatio(4).setKneeDb(0).setAttackMs(5).setReleaseMs(50);
        double gain = steadyGainDb(c, sine(-10, 1000, 0, 1), 0.3);
        assertEquals(-17.5, -10 + gain, 0.2, "output level, dBFS");
        assertEquals(-7.5, curveDb(-10, -20, 4, 0), 1e-12);
    }

    private static Gen<Double> logUniform(double from, double to) {
        return doubles().between(Math.log(from), Math.log(to)).map(Math::exp);
    }

    /** Attack 1 to 50 ms and release 20 to 1000 ms, log-uniform. */
    private static Gen<double[]> times() {
        return logUniform(1, 50).zip(logUniform(20, 1000), (a, r) -> new double[] {a, r});
    }

    /** Threshold -40 to -10 dB, ratio 1 to 20, knee 0 to 12 dB. */
    private static Gen<double[]> curves() {
        return doubles().between(-40, -10).zip(doubles().between(1, 20), doubles().between(0, 12),
                (t, r, w) -> new double[] {t, r, w});
    }

    /**
     * Peak detector: sines from 50 Hz to 5 kHz, attack 1 to 50 ms, release 20 to 1000 ms, thresholds,
     * ratios and knees, at levels across the knee's whole width and beyond: the steady-state gain is
     * the curve's at the sine's peak within 0.2 dB.
     */
    @Test
    void peakDetectorHoldsTheSinesPeak() {
        qt().withFixedSeed(1010L).withExamples(150)
                .forAll(logUniform(50, 5000), times(), curves(), doubles().between(-1.3, 1.6))
                .checkAssert((hz, times, curve, u) -> {
                    double attack = times[0], release = times[1], t = curve[0], r = curve[1], w = curve[2];
                    // u in [-1, 1] spans the knee; beyond it, up to 8 dB either side.
                    double level = Math.min(0, t + u * Math.max(w / 2, 8 * Math.abs(u) > 8 ? 8 : 6));
                    Compressor c = new Compressor().setThresholdDb(t).setRatio(r).setKneeDb(w)
                            .setAttackMs(attack).setReleaseMs(release);
                    double seconds = 0.3 + 12 * attack / 1000;
                    double gain = steadyGainDb(c, sine(level, hz, 0.7 * u, seconds), 0.2);
                    assertEquals(curveDb(level, t, r, w), gain, 0.2,
                            hz + " Hz " + attack + "/" + release + " ms, level " + level + " t " + t + " r " + r + " w " + w);
                });
    }

    /**
     * RMS detector: the same accuracy for the sine's RMS ({@code A / sqrt 2}) once the window holds
     * three periods.
     */
    @Test
    void rmsDetectorReadsTheSinesRms() {
        qt().withFixedSeed(1011L).withExamples(80)
                .forAll(logUniform(50, 5000), times(), curves(), doubles().between(3, 6))
                .checkAssert((hz, times, curve, periods) -> {
                    double attack = times[0], release = times[1], t = curve[0], r = curve[1], w = curve[2];
                    double windowMs = periods * 1000 / hz;
                    double level = Math.min(0, t + w / 2 + 3);
                    Compressor c = new Compressor().setThresholdDb(t).setRatio(r).setKneeDb(w).setAttackMs(attack)
                            .setReleaseMs(release).setDetector(Compressor.Detector.RMS).setRmsWindowMs(windowMs);
                    double seconds = 0.3 + 12 * Math.max(attack, windowMs) / 1000;
                    double gain = steadyGainDb(c, sine(level, hz, 0.3, seconds), 0.2);
                    double rms = level + 20 * Math.log10(Math.sqrt(0.5));
                    assertEquals(curveDb(rms, t, r, w), gain, 0.2,
                            hz + " Hz window " + windowMs + " ms " + attack + "/" + release + " ms, t " + t + " r " + r);
                });
    }
}
