package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.filters.BiquadCoefficients;
import org.junit.jupiter.api.Test;

/**
 * The reverb's decay, measured as acousticians do: the impulse response filtered into octave bands, its
 * Schroeder backward integral (ISO 3382), and T30, the line fitted from -5 to -35 dB extended to -60 dB.
 */
class ReverbTest {
    private static final double RATE = 48_000;

    static double[] impulseResponse(Reverb r, double seconds) {
        int frames = (int) (seconds * RATE);
        AudioBuffer x = AudioBuffer.allocate(1, frames);
        x.set(0, 0, 1f);
        r.prepare(new ProcessSpec(RATE, 4096, 1));
        for (int s = 0; s < frames; s += 4096) {
            r.process(x.view(s, Math.min(4096, frames - s)));
        }
        double[] h = new double[frames];
        for (int i = 0; i < frames; i++) {
            h[i] = x.get(0, i);
        }
        return h;
    }

    /** The octave band around {@code centre}: two cookbook band-passes of Q sqrt(2) in series. */
    static double[] octave(double[] h, double centre) {
        BiquadCoefficients b = BiquadCoefficients.bandPass(RATE, centre, Math.sqrt(2));
        double[] y = h.clone();
        for (int pass = 0; pass < 2; pass++) {
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < y.length; i++) {
                double x = y[i];
                double v = b.b0() * x + b.b1() * x1 + b.b2() * x2 - b.a1() * y1 - b.a2() * y2;
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = v;
                y[i] = v;
            }
        }
        return y;
    }

    /** T30: the Schroeder curve's least-squares line from -5 to -35 dB, as seconds to fall 60 dB. */
    static double t30(double[] h) {
        double[] energy = new double[h.length];
        double sum = 0;
        for (int i = h.length - 1; i >= 0; i--) {
            sum += h[i] * h[i];
            energy[i] = sum;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int count = 0;
        for (int i = 0; i < h.length; i++) {
            double db = 10 * Math.log10(energy[i] / energy[0]);
            if (db <= -5 && db >= -35) {
                double t = i / RATE;
                sx += t;
                sy += db;
                sxx += t * t;
                sxy += t * db;
                count++;
            }
        }
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return -60 / slope;
    }

    @Test
    void theMeasuredDecayIsTheSettingWithin10PercentInTheMidBands() {
        for (double rt : new double[] {0.3, 1, 3, 10}) {
            double[] h = impulseResponse(new Reverb().setRt60Seconds(rt).setMix(1).setPredelayMs(0), 0.2 + 0.9 * rt);
            for (double band : new double[] {500, 1000, 2000}) {
                double measured = t30(octave(h, band));
                assertEquals(rt, measured, 0.1 * rt, "rt60 " + rt + " s, " + band + " Hz octave");
            }
        }
    }

    @Test
    void everySettingIsStableAndSilentWithinItsTail() {
        // every parameter over its whole range: rt60 log-uniform from 0.1 to 20 s, the rest uniform,
        // and the corner where the network rings longest (20 s, largest, undamped, fully diffused)
        org.quicktheories.QuickTheory.qt().withFixedSeed(12L).withExamples(14)
                .forAll(org.quicktheories.generators.SourceDSL.longs().all())
                .checkAssert(seed -> {
                    java.util.SplittableRandom g = new java.util.SplittableRandom(seed);
                    boolean corner = seed % 7 == 0;
                    double rt = corner ? 20 : Math.exp(Math.log(0.1) + g.nextDouble() * Math.log(200));
                    Reverb r = new Reverb().setRt60Seconds(rt).setSize(corner ? 1 : 0.2 + 0.8 * g.nextDouble())
                            .setDamping(corner ? 0 : 0.9 * g.nextDouble()).setDiffusion(corner ? 1 : g.nextDouble())
                            .setPredelayMs(200 * g.nextDouble()).setWidth(2 * g.nextDouble()).setMix(1);
                    r.prepare(new ProcessSpec(RATE, 4096, 2));
                    int tail = r.tailFrames();
                    double[] h = impulseResponse(r, (tail + 4800) / RATE);
                    double peak = 0;
                    for (double v : h) {
                        peak = Math.max(peak, Math.abs(v));
                    }
                    assertTrue(peak < 2, r + ": bounded: " + peak);
                    for (int i = tail; i < h.length; i++) {
                        assertTrue(Math.abs(h[i]) < 1e-6, r + ": frame " + i + " beyond the tail " + tail + ": " + h[i]);
                    }
                });
    }

    @Test
    void dampingShortensTheHighFrequencies() {
        double[] h = impulseResponse(new Reverb().setRt60Seconds(2).setDamping(0.5).setMix(1).setPredelayMs(0), 2.2);
        double mid = t30(octave(h, 1000));
        double high = t30(octave(h, 8000));
        assertTrue(high < 0.8 * mid, "8 kHz decays in " + high + " s, 1 kHz in " + mid + " s");
    }

    @Test
    void automatedDecayGivesTheSameOutputWhateverTheBlocks() {
        // rt60 and damping move while noise plays, so the absorption filters change mid-stream; the
        // output must not depend on where the blocks begin (the contract checks fixed settings only)
        io.github.mixwright.core.Automation rt = io.github.mixwright.core.Automation.builder(0, 0.4)
                .linearTo(0.05, 6).sCurveTo(0.12, 1.1).build();
        io.github.mixwright.core.Automation damp = io.github.mixwright.core.Automation.builder(0.02, 0)
                .linearTo(0.1, 0.9).build();
        int frames = 9000;
        java.util.SplittableRandom g = new java.util.SplittableRandom(5);
        AudioBuffer input = AudioBuffer.allocate(2, frames);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                input.set(c, i, (float) (g.nextDouble() - 0.5));
            }
        }
        AudioBuffer reference = null;
        for (int blockSize : new int[] {4096, 1, 7, 31, 33, 64, 250, 1000}) {
            Reverb r = new Reverb().setMix(0.8).automate("rt60", rt).automate("damping", damp);
            r.prepare(new ProcessSpec(RATE, blockSize, 2));
            AudioBuffer out = AudioBuffer.allocate(2, frames);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < frames; i++) {
                    out.set(c, i, input.get(c, i));
                }
            }
            for (int s = 0; s < frames; s += blockSize) {
                r.process(out.view(s, Math.min(blockSize, frames - s)));
            }
            if (reference == null) {
                reference = out;
                continue;
            }
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < frames; i++) {
                    assertEquals(reference.get(c, i), out.get(c, i), 0,
                            "blocks of " + blockSize + ", channel " + c + ", frame " + i);
                }
            }
        }
    }
}
