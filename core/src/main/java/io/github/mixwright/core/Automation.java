package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A breakpoint curve over time: the value of a parameter as a function of seconds since the start.
 *
 * <p>Each breakpoint after the first says how the curve arrives at it from the previous one
 * ({@link Shape}). Before the first breakpoint the curve holds the first value; after the last it
 * holds the last value. At every breakpoint time the curve equals that breakpoint's value exactly.
 * Within a segment every shape is monotone, so a curve whose breakpoints rise (or fall) rises
 * (or falls) everywhere between them. Every shape but {@link Shape#HOLD} is continuous.
 *
 * <p>Attach a curve to any numeric parameter with {@link ParameterizedProcessor#automate(String, Automation)};
 * it is then evaluated at every sample, at time {@code frame / sampleRate}, so it is sample-accurate and
 * independent of block size.
 *
 * <p>Immutable and thread-safe.
 */
public final class Automation {

    /** How a segment travels from the previous breakpoint's value {@code a} to this one's {@code b}. */
    public enum Shape {
        /** Stays at {@code a}, jumps to {@code b} at the breakpoint's time. */
        HOLD,
        /** Straight line: {@code a + (b - a) u}, where {@code u} runs from 0 to 1 across the segment. */
        LINEAR,
        /**
         * Geometric: {@code a (b / a)^u}, a straight line in dB when the values are linear gains or
         * frequencies. Both values must be non-zero and of the same sign. (For a parameter already in dB,
         * {@link #LINEAR} is the line in dB.)
         */
        EXPONENTIAL,
        /** Raised-cosine ease in and out: {@code a + (b - a)(1 - cos(pi u)) / 2}, flat at both ends. */
        S_CURVE
    }

    private final double[] times;
    private final double[] values;
    private final Shape[] shapes;

    private Automation(double[] times, double[] values, Shape[] shapes) {
        this.times = times;
        this.values = values;
        this.shapes = shapes;
    }

    /** A curve that holds {@code value} for ever. */
    public static Automation constant(double value) {
        return builder(0, value).build();
    }

    /**
     * Starts a curve at its first breakpoint.
     *
     * @param seconds 0 or more
     * @param value finite
     */
    public static Builder builder(double seconds, double value) {
        return new Builder(seconds, value);
    }

    /** Number of breakpoints, at least 1. */
    public int size() {
        return times.length;
    }

    /** Time of breakpoint {@code i}, in seconds. */
    public double time(int i) {
        return times[i];
    }

    /** Value of breakpoint {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /** Shape of the segment arriving at breakpoint {@code i} (the first one's is {@link Shape#HOLD}). */
    public Shape shape(int i) {
        return shapes[i];
    }

    /** Smallest breakpoint value. */
    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** Largest breakpoint value. */
    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** The curve's value at {@code seconds} (NaN in, NaN out). */
    public double valueAt(double seconds) {
        int n = times.length;
        if (!(seconds > times[0])) {
            return Double.isNaN(seconds) ? Double.NaN : values[0];
        }
        if (seconds >= times[n - 1]) {
            return values[n - 1];
        }
        int i = Arrays.binarySearch(times, seconds);
        if (i >= 0) {
            while (i + 1 < n && times[i + 1] == seconds) {
                i++;
            }
            return values[i];
        }
        int next = -i - 1;
        return segment(next, seconds);
    }

    private double segment(int next, double seconds) {
        double t0 = times[next - 1];
        double t1 = times[next];
        double a = values[next - 1];
        double b = values[next];
        double u = (seconds - t0) / (t1 - t0);
        double v;
        switch (shapes[next]) {
            case HOLD:
                return a;
            case LINEAR:
                v = a + (b - a) * u;
                break;
            case EXPONENTIAL:
                v = a * Math.pow(b / a, u);
                break;
            case S_CURVE:
                v = a + (b - a) * (0.5 - 0.5 * Math.cos(Math.PI * u));
                break;
            default:
                throw new AssertionError(shapes[next]);
        }
        // Rounding may step a hair past an end; clamping keeps the segment monotone and inside [a, b].
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), v));
    }

    /** Curves are equal when their breakpoints (times, values and shapes) are. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Automation)) {
            return false;
        }
        Automation a = (Automation) o;
        return java.util.Arrays.equals(times, a.times) && java.util.Arrays.equals(values, a.values)
                && java.util.Arrays.equals(shapes, a.shapes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Arrays.hashCode(times) + java.util.Arrays.hashCode(values))
                + java.util.Arrays.hashCode(shapes);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Automation[");
        for (int i = 0; i < times.length; i++) {
            if (i > 0) {
                s.append(", ").append(shapes[i].name().toLowerCase(java.util.Locale.ROOT)).append(" to ");
            }
            s.append(Checks.format(values[i])).append(" @ ").append(Checks.format(times[i])).append(" s");
        }
        return s.append(']').toString();
    }

    /** Adds breakpoints in time order. Not thread-safe. */
    public static final class Builder {
        private final List<double[]> points = new ArrayList<>();
        private final List<Shape> shapeList = new ArrayList<>();

        private Builder(double seconds, double value) {
            add(seconds, value, Shape.HOLD);
        }

        /** Holds the previous value, then jumps to {@code value} at {@code seconds}. */
        public Builder holdTo(double seconds, double value) {
            return add(seconds, value, Shape.HOLD);
        }

        /** A straight line to {@code value} at {@code seconds}. */
        public Builder linearTo(double seconds, double value) {
            return add(seconds, value, Shape.LINEAR);
        }

        /** A geometric (linear-in-dB) glide to {@code value} at {@code seconds}. */
        public Builder exponentialTo(double seconds, double value) {
            return add(seconds, value, Shape.EXPONENTIAL);
        }

        /** A raised-cosine glide to {@code value} at {@code seconds}. */
        public Builder sCurveTo(double seconds, double value) {
            return add(seconds, value, Shape.S_CURVE);
        }

        /** Adds a breakpoint reached through {@code shape}. */
        public Builder to(Shape shape, double seconds, double value) {
            return add(seconds, value, Objects.requireNonNull(shape, "shape"));
        }

        private Builder add(double seconds, double value, Shape shape) {
            Checks.inRange("breakpoint time", seconds, 0, Double.MAX_VALUE);
            Checks.finite("breakpoint value", value);
            if (!points.isEmpty()) {
                double[] last = points.get(points.size() - 1);
                if (seconds < last[0]) {
                    throw new IllegalArgumentException("breakpoint time " + Checks.format(seconds)
                            + " is out of range [" + Checks.format(last[0]) + ", Infinity]: breakpoints go in time order");
                }
                if (shape == Shape.EXPONENTIAL && !(last[1] * value > 0)) {
                    throw new IllegalArgumentException("exponential segment from " + Checks.format(last[1]) + " to "
                            + Checks.format(value) + ": both values must be non-zero and of the same sign");
                }
            }
            points.add(new double[] {seconds, value});
            shapeList.add(shape);
            return this;
        }

        /** The finished curve. */
        public Automation build() {
            int n = points.size();
            double[] t = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = points.get(i)[0];
                v[i] = points.get(i)[1];
            }
            return new Automation(t, v, shapeList.toArray(new Shape[0]));
        }
    }
}
