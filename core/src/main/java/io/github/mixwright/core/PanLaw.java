package io.github.mixwright.core;

/**
 * How a mono source is shared between left and right as it moves across the stereo field, and how
 * loud it is in the centre relative to hard left or right.
 *
 * <p>With {@code x = (position + 1) / 2} running from 0 (hard left) to 1 (hard right):
 * <ul>
 *   <li>{@link #ZERO_DB}: {@code L = min(1, 2(1 - x))}, {@code R = min(1, 2x)}; full level in the
 *       centre, the far side fades linearly. Never boosts.</li>
 *   <li>{@link #CONSTANT_POWER} (-3 dB): {@code L = cos(x pi/2)}, {@code R = sin(x pi/2)}, so
 *       {@code L^2 + R^2 = 1} everywhere: equal power at every position.</li>
 *   <li>{@link #MINUS_4_5_DB}: the geometric mean of the constant-power and linear laws,
 *       {@code L = sqrt((1 - x) cos(x pi/2))}, {@code R = sqrt(x sin(x pi/2))}; -4.5 dB in the centre.</li>
 *   <li>{@link #LINEAR} (-6 dB): {@code L = 1 - x}, {@code R = x}, so {@code L + R = 1}: equal
 *       amplitude, right for sources that sum coherently (mono compatibility).</li>
 * </ul>
 *
 * <p>Thread-safe (immutable).
 */
public enum PanLaw {
    /** 0 dB in the centre. */
    ZERO_DB("0db"),
    /** -3 dB in the centre, constant power. */
    CONSTANT_POWER("-3db"),
    /** -4.5 dB in the centre. */
    MINUS_4_5_DB("-4.5db"),
    /** -6 dB in the centre, constant amplitude. */
    LINEAR("-6db");

    private final String id;

    PanLaw(String id) {
        this.id = id;
    }

    /** The name used on the command line, e.g. {@code "-3db"}. */
    public String id() {
        return id;
    }

    /** Left gain at {@code position} in [-1, 1] (-1 hard left). */
    public double left(double position) {
        return gain(1 - toX(position));
    }

    /** Right gain at {@code position} in [-1, 1] (-1 hard left). */
    public double right(double position) {
        return gain(toX(position));
    }

    /** The gain of the side that a source at 0 dB reaches with share {@code s} (0 = away, 1 = towards). */
    private double gain(double s) {
        switch (this) {
            case ZERO_DB:
                return Math.min(1, 2 * s);
            case CONSTANT_POWER:
                return Math.sin(s * Math.PI / 2);
            case MINUS_4_5_DB:
                return Math.sqrt(s * Math.sin(s * Math.PI / 2));
            case LINEAR:
                return s;
            default:
                throw new AssertionError(this);
        }
    }

    private static double toX(double position) {
        return (Math.max(-1, Math.min(1, position)) + 1) / 2;
    }
}
