package io.github.mixwright.mix;

/**
 * The curve of a clip's fade. {@link #gain(double)} is the fade-in's gain at {@code u}, the fraction of the
 * fade gone by (0 to 1); a fade-out plays the same curve backwards, {@code gain(1 - u)}. Every shape runs
 * from 0 to 1, so a fade never steps.
 *
 * <p>Thread-safe (immutable).
 */
public enum FadeShape {
    /** {@code u}: a straight line in amplitude. */
    LINEAR("linear"),
    /**
     * {@code (2^(10 u) - 1) / 1023}: rises slowly, then fast, nearly a straight line in dB over its last
     * 50 dB (6 dB per tenth of the fade), the way a fader pulled by ear sounds even.
     */
    EXPONENTIAL("exponential"),
    /** {@code (1 - cos(pi u)) / 2}: eases in and out, flat at both ends. */
    S_CURVE("s-curve"),
    /**
     * {@code sin(pi u / 2)}: a fade-in and a fade-out of this shape over the same frames keep
     * {@code in^2 + out^2 = 1}, so a crossfade between uncorrelated clips keeps its power.
     */
    EQUAL_POWER("equal-power");

    private final String id;

    FadeShape(String id) {
        this.id = id;
    }

    /** The name in session files: {@code linear}, {@code exponential}, {@code s-curve}, {@code equal-power}. */
    public String id() {
        return id;
    }

    /**
     * The shape named {@code id} (as {@link #id()} gives it, any case).
     *
     * @throws IllegalArgumentException naming the allowed names
     */
    public static FadeShape of(String id) {
        for (FadeShape s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("fade shape '" + id + "' is not one of linear, exponential, s-curve, "
                + "equal-power");
    }

    /** The fade-in's gain at {@code u} in [0, 1] (clamped). */
    public double gain(double u) {
        double x = Math.max(0, Math.min(1, u));
        switch (this) {
            case LINEAR:
                return x;
            case EXPONENTIAL:
                return (Math.pow(2, 10 * x) - 1) / 1023;
            case S_CURVE:
                return 0.5 * (1 - Math.cos(Math.PI * x));
            case EQUAL_POWER:
                return Math.sin(0.5 * Math.PI * x);
            default:
                throw new AssertionError(this);
        }
    }
}
