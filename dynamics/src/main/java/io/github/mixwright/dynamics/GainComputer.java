package io.github.mixwright.dynamics;

/**
 * The gain computer of a downward compressor: the gain reduction (dB, 0 or more) that the
 * {@link StaticCurve} asks for at a level, for the settings of the current control point, computed
 * without a branch (levels either side of the knee are a coin toss on noise, which a branch would
 * mispredict). Not thread-safe.
 */
final class GainComputer {
    private double threshold = Double.NaN;
    private double ratio = Double.NaN;
    private double knee = Double.NaN;
    private double negativeSlope;
    private double kneeHalf;
    private double inverseTwoKnee;

    /** Takes the curve's settings; returns whether they changed. */
    boolean set(double thresholdDb, double r, double kneeDb) {
        if (thresholdDb == threshold && r == ratio && kneeDb == knee) {
            return false;
        }
        threshold = thresholdDb;
        ratio = r;
        knee = kneeDb;
        negativeSlope = -StaticCurve.slope(r);
        kneeHalf = kneeDb / 2;
        inverseTwoKnee = kneeDb > 0 ? 1 / (2 * kneeDb) : 0;
        return true;
    }

    /** Forgets the settings, so the next {@link #set} recomputes. */
    void reset() {
        threshold = Double.NaN;
    }

    /**
     * The reduction at {@code levelDb}: with {@code u+ = max(0, u)}, {@code d = (over + W/2)+ -
     * (over - W/2)+} is {@code over + W/2} clamped to the knee [0, W], and the reduction is
     * {@code -slope (d^2 / (2W) + (over - W/2)+)}: the knee's parabola, plus the straight line above
     * it. {@code u+} is {@code (u + |u|) / 2}, exactly 0 for any {@code u <= 0}, so below the knee the
     * reduction is exactly 0.
     */
    /**
     * The reductions {@code out[0, len)} at the held powers {@code powers[0, len)}, {@code
     * reduction(powerToDb(p))} for each. A held power stays the same for many frames in a row (it
     * changes only when a new peak tops the window, or the window drops one), so the log and the curve
     * are computed only where the power differs from the frame before: the same values, bit for bit,
     * at a fraction of the cost, and a branch that is rarely taken, so rarely mispredicted.
     */
    void reductionsOfPowers(double[] powers, double[] out, int len) {
        // A power is never negative, so -1 matches no frame and the first one is always computed.
        double last = -1;
        double r = 0;
        for (int k = 0; k < len; k++) {
            double p = powers[k];
            if (p != last) {
                last = p;
                r = reduction(FastLog.powerToDb(p));
            }
            out[k] = r;
        }
    }

    double reduction(double levelDb) {
        double over = levelDb - threshold;
        double u = over + kneeHalf;
        double v = over - kneeHalf;
        double above = (v + Math.abs(v)) * 0.5;
        double d = (u + Math.abs(u)) * 0.5 - above;
        return negativeSlope * (d * d * inverseTwoKnee + above);
    }
}
