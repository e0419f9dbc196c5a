package io.github.mixwright.loudness;

import io.github.mixwright.core.Checks;
import io.github.mixwright.filters.BiquadCoefficients;

/**
 * The K-weighting pre-filter of ITU-R BS.1770-4, Annex 1, section 2.1, recomputed for any sample rate:
 * stage 1 is a high shelf (about +4 dB above 2 kHz, modelling the acoustic effect of the head),
 * stage 2 the "RLB" high-pass (about 38 Hz).
 *
 * <p>BS.1770 publishes the coefficients at 48 kHz only. Here both stages are bilinear transforms, with
 * the frequency prewarped ({@code K = tan(pi f0 / sampleRate)}), of analog prototypes whose parameters
 * were fitted to the 48 kHz table (the derivation used by libebur128 and pyloudnorm):
 * <pre>
 *   stage 1 (shelf):     f0 = 1681.974450955533 Hz, G = 3.999843853973347 dB, Q = 0.7071752369554196
 *     Vh = 10^(G/20), Vb = Vh^0.4996667741545416
 *     b = (Vh + Vb K/Q + K^2, 2 (K^2 - Vh), Vh - Vb K/Q + K^2) / a0
 *     a = (1, 2 (K^2 - 1), 1 - K/Q + K^2) / a0,   a0 = 1 + K/Q + K^2
 *   stage 2 (high-pass): f0 = 38.13547087602444 Hz, Q = 0.5003270373238773
 *     b = (1, -2, 1) g48 / a0,  a = (1, 2 (K^2 - 1), 1 - K/Q + K^2) / a0,   a0 = 1 + K/Q + K^2
 * </pre>
 * At 48 kHz these reproduce the published table to better than 1e-8.
 *
 * <p>Stage 2's published numerator is {@code 1, -2, 1}, not normalised by {@code a0}, so the standard's
 * high-pass has a pass-band gain of {@code g48 = a0(48 kHz)} = 1.004995 (+0.043 dB): it is part of the
 * filter that defines LUFS. The analog prototype is therefore {@code g48 s^2 / (s^2 + s w0/Q + w0^2)},
 * and at other rates the numerator is {@code (1, -2, 1) g48 / a0}. libebur128 and pyloudnorm keep
 * {@code 1, -2, 1} at every rate, which makes their pass-band gain, and so every loudness they report,
 * depend on the rate: 0.004 dB higher at 44.1 kHz and 0.21 dB higher at 8 kHz, 0.022 dB lower at 96 kHz
 * and 0.032 dB lower at 192 kHz than at 48 kHz. Here the same signal measures the same at every rate, to within the
 * bilinear warping of the shelf; expect those differences against libebur128.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shelf stage 1, the high shelf
 * @param highPass stage 2, the RLB high-pass
 */
public record KWeighting(BiquadCoefficients shelf, BiquadCoefficients highPass) {
    /** Lowest supported sample rate, Hz. */
    public static final double MIN_SAMPLE_RATE = 8_000;
    /** Highest supported sample rate, Hz. */
    public static final double MAX_SAMPLE_RATE = 384_000;

    static final double SHELF_HZ = 1681.974450955533;
    static final double SHELF_GAIN_DB = 3.999843853973347;
    static final double SHELF_Q = 0.7071752369554196;
    static final double SHELF_VB_EXPONENT = 0.4996667741545416;
    static final double HIGH_PASS_HZ = 38.13547087602444;
    static final double HIGH_PASS_Q = 0.5003270373238773;
    /** Pass-band gain of the published 48 kHz high-pass, whose numerator is 1, -2, 1. */
    static final double HIGH_PASS_GAIN = highPassA0(48_000);

    /** Validates that both stages share one sample rate. */
    public KWeighting {
        if (shelf.sampleRate() != highPass.sampleRate()) {
            throw new IllegalArgumentException("shelf sampleRate " + Checks.format(shelf.sampleRate())
                    + " differs from highPass sampleRate " + Checks.format(highPass.sampleRate()));
        }
    }

    /**
     * The K-weighting filter at {@code sampleRate}.
     *
     * @param sampleRate Hz, in [{@value #MIN_SAMPLE_RATE}, {@value #MAX_SAMPLE_RATE}]
     * @throws IllegalArgumentException if the rate is out of range
     */
    public static KWeighting of(double sampleRate) {
        Checks.inRange("sampleRate", sampleRate, MIN_SAMPLE_RATE, MAX_SAMPLE_RATE);
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10, SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, SHELF_VB_EXPONENT);
        double kq = k / SHELF_Q;
        BiquadCoefficients shelf = BiquadCoefficients.of(sampleRate,
                vh + vb * kq + k * k, 2 * (k * k - vh), vh - vb * kq + k * k,
                1 + kq + k * k, 2 * (k * k - 1), 1 - kq + k * k);

        double a0 = highPassA0(sampleRate);
        k = Math.tan(Math.PI * HIGH_PASS_HZ / sampleRate);
        kq = k / HIGH_PASS_Q;
        double g = HIGH_PASS_GAIN / a0;
        BiquadCoefficients highPass = new BiquadCoefficients(sampleRate, g, -2 * g, g,
                2 * (k * k - 1) / a0, (1 - kq + k * k) / a0);
        return new KWeighting(shelf, highPass);
    }

    /** {@code a0 = 1 + K/Q + K^2} of the prewarped high-pass at {@code sampleRate}. */
    private static double highPassA0(double sampleRate) {
        double k = Math.tan(Math.PI * HIGH_PASS_HZ / sampleRate);
        return 1 + k / HIGH_PASS_Q + k * k;
    }

    /** The sample rate both stages were designed for, Hz. */
    public double sampleRate() {
        return shelf.sampleRate();
    }

    /** Power gain {@code |H(f)|^2} of both stages in cascade at {@code hz}. */
    public double powerGain(double hz) {
        double a = shelf.response(hz).abs();
        double b = highPass.response(hz).abs();
        return a * a * b * b;
    }

    /** Gain of both stages in cascade at {@code hz}, dB. */
    public double magnitudeDb(double hz) {
        return 10 * Math.log10(powerGain(hz));
    }
}
