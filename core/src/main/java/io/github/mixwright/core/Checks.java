package io.github.mixwright.core;

import java.math.BigDecimal;

/**
 * Argument checks whose messages all read the same way: the name, the value and the allowed range,
 * as in {@code "ratio 0.5 is out of range [1, 100]"}. Every module uses these so that a user sees
 * one style of error everywhere.
 *
 * <p>Thread-safe (stateless).
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks {@code min <= value <= max} (NaN fails).
     *
     * @return value
     * @throws IllegalArgumentException {@code "<name> <value> is out of range [min, max]"}
     */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(outOfRange(name, value, min, max));
        }
        return value;
    }

    /** Integer form of {@link #inRange(String, double, double, double)}. */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }

    /** Long form of {@link #inRange(String, double, double, double)}. */
    public static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }

    /** Checks {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", "
                    + Integer.MAX_VALUE + "]");
        }
        return value;
    }

    /** Checks that {@code value} is finite. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " " + format(value) + " is not a finite number");
        }
        return value;
    }

    /** The standard out-of-range message. */
    public static String outOfRange(String name, double value, double min, double max) {
        return name + " " + format(value) + " is out of range [" + format(min) + ", " + format(max) + "]";
    }

    /**
     * Formats a number as a person would write it: {@code 1} not {@code 1.0}, {@code 0.5},
     * {@code -Infinity}, {@code 12288000} not {@code 1.2288E7}.
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
