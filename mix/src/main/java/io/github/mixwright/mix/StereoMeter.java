package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import java.util.Arrays;

/**
 * The stereo picture over time, every 100 ms step of the first two channels: the correlation of left and
 * right ({@code sum LR / sqrt(sum L^2 sum R^2)}: 1 is mono, 0 unrelated, -1 out of phase, where a mono
 * fold-down cancels) and the side-to-mid balance ({@code 10 log10(sum S^2 / sum M^2)}, {@code M = (L+R)/2},
 * {@code S = (L-R)/2}: very negative is nearly mono, 0 dB as much side as mid). Silent steps, steps holding a non-finite sample, and steps 50 dB
 * or more under the loudest, are NaN. Not thread-safe.
 */
final class StereoMeter {
    private final int step;
    private double ll;
    private double rr;
    private double lr;
    private int inStep;
    private float[] correlation = new float[64];
    private float[] sideToMid = new float[64];
    private float[] energy = new float[64];
    private int steps;

    StereoMeter(double sampleRate) {
        this.step = (int) Math.round(sampleRate / 10);
    }

    void accept(AudioBuffer block) {
        if (block.channels() < 2) {
            return;
        }
        float[] l = block.channel(0);
        float[] r = block.channel(1);
        int off = block.offset();
        int n = block.frames();
        int done = 0;
        while (done < n) {
            int len = Math.min(n - done, step - inStep);
            double sll = 0;
            double srr = 0;
            double slr = 0;
            for (int i = off + done, end = off + done + len; i < end; i++) {
                double a = l[i];
                double b = r[i];
                sll += a * a;
                srr += b * b;
                slr += a * b;
            }
            // a non-finite sample makes the step's sums non-finite: the step then reads NaN
            ll += sll;
            rr += srr;
            lr += slr;
            done += len;
            inStep += len;
            if (inStep == step) {
                close();
            }
        }
    }

    private void close() {
        if (steps == correlation.length) {
            correlation = Arrays.copyOf(correlation, steps * 2);
            sideToMid = Arrays.copyOf(sideToMid, steps * 2);
            energy = Arrays.copyOf(energy, steps * 2);
        }
        double mid = (ll + rr + 2 * lr) / 4;
        double side = (ll + rr - 2 * lr) / 4;
        boolean silent = !(ll + rr >= 1e-12 * step) || !Double.isFinite(lr);
        correlation[steps] = silent ? Float.NaN : (float) (lr / Math.sqrt(Math.max(ll * rr, 1e-300)));
        sideToMid[steps] = silent ? Float.NaN : (float) (10 * Math.log10(Math.max(side, 1e-30) / Math.max(mid, 1e-30)));
        energy[steps] = silent ? 0f : (float) (ll + rr);
        steps++;
        ll = 0;
        rr = 0;
        lr = 0;
        inStep = 0;
    }

    /** Per step; NaN for steps 50 dB or more under the loudest, where the figures are noise's. */
    float[] correlation() {
        return audible(correlation);
    }

    /** Per step, dB; NaN as for {@link #correlation()}. */
    float[] sideToMidDb() {
        return audible(sideToMid);
    }

    private float[] audible(float[] values) {
        float loudest = 0;
        for (int i = 0; i < steps; i++) {
            loudest = Math.max(loudest, energy[i]);
        }
        float[] out = Arrays.copyOf(values, steps);
        for (int i = 0; i < steps; i++) {
            if (energy[i] < loudest * 1e-5f) {
                out[i] = Float.NaN;
            }
        }
        return out;
    }
}
