package io.github.mixwright.filters;

/**
 * One of a {@link ParametricEq} band's parameters gliding to its target over a fixed number of
 * samples, along a cubic (Hermite) curve that starts with the value's present slope and ends with
 * none: the parameter, and so the band's response, never changes its rate of change abruptly, at the
 * end of a glide or when a new target interrupts one. (A ramp at a constant rate stops dead at its
 * end: on a sine boosted by 20 dB in 20 ms that is a kink in the waveform, a soft click.)
 *
 * <p>{@code logarithmic} values glide in {@code log v} (frequency and Q: even steps on a log axis),
 * the others in {@code v} (gain in dB). A glide of {@code N} samples lands exactly on its target on its
 * {@code N}th sample; each {@link #next} advances one sample, so the values do not depend on how the
 * calls are grouped into blocks. An interrupted glide can overshoot its start a little before turning
 * (the curve keeps the slope it had); in the log domain the value stays positive. Not thread-safe.
 */
final class BandGlide {
    private final boolean logarithmic;
    private double current;
    private double target;
    /** Start, start slope times the length, and end of the glide, in the gliding domain. */
    private double from;
    private double slope;
    private double to;
    private int done;
    private int length;

    BandGlide(boolean logarithmic, double initial) {
        this.logarithmic = logarithmic;
        this.current = initial;
        this.target = initial;
    }

    /** Sets the glide's length to {@code round(seconds * sampleRate)} samples and jumps to the target. */
    void reset(double sampleRate, double seconds) {
        length = (int) Math.round(seconds * sampleRate);
        setImmediate(target);
    }

    /** Starts a glide from the present value, at its present slope, to {@code value}. */
    void setTarget(double value) {
        if (value == target) {
            return;
        }
        double startSlope = isSmoothing() ? slopeAt(done) : 0;
        target = value;
        if (length == 0 || current == value && startSlope == 0) {
            setImmediate(value);
            return;
        }
        from = domain(current);
        slope = startSlope * length;
        to = domain(value);
        done = 0;
    }

    /** Jumps to {@code value} at once. */
    void setImmediate(double value) {
        target = value;
        current = value;
        done = length;
    }

    /** Advances one sample and returns the new value. */
    double next() {
        if (done >= length) {
            return current;
        }
        done++;
        if (done == length) {
            current = target;
        } else {
            double t = (double) done / length;
            double t2 = t * t;
            double t3 = t2 * t;
            double u = (2 * t3 - 3 * t2 + 1) * from + (t3 - 2 * t2 + t) * slope + (3 * t2 - 2 * t3) * to;
            current = logarithmic ? Math.exp(u) : u;
        }
        return current;
    }

    /** The slope of the curve, per sample in the gliding domain, after {@code k} of its samples. */
    private double slopeAt(int k) {
        double t = (double) k / length;
        double t2 = t * t;
        return ((6 * t2 - 6 * t) * from + (3 * t2 - 4 * t + 1) * slope + (6 * t - 6 * t2) * to) / length;
    }

    private double domain(double v) {
        return logarithmic ? Math.log(v) : v;
    }

    double current() {
        return current;
    }

    double target() {
        return target;
    }

    boolean isSmoothing() {
        return done < length;
    }
}
