package io.github.mixwright.filters;

import io.github.mixwright.core.Checks;
import java.util.function.DoubleUnaryOperator;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Linear-phase FIR design by frequency sampling: the target magnitude is sampled (zero phase) on a
 * grid of {@code M >= 4N} points, inverse-transformed, centred, cut to {@code N} taps and Kaiser
 * windowed. The window smooths the realised response by its main lobe (about
 * {@code sqrt(1 + (beta / pi)^2) fs / N} either side) and keeps leakage from distant parts of the
 * target about {@code 8.7 + beta / 0.1102} dB down (Kaiser's formula: 81 dB for beta 8); the dense
 * grid keeps time aliasing of the ideal impulse response away from the kept taps.
 *
 * <p>Stateless and thread-safe (each call owns its FFT).
 */
final class FirDesign {
    private FirDesign() {
    }

    /**
     * Designs {@code length} (odd) taps, exactly symmetric, whose amplitude approximates
     * {@code magnitude} (linear gain as a function of Hz, evaluated from 0 to {@code sampleRate / 2}).
     */
    static double[] design(DoubleUnaryOperator magnitude, double sampleRate, int length, double beta) {
        if (length % 2 == 0) {
            throw new IllegalArgumentException("length " + length + " must be odd for a type I FIR");
        }
        int grid = 8 * Integer.highestOneBit(length - 1); // a power of two, at least 4N
        double[] a = new double[grid];
        int half = grid / 2;
        // JTransforms packs a real spectrum as [Re0, Re(M/2), Re1, Im1, Re2, Im2, ...]; the target is
        // real (zero phase), so every imaginary part stays 0.
        for (int k = 0; k < half; k++) {
            a[2 * k] = checked(magnitude.applyAsDouble(k * sampleRate / grid), k * sampleRate / grid);
        }
        a[1] = checked(magnitude.applyAsDouble(sampleRate / 2), sampleRate / 2);
        singleThreadedFft();
        new DoubleFFT_1D(grid).realInverse(a, true);
        int c = (length - 1) / 2;
        double[] taps = new double[length];
        taps[c] = a[0] * KaiserWindow.value(0, c + 1, beta);
        for (int k = 1; k <= c; k++) {
            // The ideal response is even (a[k] == a[M - k] up to rounding); averaging both halves and
            // writing one value to both sides makes the taps symmetric bit for bit.
            double v = 0.5 * (a[k] + a[grid - k]) * KaiserWindow.value(k, c + 1, beta);
            taps[c + k] = v;
            taps[c - k] = v;
        }
        return taps;
    }

    private static double checked(double gain, double hz) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("target gain " + Checks.format(gain) + " at " + Checks.format(hz)
                    + " Hz is out of range [0, Infinity)");
        }
        return gain;
    }

    /**
     * JTransforms splits large transforms over a pool of non-daemon threads that would keep the JVM
     * alive and make results depend on the thread count; designs are rare, so one thread it is.
     */
    static void singleThreadedFft() {
        if (ConcurrencyUtils.getNumberOfThreads() != 1) {
            ConcurrencyUtils.setNumberOfThreads(1);
        }
    }

    /**
     * The zero-phase amplitude {@code t[c] + 2 sum_k t[c + k] cos(k w)} of symmetric taps at
     * {@code w} radians per sample, summed exactly from the taps. The cosines come from a rotating
     * phasor re-anchored with {@code Math.cos / Math.sin} every 128 steps, which keeps them within
     * about 1e-13 of the true values at a fraction of the cost of one {@code cos} per tap.
     */
    static double amplitude(double[] taps, double w) {
        int c = (taps.length - 1) / 2;
        double stepRe = Math.cos(w);
        double stepIm = Math.sin(w);
        double sum = 0;
        double re = 1;
        double im = 0;
        for (int k = 1; k <= c; k++) {
            if ((k & 127) == 0) {
                re = Math.cos(k * w);
                im = Math.sin(k * w);
            } else {
                double r = re * stepRe - im * stepIm;
                im = re * stepIm + im * stepRe;
                re = r;
            }
            sum += taps[c + k] * re;
        }
        return taps[c] + 2 * sum;
    }
}
