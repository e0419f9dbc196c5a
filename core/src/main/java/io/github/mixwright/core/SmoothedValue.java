package io.github.mixwright.core;

/**
 * A value that glides to its target over a fixed number of samples so that parameter changes
 * never click (after JUCE's {@code SmoothedValue}).
 *
 * <p>{@link Smoothing#LINEAR} adds a constant step per sample; {@link Smoothing#MULTIPLICATIVE}
 * multiplies by a constant ratio (values must then be strictly positive); {@link Smoothing#NONE}
 * jumps. A ramp always lands exactly on its target on its last sample. Each call to {@link #next()}
 * advances one sample, so the sequence of values does not depend on how calls are grouped into blocks.
 *
 * <p>Not thread-safe.
 */
public final class SmoothedValue {
    private final Smoothing mode;
    private double current;
    private double target;
    private double step;
    private int remaining;
    private int rampLength;

    /**
     * @param mode how to glide
     * @param initial starting value (strictly positive for multiplicative smoothing)
     */
    public SmoothedValue(Smoothing mode, double initial) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        checkValue(initial);
        this.current = initial;
        this.target = initial;
    }

    /**
     * Sets the ramp length and jumps to the target.
     *
     * @param sampleRate in Hz, greater than 0
     * @param rampSeconds 0 or more; the ramp lasts {@code round(rampSeconds * sampleRate)} samples
     */
    public void reset(double sampleRate, double rampSeconds) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate " + Checks.format(sampleRate) + " is out of range (0, Infinity)");
        }
        Checks.inRange("rampSeconds", rampSeconds, 0, 3600);
        rampLength = mode == Smoothing.NONE ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.round(rampSeconds * sampleRate));
        setImmediate(target);
    }

    /** Starts a glide from the current value to {@code value}; a no-op if it is already the target. */
    public void setTarget(double value) {
        checkValue(value);
        if (value == target) {
            return;
        }
        target = value;
        if (rampLength == 0 || current == value) {
            current = value;
            remaining = 0;
            return;
        }
        remaining = rampLength;
        step = mode == Smoothing.MULTIPLICATIVE
                ? Math.exp(Math.log(value / current) / rampLength)
                : (value - current) / rampLength;
    }

    /** Jumps to {@code value} at once. */
    public void setImmediate(double value) {
        checkValue(value);
        target = value;
        current = value;
        remaining = 0;
    }

    /** Advances one sample and returns the new value. */
    public double next() {
        if (remaining == 0) {
            return current;
        }
        remaining--;
        if (remaining == 0) {
            current = target;
        } else if (mode == Smoothing.MULTIPLICATIVE) {
            current *= step;
        } else {
            current += step;
        }
        return current;
    }

    /** Advances {@code samples} samples; the same as calling {@link #next()} that many times. */
    public double skip(int samples) {
        if (samples >= remaining) {
            remaining = 0;
            current = target;
            return current;
        }
        for (int i = 0; i < samples; i++) {
            next();
        }
        return current;
    }

    /** The value as of the last sample. */
    public double current() {
        return current;
    }

    /** Where the glide ends. */
    public double target() {
        return target;
    }

    /** Whether a glide is under way. */
    public boolean isSmoothing() {
        return remaining > 0;
    }

    /** The smoothing mode. */
    public Smoothing mode() {
        return mode;
    }

    private void checkValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value " + value + " is not a finite number");
        }
        if (mode == Smoothing.MULTIPLICATIVE && !(value > 0)) {
            throw new IllegalArgumentException("value " + Checks.format(value)
                    + " is out of range (0, Infinity) for multiplicative smoothing");
        }
    }
}
