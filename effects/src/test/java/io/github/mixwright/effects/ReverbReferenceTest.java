package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reverb against a second implementation of its documented network, written here plainly: one frame
 * at a time, whole histories instead of rings, the modulators from {@code Math.sin} at every control point,
 * Catmull-Rom reads from the textbook formula, no stretches, no runs, no vector-friendly loops. The
 * production code runs the same network a stretch and a run at a time with copied windows and exact
 * fractions; any slip in an index, a fraction or a stage's order shows here as a whole-frame error.
 */
class ReverbReferenceTest {

    @Test
    void equalsAPlainFrameByFrameNetwork() {
        qt().withFixedSeed(31L).withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom g = new SplittableRandom(seed);
            double[] rates = {44_100, 48_000, 96_000};
            double fs = rates[g.nextInt(rates.length)];
            int channels = 1 + g.nextInt(2);
            double rt = Math.exp(Math.log(0.1) + g.nextDouble() * Math.log(200));
            double size = 0.2 + 0.8 * g.nextDouble();
            double damping = 0.9 * g.nextDouble();
            double diffusion = g.nextDouble();
            double predelay = g.nextInt(3) == 0 ? 0 : 200 * g.nextDouble();
            double width = 2 * g.nextDouble();
            double mix = g.nextInt(4) == 0 ? 1 : g.nextDouble();
            int frames = (int) (0.4 * fs);
            float[][] input = new float[channels][frames];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    input[c][i] = (float) (g.nextDouble() - 0.5);
                }
            }
            double[][] expected = reference(input, fs, rt, size, damping, diffusion, predelay, width, mix);

            Reverb r = new Reverb().setRt60Seconds(rt).setSize(size).setDamping(damping).setDiffusion(diffusion)
                    .setPredelayMs(predelay).setWidth(width).setMix(mix);
            int maxBlock = 1 + g.nextInt(1500);
            r.prepare(new ProcessSpec(fs, maxBlock, channels));
            AudioBuffer out = AudioBuffer.allocate(channels, frames);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    out.set(c, i, input[c][i]);
                }
            }
            for (int s = 0; s < frames; ) {
                int n = Math.min(frames - s, 1 + g.nextInt(maxBlock));
                r.process(out.view(s, n));
                s += n;
            }
            double peak = 0;
            for (double[] ch : expected) {
                for (double v : ch) {
                    peak = Math.max(peak, Math.abs(v));
                }
            }
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    double err = Math.abs(out.get(c, i) - expected[c][i]);
                    assertTrue(err <= 1e-6 * peak, r + " at " + fs + " Hz, " + channels + " channels, channel " + c
                            + ", frame " + i + ": " + out.get(c, i) + " against " + expected[c][i]);
                }
            }
        });
    }

    /** The documented network, frame by frame. */
    static double[][] reference(float[][] input, double fs, double rt, double size, double damping,
            double diffusion, double predelayMs, double width, double mix) {
        int channels = input.length;
        int frames = input[0].length;
        int lines = Reverb.LINES;
        int pre = (int) Math.round(predelayMs * fs / 1000);
        int[] diffLen = new int[Reverb.DIFFUSER_MS.length];
        for (int k = 0; k < diffLen.length; k++) {
            diffLen[k] = (int) Math.max(2, Math.round(Reverb.DIFFUSER_MS[k] * fs / 1000));
        }
        double[] len = new double[lines];
        double[] gain = new double[lines];
        double[] pole = new double[lines];
        for (int l = 0; l < lines; l++) {
            len[l] = Math.max(8, Math.round(Reverb.LENGTHS_MS[l] * size * fs / 1000));
            double gl = Math.pow(10, -3 * len[l] / (fs * rt));
            double q = Math.pow(gl, 1 / Math.max(0.1, 1 - damping)) / gl;
            pole[l] = (1 - q) / (1 + q);
            gain[l] = gl * (1 - pole[l]);
        }
        double depth = Reverb.MOD_MS * fs / 1000;
        double[] mono = new double[frames];
        double[][] diffHist = new double[diffLen.length][frames];
        double[][] lineHist = new double[lines][frames];
        double[] state = new double[lines];
        double[] outs = new double[lines];
        double[][] y = new double[channels][frames];
        for (int n = 0; n < frames; n++) {
            for (int c = 0; c < channels; c++) {
                mono[n] += input[c][n];
            }
            mono[n] /= channels;
            double x = n - pre >= 0 ? mono[n - pre] : 0;
            double gd = 0.7 * diffusion;
            for (int k = 0; k < diffLen.length; k++) {
                double delayed = n - diffLen[k] >= 0 ? diffHist[k][n - diffLen[k]] : 0;
                double v = x + gd * delayed;
                diffHist[k][n] = v;
                x = delayed - gd * v;
            }
            int block = n / Reverb.CONTROL;
            double u = (double) (n % Reverb.CONTROL) / Reverb.CONTROL;
            double sum = 0;
            for (int l = 0; l < lines; l++) {
                double w = 2 * Math.PI * (0.13 + 0.11 * l) / fs * Reverb.CONTROL;
                double phase = 2 * Math.PI * l / lines;
                double now = Math.sin(phase + block * w);
                double next = Math.sin(phase + (block + 1) * w);
                double d = len[l] + depth * (now + (next - now) * u);
                double p = n - d;
                int i = (int) Math.floor(p);
                double f = p - i;
                double y0 = at(lineHist[l], i - 1);
                double y1 = at(lineHist[l], i);
                double y2 = at(lineHist[l], i + 1);
                double y3 = at(lineHist[l], i + 2);
                double read = y1 + 0.5 * f * (y2 - y0 + f * (2 * y0 - 5 * y1 + 4 * y2 - y3
                        + f * (3 * (y1 - y2) + y3 - y0)));
                state[l] = gain[l] * read + pole[l] * state[l];
                outs[l] = state[l];
                sum += state[l];
            }
            for (int l = 0; l < lines; l++) {
                lineHist[l][n] = outs[l] - 2.0 / lines * sum + x;
            }
            double left = 0;
            double right = 0;
            for (int l = 0; l < lines; l++) {
                left += (l % 2 == 0 ? 1 : -1) * outs[l];
                right += ((l / 2) % 2 == 0 ? 1 : -1) * outs[l];
            }
            left *= 0.35;
            right *= 0.35;
            double mid = 0.5 * (left + right);
            double side = 0.5 * (left - right) * width;
            for (int c = 0; c < channels; c++) {
                double wet = channels == 1 ? mid : c == 0 ? mid + side : mid - side;
                y[c][n] = (1 - mix) * input[c][n] + mix * wet;
            }
        }
        return y;
    }

    private static double at(double[] history, int i) {
        return i >= 0 ? history[i] : 0;
    }
}
