package io.github.mixwright.core;

/**
 * A complex number, for frequency responses: {@code re + i im}.
 *
 * <p>Kept in core (rather than taking a complex-number library into the public API) because a
 * response needs only these few operations. Immutable and thread-safe.
 *
 * @param re real part
 * @param im imaginary part
 */
public record Complex(double re, double im) {
    /** 1 + 0i. */
    public static final Complex ONE = new Complex(1, 0);
    /** 0 + 0i. */
    public static final Complex ZERO = new Complex(0, 0);

    /** A real number. */
    public static Complex real(double re) {
        return new Complex(re, 0);
    }

    /** {@code e^(i theta) = cos theta + i sin theta}. */
    public static Complex expj(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }

    /** {@code r e^(i theta)}. */
    public static Complex polar(double r, double theta) {
        return new Complex(r * Math.cos(theta), r * Math.sin(theta));
    }

    /** Sum. */
    public Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    /** Difference. */
    public Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    /** Product. */
    public Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    /** Product with a real number. */
    public Complex times(double k) {
        return new Complex(re * k, im * k);
    }

    /** Quotient (Smith's algorithm, which avoids needless overflow). */
    public Complex divide(Complex o) {
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double r = o.im / o.re;
            double d = o.re + o.im * r;
            return new Complex((re + im * r) / d, (im - re * r) / d);
        }
        double r = o.re / o.im;
        double d = o.re * r + o.im;
        return new Complex((re * r + im) / d, (im * r - re) / d);
    }

    /** Complex conjugate. */
    public Complex conjugate() {
        return new Complex(re, -im);
    }

    /** Modulus {@code |z|}. */
    public double abs() {
        return Math.hypot(re, im);
    }

    /** Argument in radians, in (-pi, pi]. */
    public double arg() {
        return Math.atan2(im, re);
    }

    /** {@code 20 log10 |z|}; 0 gives -Infinity. */
    public double magnitudeDb() {
        return Decibels.toDb(abs());
    }
}
