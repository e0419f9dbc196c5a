package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Complex;
import io.github.mixwright.core.ProcessSpec;

/** Shared helpers of the cookbook tests: parameter mapping, impulse responses, direct DFTs. */
final class CookbookTesting {
    static final double[] RATES = {44100, 48000, 96000};

    private CookbookTesting() {
    }

    /** Log-uniform in [lo, hi] from {@code u} in [0, 1]. */
    static double logUniform(double lo, double hi, double u) {
        return lo * Math.pow(hi / lo, u);
    }

    /** Impulse response of {@code c} as produced by the {@link Biquad} processor (float output). */
    static double[] impulseResponse(BiquadCoefficients c, int length) {
        AudioBuffer b = AudioBuffer.allocate(1, length);
        b.set(0, 0, 1f);
        Biquad p = Biquad.of(c);
        p.prepare(new ProcessSpec(c.sampleRate(), length, 1));
        p.process(b);
        double[] h = new double[length];
        for (int i = 0; i < length; i++) {
            h[i] = b.get(0, i);
        }
        return h;
    }

    /** {@code sum h[n] e^{-i w n}} at {@code hz}: the DFT of {@code h} evaluated at that frequency. */
    static Complex dft(double[] h, double hz, double fs) {
        double w = 2 * Math.PI * hz / fs;
        // Rotate a phasor rather than call cos/sin per term; renormalise now and then against drift.
        double cr = Math.cos(w);
        double ci = -Math.sin(w);
        double pr = 1;
        double pi = 0;
        double re = 0;
        double im = 0;
        for (int n = 0; n < h.length; n++) {
            re += h[n] * pr;
            im += h[n] * pi;
            double t = pr * cr - pi * ci;
            pi = pr * ci + pi * cr;
            pr = t;
            if ((n & 1023) == 1023) {
                double norm = Math.hypot(pr, pi);
                pr /= norm;
                pi /= norm;
            }
        }
        return new Complex(re, im);
    }

    /** Frames after which the impulse response has decayed below {@code 1e-10} of its start. */
    static int decayLength(BiquadCoefficients c) {
        double r = c.poleRadius();
        if (r == 0) {
            return 16;
        }
        return (int) Math.ceil(Math.log(1e-10) / Math.log(r)) + 64;
    }

    /**
     * The output is a sine whose amplitude and phase move smoothly, so no step between samples may exceed
     * what a sine at the local peak level can produce, {@code 2 sin(pi f / fs)} times that level, with
     * 50 % allowance for the envelope's own motion, plus a tenth of the input's own largest step (where
     * the EQ nearly cancels the sine, the small transients of a glide are not clicks). A click, a jump to
     * another filter's output, breaks this at once; see
     * {@code ParametricEqTest.theClickDetectorCatchesAnAbruptSwitch}. Checks from frame {@code from} on.
     */
    static String firstClick(float[] y, double hz, double fs, double inputAmplitude, int from) {
        int period = (int) Math.ceil(fs / hz);
        double perLevel = 2 * Math.sin(Math.PI * hz / fs);
        // Peak per stretch of one period; three neighbouring stretches cover at least +-1 period.
        double[] peaks = new double[y.length / period + 1];
        for (int i = 0; i < y.length; i++) {
            peaks[i / period] = Math.max(peaks[i / period], Math.abs(y[i]));
        }
        for (int n = Math.max(1, from); n < y.length; n++) {
            int p = n / period;
            double local = Math.max(peaks[p], Math.max(peaks[Math.max(0, p - 1)], peaks[Math.min(peaks.length - 1, p + 1)]));
            double step = Math.abs(y[n] - y[n - 1]);
            if (step > 1.5 * perLevel * local + 0.1 * perLevel * inputAmplitude) {
                return "frame " + n + ": step " + step + " at local level " + local;
            }
        }
        return null;
    }

    /** Half-length of {@link #highBand}'s filter: 2 * 53 + 1 taps. */
    private static final int HIGH_BAND_HALF = 53;

    /**
     * The part of {@code y} above 0.42 fs (20.2 kHz at 48 kHz), by a linear-phase high-pass written here: a
     * unit impulse minus a low-pass sinc at 0.39 fs under a Kaiser window of beta 10 (about 100 dB
     * down below 0.36 fs, 17.3 kHz). Its largest magnitude from frame {@code from} on.
     */
    static double highBandPeak(float[] y, int from) {
        int half = HIGH_BAND_HALF;
        double[] h = new double[2 * half + 1];
        double cutoff = 0.39;
        double beta = 10;
        double i0 = besselI0(beta);
        for (int k = -half; k <= half; k++) {
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double r = (double) k / half;
            double w = besselI0(beta * Math.sqrt(1 - r * r)) / i0;
            h[k + half] = -sinc * w;
        }
        h[half] += 1;
        double most = 0;
        for (int n = Math.max(from, 2 * half); n < y.length; n++) {
            double v = 0;
            for (int k = 0; k < h.length; k++) {
                v += h[k] * y[n - k];
            }
            most = Math.max(most, Math.abs(v));
        }
        return most;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 60; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
