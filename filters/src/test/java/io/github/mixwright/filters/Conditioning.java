package io.github.mixwright.filters;

/**
 * Tolerances for comparing analytic responses of direct-form sections. A section's coefficients
 * hold its poles to a relative accuracy of about {@code eps / K^2} (a1 is -2 plus a tiny part when
 * {@code K = tan(pi fc / fs)} is small), and evaluating {@code 1 -/+ cos w} at a probe near DC or
 * Nyquist loses {@code eps / sin^2(w/2)} or {@code eps / cos^2(w/2)}. Tests that demand 1e-9 dB
 * get it where the problem is well conditioned and this much more where it is not.
 */
final class Conditioning {
    private static final double EPS = Math.ulp(1.0);

    private Conditioning() {
    }

    /** Tolerance in dB (or radians) for a design of {@code order} at {@code cutoff}, probed at {@code hz}. */
    static double tolerance(double fs, double cutoff, double hz, int order) {
        double k = Math.tan(Math.PI * cutoff / fs);
        double s = Math.sin(Math.PI * hz / fs);
        double c = Math.cos(Math.PI * hz / fs);
        double condition = 1 / (k * k) + 1 / (s * s) + 1 / (c * c);
        return 1e-9 + 20 * order * EPS * condition;
    }
}
