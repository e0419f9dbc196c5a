package io.github.mixwright.dynamics;

/**
 * Attack and release of a gain reduction (dB): one pole per direction, {@code y += (1 - a)(t - y)}
 * with {@code a = exp(-1 / (tau fs))}, the attack while the target is above and the release
 * otherwise.
 *
 * <p><b>Time-constant convention:</b> after a level step, the reduction covers 63 % (1 - 1/e) of its
 * change in the set attack or release time. The detector's {@link PeakHold} delays every fall of the
 * level by its window; the release pole is shortened by that window's mean delay, so a fall still
 * reaches 63 % in the set release time (held at first, then faster). The hold is
 * {@link #holdFrames} long: {@value #HOLD_MS} ms, which holds the peaks of a sine down to 50 Hz, or
 * half the release if that is shorter.
 *
 * <p>An instance keeps one envelope per channel and, for the compressor's program-dependent release,
 * a slow one per channel ({@link #setSlow}), and meters the present and largest reduction. Not
 * thread-safe.
 */
final class Ballistics {
    /**
     * An envelope within this many dB of its target lands on it: gains return to exactly 0 dB (the
     * identity) and decaying state never becomes subnormal.
     */
    static final double SETTLED_DB = 1e-9;
    /** The longest hold of the detector, ms: half a period of 50 Hz. */
    static final double HOLD_MS = 10;

    private double[] envelope = new double[0];
    private double[] slowEnvelope = new double[0];
    private double up;
    private double down;
    private double slowUp;
    private double slowDown;
    private boolean slow;
    private double now;
    private double largest;

    void prepare(int channels) {
        envelope = new double[channels];
        slowEnvelope = new double[channels];
        reset();
    }

    void reset() {
        java.util.Arrays.fill(envelope, 0);
        java.util.Arrays.fill(slowEnvelope, 0);
        now = 0;
        largest = 0;
    }

    /** The coefficients of a rise and a fall of the reduction. */
    void set(double upCoefficient, double downCoefficient) {
        up = upCoefficient;
        down = downCoefficient;
    }

    /** Whether the slow envelope counts, and its coefficients; while off it rides on the fast one. */
    void setSlow(boolean on, double upCoefficient, double downCoefficient) {
        slow = on;
        slowUp = upCoefficient;
        slowDown = downCoefficient;
    }

    /** The present reduction, largest over channels, after the last frame. */
    double now() {
        return now;
    }

    /** The largest reduction since the last reset. */
    double largest() {
        return largest;
    }

    /**
     * One envelope for every channel (full link): the reductions {@code targets[0, len)}, smoothed,
     * become the linear gains {@code gains[0, len)} with the make-up and the wet share
     * ({@link #linearGain}). Channels that differ on entry (the link just reached 100 %)
     * continue from the deepest.
     *
     * <p>The gains are computed here, in the envelope's loop, because the envelope is a chain from
     * frame to frame that leaves most of the core idle while it waits for the frame before: the
     * conversion's arithmetic, independent from frame to frame, fills that wait (a separate pass over
     * the reductions cost about 3 ns a frame more).
     */
    void followLinked(double[] targets, int len, int channels, float[] gains, double makeupDb, double wet) {
        double a = up, r = down, sa = slowUp, sr = slowDown;
        boolean upFaster = a <= r;
        boolean slowUpFaster = sa <= sr;
        boolean withSlow = slow;
        double y = 0;
        double s = 0;
        for (int c = 0; c < channels; c++) {
            y = Math.max(y, envelope[c]);
            s = Math.max(s, slowEnvelope[c]);
        }
        double most = largest;
        double gr = now;
        for (int k = 0; k < len; k++) {
            double target = targets[k];
            y = follow(y, target, a, r, upFaster);
            s = withSlow ? follow(s, target, sa, sr, slowUpFaster) : y;
            gr = withSlow ? Math.max(y, s) : y;
            // Reductions are never negative: the larger by their bits, a compare and a conditional move, where
            // Math.max on doubles is a longer sequence (NaN and signed zeros).
            most = LevelDetector.larger(most, gr);
            gains[k] = linearGain(gr, makeupDb, wet);
        }
        java.util.Arrays.fill(envelope, 0, channels, y);
        java.util.Arrays.fill(slowEnvelope, 0, channels, s);
        largest = most;
        now = gr;
    }

    /**
     * The linear gain of a reduction, the make-up and the wet share, in single precision to multiply
     * the samples with: {@code g = 10^((makeupDb - reductionDb) / 20)}, then {@code 1 + wet (g - 1)}
     * (the dry signal plus the wet share of the gain's change) unless the mix is fully wet.
     */
    static float linearGain(double reductionDb, double makeupDb, double wet) {
        double g = FastLog.dbToGain(makeupDb - reductionDb);
        return (float) (wet == 1 ? g : 1 + wet * (g - 1));
    }

    /** Channel {@code c}'s envelope one frame on toward {@code target}; returns the smoothed reduction. */
    double follow(int c, double target) {
        double y = follow(envelope[c], target, up, down, up <= down);
        envelope[c] = y;
        double s = slow ? follow(slowEnvelope[c], target, slowUp, slowDown, slowUp <= slowDown) : y;
        slowEnvelope[c] = s;
        return slow ? Math.max(y, s) : y;
    }

    /** Meters a frame whose largest reduction over channels was {@code reduction}. */
    void meter(double reduction) {
        now = reduction;
        largest = Math.max(largest, reduction);
    }

    /** One-pole coefficient for a time constant of {@code ms} at {@code rate}: {@code exp(-1 / (tau fs))}. */
    static double coefficient(double ms, double rate) {
        return Math.exp(-1000 / (ms * rate));
    }

    /** The detector's hold for a release of {@code releaseMs}, frames: {@value #HOLD_MS} ms or half the release. */
    static double holdFrames(double releaseMs, double rate) {
        return Math.min(HOLD_MS, releaseMs / 2) * rate / 1000;
    }

    /**
     * The release coefficient that, after the hold of {@code holdFrames}, reaches 63 % of a fall in
     * {@code releaseMs}: the time constant less the hold's mean delay, and at least a quarter of it.
     */
    static double releaseCoefficient(double releaseMs, double holdFrames, double rate) {
        double delayMs = PeakHold.meanDelayFrames(PeakHold.periodsFor(holdFrames)) * 1000 / rate;
        return coefficient(Math.max(releaseMs - delayMs, releaseMs / 4), rate);
    }

    /**
     * One step of a one-pole envelope toward {@code target}, with coefficient {@code up} while rising
     * and {@code down} while falling: {@code a y + (1 - a) target}. Gain reductions are never
     * negative, and noise makes the direction unpredictable, so the step avoids a branch on it: with
     * {@code up <= down} the rising candidate is the larger of the two whenever the target is above,
     * and the falling one whenever it is below, so the step is their maximum (otherwise their
     * minimum), taken on the bit patterns, which order like the values for non-negative doubles.
     * Lands on the target within {@link #SETTLED_DB}.
     */
    static double follow(double y, double target, double up, double down, boolean upFaster) {
        double rising = up * y + (1 - up) * target;
        double falling = down * y + (1 - down) * target;
        long r = Double.doubleToRawLongBits(rising);
        long f = Double.doubleToRawLongBits(falling);
        double next = Double.longBitsToDouble(upFaster ? Math.max(r, f) : Math.min(r, f));
        return Math.abs(next - target) < SETTLED_DB ? target : next;
    }
}
