package io.github.mixwright.dynamics;

import io.github.mixwright.core.Checks;
import java.util.Arrays;

/**
 * What a {@link TruePeakLimiter} did, frame by frame: the largest and the mean gain reduction, the time
 * spent above 1, 3 and 6 dB, and the largest reduction of every step of {@code stepFrames} frames (a
 * series to draw). A frame's reduction is that of its gain, the smallest over channels; frames count in
 * the order the limiter computes them, which is its input's (the output lags them by its latency).
 *
 * <p>Attach one with {@link TruePeakLimiter#setReductionMeter}; it then sees every frame processed. Not
 * thread-safe.
 */
public final class ReductionMeter {
    private static final double G1 = Math.pow(10, -1 / 20.0);
    private static final double G3 = Math.pow(10, -3 / 20.0);
    private static final double G6 = Math.pow(10, -6 / 20.0);
    private static final double DB_PER_LN = 20 / Math.log(10);
    private static final double DB_PER_LOG2_GAIN = 20 * Math.log10(2);

    private final int stepFrames;
    private long frames;
    private long above1;
    private long above3;
    private long above6;
    private double sumDb;
    private double minGain = 1;
    private float[] steps = new float[64];
    private int stepCount;
    private int inStep;
    private double stepMinGain = 1;

    /** @param stepFrames frames per point of {@link #series()}, 1 or more */
    public ReductionMeter(int stepFrames) {
        this.stepFrames = Checks.inRange("stepFrames", stepFrames, 1, Integer.MAX_VALUE);
    }

    /** Takes the gains of {@code len} frames. */
    void accept(double[] gains, int len) {
        for (int i = 0; i < len; i++) {
            double g = gains[i];
            if (g < 1) {
                // FastLog: exact to 1e-9 dB, several times faster than Math.log on every limited frame
                sumDb -= FastLog.log2(g) * DB_PER_LOG2_GAIN;
                above1 += g < G1 ? 1 : 0;
                above3 += g < G3 ? 1 : 0;
                above6 += g < G6 ? 1 : 0;
                minGain = Math.min(minGain, g);
                stepMinGain = Math.min(stepMinGain, g);
            }
            if (++inStep == stepFrames) {
                closeStep();
            }
        }
        frames += len;
    }

    private void closeStep() {
        if (stepCount == steps.length) {
            steps = Arrays.copyOf(steps, steps.length * 2);
        }
        steps[stepCount++] = stepMinGain >= 1 ? 0f : (float) (-Math.log(stepMinGain) * DB_PER_LN);
        stepMinGain = 1;
        inStep = 0;
    }

    /** Frames seen. */
    public long frames() {
        return frames;
    }

    /** The largest reduction, dB (0 or more). */
    public double maxReductionDb() {
        return minGain >= 1 ? 0 : -Math.log(minGain) * DB_PER_LN;
    }

    /** The mean reduction over every frame, dB. */
    public double meanReductionDb() {
        return frames == 0 ? 0 : sumDb / frames;
    }

    /** Frames whose reduction exceeds {@code db}: 1, 3 or 6. */
    public long framesAbove(int db) {
        switch (db) {
            case 1: return above1;
            case 3: return above3;
            case 6: return above6;
            default: throw new IllegalArgumentException("db " + db + " is not one of 1, 3, 6");
        }
    }

    /** The largest reduction of each step, dB, the last, partial step included. */
    public float[] series() {
        float[] s = Arrays.copyOf(steps, stepCount + (inStep > 0 ? 1 : 0));
        if (inStep > 0) {
            s[stepCount] = stepMinGain >= 1 ? 0f : (float) (-Math.log(stepMinGain) * DB_PER_LN);
        }
        return s;
    }

    /** Frames per point of {@link #series()}. */
    public int stepFrames() {
        return stepFrames;
    }
}
