package io.github.mixwright.effects;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ProcessSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The delay against a second implementation of its documented equations, written here plainly: one frame
 * at a time, whole histories instead of rings, Catmull-Rom reads from the textbook formula, no chunks and
 * no stages. The production code runs a chunk at a time in stages when the delay is longer than the chunk
 * and frame by frame when it is shorter; the generated settings cover both, a time change that glides
 * from one to the other, ping-pong, and blocks of any size. A slip of one frame in a read or a write, or a
 * stage run out of order, shows as an error of the signal's own size.
 */
class DelayReferenceTest {

    @Test
    void equalsAPlainFrameByFrameDelay() {
        qt().withFixedSeed(47L).withExamples(24).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom g = new SplittableRandom(seed);
            double[] rates = {44_100, 48_000, 96_000};
            double fs = rates[g.nextInt(rates.length)];
            int channels = 1 + g.nextInt(3);
            // short delays (under a chunk of 256 frames at every rate here) and long ones
            double[] times = {1, 2.5, 4, 9, 40, 125, 250, 700};
            double before = times[g.nextInt(times.length)];
            double after = times[g.nextInt(times.length)];
            double feedback = 0.99 * g.nextDouble();
            double lowcut = 10 + 500 * g.nextDouble();
            double highcut = 500 + 21_000 * g.nextDouble();
            boolean pingpong = g.nextBoolean();
            double mix = g.nextInt(4) == 0 ? 1 : g.nextDouble();
            int frames = (int) (0.6 * fs);
            int change = frames / 3 + g.nextInt(frames / 3);
            float[][] input = new float[channels][frames];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    // bursts with silence between, so that echoes of every age are heard
                    input[c][i] = (i / 2000) % 3 == 0 ? (float) (g.nextDouble() - 0.5) : 0f;
                }
            }
            double[][] expected = reference(input, fs, before, after, change, feedback, lowcut, highcut, pingpong,
                    mix);

            Delay d = new Delay().setTimeMs(before).setFeedback(feedback).setLowCutHz(lowcut).setHighCutHz(highcut)
                    .setPingPong(pingpong).setMix(mix);
            int maxBlock = 1 + g.nextInt(3000);
            d.prepare(new ProcessSpec(fs, maxBlock, channels));
            AudioBuffer out = AudioBuffer.allocate(channels, frames);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    out.set(c, i, input[c][i]);
                }
            }
            for (int s = 0; s < frames; ) {
                int end = s < change ? change : frames;
                int n = Math.min(end - s, 1 + g.nextInt(maxBlock));
                d.process(out.view(s, n));
                s += n;
                if (s == change) {
                    d.setTimeMs(after);
                }
            }
            double worst = 0;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    worst = Math.max(worst, Math.abs(out.get(c, i) - expected[c][i]));
                }
            }
            assertTrue(worst < 1e-5, "seed " + seed + " (" + fs + " Hz, " + channels + " ch, " + before + " -> "
                    + after + " ms, pingpong " + pingpong + "): largest difference " + worst);
        });
    }

    /** The class documentation's equations, frame by frame, over whole histories (silence before frame 0). */
    private static double[][] reference(float[][] x, double fs, double beforeMs, double afterMs, int change,
            double feedback, double lowcut, double highcut, boolean pingpong, double mix) {
        int channels = x.length;
        int frames = x[0].length;
        double glide = 1 - Math.exp(-1000 / (60 * fs));
        double aLow = Math.exp(-2 * Math.PI * Math.min(highcut, 0.45 * fs) / fs);
        double aHigh = Math.exp(-2 * Math.PI * lowcut / fs);
        float[][] line = new float[channels][frames];
        double[][] y = new double[channels][frames];
        double[] low = new double[channels];
        double[] high = new double[channels];
        double[] highIn = new double[channels];
        float[] echo = new float[channels];
        double delay = Math.max(1, beforeMs * fs / 1000);
        double approach = delay;
        for (int n = 0; n < frames; n++) {
            double goal = Math.max(1, (n < change ? beforeMs : afterMs) * fs / 1000);
            if (n > 0) {
                approach += Math.max(-0.5, Math.min(0.5, (goal - approach) * glide));
                delay += (approach - delay) * glide;
            }
            double pos = n - delay;
            int k = (int) Math.floor(pos);
            double f = pos - k;
            for (int c = 0; c < channels; c++) {
                double p0 = at(line[c], k - 1, n);
                double p1 = at(line[c], k, n);
                double p2 = at(line[c], k + 1, n);
                double p3 = at(line[c], k + 2, n);
                // Catmull-Rom: p1 + f (p2 - p0) / 2 + f^2 (2 p0 - 5 p1 + 4 p2 - p3) / 2 + f^3 (3 (p1 - p2) + p3 - p0) / 2
                echo[c] = (float) (p1 + 0.5 * f * (p2 - p0) + 0.5 * f * f * (2 * p0 - 5 * p1 + 4 * p2 - p3)
                        + 0.5 * f * f * f * (3 * (p1 - p2) + p3 - p0));
            }
            for (int c = 0; c < channels; c++) {
                int from = pingpong && channels > 1 ? (c + channels - 1) % channels : c;
                double lp = (1 - aLow) * echo[from] + aLow * low[c];
                double hp = aHigh * (high[c] + lp - highIn[c]);
                low[c] = lp;
                high[c] = hp;
                highIn[c] = lp;
                line[c][n] = (float) (x[c][n] + feedback * hp);
                y[c][n] = (float) ((1 - mix) * x[c][n] + mix * echo[c]);
            }
        }
        return y;
    }

    /** Frame {@code k} of a line written up to (not including) frame {@code n}: silence before 0 and from n. */
    private static double at(float[] line, int k, int n) {
        return k < 0 || k >= n ? 0 : line[k];
    }
}
