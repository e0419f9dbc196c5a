package io.github.mixwright.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import org.junit.jupiter.api.Test;

/** The DC blocker removes DC and passes 1 kHz within 0.01 dB. */
class DcBlockerTest {
    private static final double[] RATES = {44100, 48000, 96000};

    private static AudioBuffer run(DcBlocker d, double fs, AudioBuffer in, int block) {
        d.prepare(new ProcessSpec(fs, block, in.channels()));
        for (int start = 0; start < in.frames(); start += block) {
            d.process(in.view(start, Math.min(block, in.frames() - start)));
        }
        return in;
    }

    @Test
    void removesDc() {
        // Every rate, each with random cut-offs and offsets: the rates are enumerated, not drawn.
        for (double fs : RATES) {
            qt().withFixedSeed(61L + (long) fs).withExamples(14)
                .forAll(doubles().between(1, 200), doubles().between(-0.9, 0.9))
                .checkAssert((hz, dc) -> {
                    int frames = (int) (4 * fs);
                    AudioBuffer b = AudioBuffer.allocate(2, frames);
                    for (int i = 0; i < frames; i++) {
                        b.set(0, i, (float) (double) dc);
                        // DC plus a 997 Hz tone: the tone must not leave a mean behind either.
                        b.set(1, i, (float) (dc / 2 + 0.3 * Math.sin(2 * Math.PI * 997 * i / fs)));
                    }
                    run(new DcBlocker().setFrequencyHz(hz), fs, b, 1000);
                    int from = frames - (int) fs;
                    for (int c = 0; c < 2; c++) {
                        double mean = 0;
                        for (int i = from; i < frames; i++) {
                            mean += b.get(c, i);
                        }
                        mean /= frames - from;
                        assertEquals(0, mean, 1e-5, "channel " + c + " at " + hz + " Hz, fs " + fs);
                    }
                });
        }
    }

    @Test
    void passesOneKilohertzWithinAHundredthOfADecibel() {
        for (double fs : RATES) {
            DcBlocker d = new DcBlocker();
            assertEquals(0, d.frequencyResponse(fs).magnitudeDb(1000), 0.01);
            int frames = (int) fs;
            AudioBuffer b = AudioBuffer.allocate(1, frames);
            for (int i = 0; i < frames; i++) {
                b.set(0, i, (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / fs)));
            }
            run(d, fs, b, 512);
            // RMS over the last half second (a whole number of 1 kHz periods), after the start-up transient.
            int from = frames / 2;
            double sum = 0;
            for (int i = from; i < frames; i++) {
                sum += (double) b.get(0, i) * b.get(0, i);
            }
            double rms = Math.sqrt(sum / (frames - from));
            assertEquals(0, 20 * Math.log10(rms / (0.5 / Math.sqrt(2))), 0.01, "fs " + fs);
        }
    }

    @Test
    void responseIsTheOnePoleHighPass() {
        double fs = 48000;
        DcBlocker d = new DcBlocker().setFrequencyHz(20);
        AudioBuffer b = AudioBuffer.allocate(1, 1 << 16);
        b.set(0, 0, 1f);
        run(d, fs, b, 4096);
        double[] h = new double[b.frames()];
        for (int i = 0; i < h.length; i++) {
            h[i] = b.get(0, i);
        }
        for (double hz : new double[] {5, 20, 100, 1000, 10000, 20000}) {
            assertEquals(d.frequencyResponse(fs).magnitudeDb(hz), CookbookTesting.dft(h, hz, fs).magnitudeDb(), 0.01, hz + " Hz");
        }
        assertTrue(((BiquadCoefficients) d.frequencyResponse(fs)).isStable());
        assertEquals(Double.NEGATIVE_INFINITY, d.frequencyResponse(fs).magnitudeDb(0));
    }
}
