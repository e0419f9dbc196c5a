package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.filters.BiquadCoefficients;
import io.github.mixwright.loudness.KWeighting;
import io.github.mixwright.loudness.LoudnessMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a master's analysis pass keeps to predict, for any gain before the limiter, the integrated
 * loudness the limiter's output will have: the input cut into cells of about a millisecond (cells never
 * straddle the meter's 100 ms steps), and for each its largest sample magnitude over channels and its
 * K-weighted energy (BS.1770-4, channel-weighted). Eight bytes a millisecond: 58 MB for two hours at
 * 96 kHz, in chunks.
 *
 * <p>{@link #integratedLufs} replays the limiter's gain law on the cells (required reduction, exponential
 * release, a hold over the lookahead) and gates the result as BS.1770-4 does. It is a model: the real
 * limiter reads true peaks and ramps within cells. A master uses it to choose its gain, then measures
 * what it wrote and corrects by the model's error at that gain, which varies slowly with the gain.
 *
 * <p>A {@link RenderSink} of the analysis pass. Not thread-safe.
 */
final class LoudnessModel implements RenderSink {
    private static final int CHUNK = 1 << 16;
    private static final double MARGIN = Math.pow(10, -0.03 / 20);

    private final double rate;
    private final double[] weights;
    private final int cellFrames;
    private final int stepFrames;
    private final int cellsPerStep;
    private final List<float[]> peaks = new ArrayList<>();
    private final List<float[]> energies = new ArrayList<>();
    private long cells;
    private int inCell;
    private int inStep;
    private float cellPeak;
    private double cellEnergy;
    /** Per channel, the K-weighting's two biquads' states: x1, x2, y1, y2 of each. */
    private double[][] state;
    private final double[] k;

    LoudnessModel(double sampleRate, double[] weights) {
        this.rate = sampleRate;
        this.weights = weights.clone();
        this.stepFrames = (int) Math.round(sampleRate / 10);
        this.cellFrames = (int) Math.max(1, Math.round(sampleRate / 1000));
        this.cellsPerStep = (stepFrames + cellFrames - 1) / cellFrames;
        KWeighting kw = KWeighting.of(sampleRate);
        BiquadCoefficients a = kw.shelf();
        BiquadCoefficients b = kw.highPass();
        this.k = new double[] {a.b0(), a.b1(), a.b2(), a.a1(), a.a2(), b.b0(), b.b1(), b.b2(), b.a1(), b.a2()};
    }

    @Override
    public void open(int channels, double sampleRate) {
        if (channels != weights.length || sampleRate != rate) {
            throw new IllegalArgumentException("the model is for " + weights.length + " channels at " + rate + " Hz");
        }
        state = new double[channels][8];
    }

    @Override
    public void write(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        int done = 0;
        while (done < n) {
            int len = Math.min(n - done, Math.min(cellFrames - inCell, stepFrames - inStep));
            for (int c = 0; c < channels; c++) {
                double w = weights[c];
                float[] x = block.channel(c);
                double[] s = state[c];
                double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3], u1 = s[4], u2 = s[5], v1 = s[6], v2 = s[7];
                double sum = 0;
                float peak = cellPeak;
                for (int i = off + done, end = off + done + len; i < end; i++) {
                    double in = x[i];
                    if (!Double.isFinite(in)) {
                        in = 0;
                    }
                    double y = k[0] * in + k[1] * x1 + k[2] * x2 - k[3] * y1 - k[4] * y2;
                    x2 = x1;
                    x1 = in;
                    y2 = y1;
                    y1 = y;
                    double v = k[5] * y + k[6] * u1 + k[7] * u2 - k[8] * v1 - k[9] * v2;
                    u2 = u1;
                    u1 = y;
                    v2 = v1;
                    v1 = v;
                    sum += v * v;
                    peak = Math.max(peak, (float) Math.abs(in));
                }
                s[0] = x1; s[1] = x2; s[2] = y1; s[3] = y2; s[4] = u1; s[5] = u2; s[6] = v1; s[7] = v2;
                cellEnergy += w * sum;
                cellPeak = peak;
            }
            done += len;
            inCell += len;
            inStep += len;
            if (inCell == cellFrames || inStep == stepFrames) {
                closeCell();
            }
            if (inStep == stepFrames) {
                // pad the step to its full count of cells, so cell k is in step k / cellsPerStep
                while (cells % cellsPerStep != 0) {
                    closeCell();
                }
                inStep = 0;
            }
        }
    }

    private void closeCell() {
        int at = (int) (cells % CHUNK);
        if (at == 0) {
            peaks.add(new float[CHUNK]);
            energies.add(new float[CHUNK]);
        }
        peaks.get(peaks.size() - 1)[at] = cellPeak;
        energies.get(energies.size() - 1)[at] = (float) cellEnergy;
        cells++;
        inCell = 0;
        cellPeak = 0;
        cellEnergy = 0;
    }

    @Override
    public void finish() {
        if (inCell > 0) {
            closeCell();
        }
    }

    @Override
    public void abort(Throwable cause) {
    }

    /** The largest sample magnitude seen, linear. */
    double samplePeak() {
        float m = 0;
        for (int i = 0; i < cells; i++) {
            m = Math.max(m, peaks.get(i / CHUNK)[i % CHUNK]);
        }
        return m;
    }

    /**
     * The predicted integrated loudness, LUFS, of the limiter's output for a gain of {@code gainDb} before a
     * limiter with ceiling {@code ceilingDbtp}, release {@code releaseMs} and lookahead {@code lookaheadMs}.
     */
    double integratedLufs(double gainDb, double ceilingDbtp, double releaseMs, double lookaheadMs) {
        return gate(List.of(blockPowers(gainDb, ceilingDbtp, releaseMs, lookaheadMs)));
    }

    /**
     * The predicted mean square (channel-weighted) of every 400 ms gating block of the limiter's output,
     * blocks a step apart, as {@link #integratedLufs} gates them; pooled over several tracks, they give an
     * album's loudness ({@link #gate}).
     */
    double[] blockPowers(double gainDb, double ceilingDbtp, double releaseMs, double lookaheadMs) {
        double g = Math.pow(10, gainDb / 20);
        double t = Math.pow(10, ceilingDbtp / 20) * MARGIN;
        double a = Math.exp(-cellFrames * 1000 / (releaseMs * rate));
        // the hold reaches a lookahead (plus the reconstruction's reach) ahead and the reach behind
        int ahead = (int) Math.ceil((lookaheadMs * rate / 1000 + 38) / cellFrames);
        int behind = (int) Math.ceil(38.0 / cellFrames);
        int span = ahead + behind + 1;
        double[] ring = new double[span];
        int steps = (int) ((cells + cellsPerStep - 1) / cellsPerStep);
        double[] stepEnergy = new double[steps];
        double e = 0;
        double g2 = g * g;
        // cell k's gain needs e over [k - behind, k + ahead]: it is computed when cell k + ahead arrives
        for (long j = 0; j < cells + ahead; j++) {
            double d = 0;
            if (j < cells) {
                double p = peaks.get((int) (j / CHUNK))[(int) (j % CHUNK)] * g;
                d = p > t ? 1 - t / p : 0;
            }
            e = Math.max(d, e * a);
            ring[(int) (j % span)] = e;
            long k = j - ahead;
            if (k < 0) {
                continue;
            }
            double h = 0;
            for (int i = 0; i < span; i++) {
                h = Math.max(h, ring[i]);
            }
            double r = 1 - h;
            stepEnergy[(int) (k / cellsPerStep)] += r * r * g2 * energies.get((int) (k / CHUNK))[(int) (k % CHUNK)];
        }
        int blocks = Math.max(0, stepEnergy.length - 3);
        double[] z = new double[blocks];
        double frames = 4.0 * stepFrames;
        for (int b = 0; b < blocks; b++) {
            z[b] = (stepEnergy[b] + stepEnergy[b + 1] + stepEnergy[b + 2] + stepEnergy[b + 3]) / frames;
        }
        return z;
    }

    /**
     * BS.1770-4 gating of the pooled blocks of every track, as an album is gated (EBU R128): -70 LUFS
     * absolute, -10 LU relative.
     */
    static double gate(List<double[]> tracks) {
        int n = 0;
        for (double[] t : tracks) {
            n += t.length;
        }
        double[] z = new double[n];
        int at = 0;
        for (double[] t : tracks) {
            System.arraycopy(t, 0, z, at, t.length);
            at += t.length;
        }
        double absolute = Math.pow(10, (LoudnessMeter.ABSOLUTE_GATE_LUFS + 0.691) / 10);
        double sum = 0;
        int count = 0;
        for (double v : z) {
            if (v > absolute) {
                sum += v;
                count++;
            }
        }
        if (count == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = sum / count * Math.pow(10, LoudnessMeter.RELATIVE_GATE_LU / 10);
        sum = 0;
        count = 0;
        for (double v : z) {
            if (v > absolute && v > relative) {
                sum += v;
                count++;
            }
        }
        return -0.691 + 10 * Math.log10(sum / count);
    }
}
