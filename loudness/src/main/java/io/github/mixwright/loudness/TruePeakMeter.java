package io.github.mixwright.loudness;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * True-peak meter after ITU-R BS.1770-4 Annex 2: the largest absolute value of the signal oversampled
 * 4 times below 96 kHz, 2 times from 96 to 192 kHz (inclusive) and not at all above
 * ({@link #factorFor(double)}).
 *
 * <p>The interpolator is a polyphase windowed sinc: for {@code k = 1 .. L-1} the value between samples
 * {@code n} and {@code n+1} at {@code n + k/L} is {@code sum_m x[m] g(n + k/L - m)} over the
 * {@value #TAPS} samples nearest to it, with {@code g(t) = sinc(t) w(t)}, {@code w} a Kaiser window
 * (beta {@value #KAISER_BETA}) spanning {@value #TAPS} samples; each phase is normalised to unit gain
 * at DC. Phase 0 is the sample itself (the sinc is zero at the other integers), so the true peak is never
 * below the sample peak. Every phase is within 0.03 dB of unity up to 0.4 fs and within 0.04 dB up to
 * 0.45 fs, so a sine up to 0.45 fs reads at most 0.6 dB low, all but 0.04 dB of it the 4x grid itself
 * ({@code cos(pi f / 4 fs)} at worst). The Annex's example filter has 12 taps per phase and droops
 * more near the top of the band.
 *
 * <p>The interpolated values lag the input by {@value #TAPS}/2 samples; queries evaluate the last ones
 * as if the stream were followed by silence, without changing the state, so a peak in the final samples
 * is never missed.
 *
 * <p>Exact shortcut: a run of input whose largest magnitude, times the largest absolute sum of a phase's
 * coefficients, cannot exceed the peak already found cannot raise it, and is not interpolated. The
 * result is bit-identical to interpolating everything.
 *
 * <p>NaN and infinite samples are read as 0 (the policy of {@link LoudnessMeter}). Not thread-safe;
 * different channels may be fed from different threads through the meter that owns this one.
 */
public final class TruePeakMeter {
    /** Taps per phase of the interpolator. */
    public static final int TAPS = 32;
    /** Kaiser window parameter of the interpolator. */
    public static final double KAISER_BETA = 5.0;
    private static final int HISTORY = TAPS - 1;
    private static final int CHUNK = 1024;

    private final double sampleRate;
    private final int factor;
    private final int channels;
    /** {@code coefficients[k - 1][j]} weights sample {@code n - TAPS/2 + 1 + j} for position {@code n + k/L}. */
    private final float[][] coefficients;
    /** Largest absolute coefficient sum of any phase: the interpolator's worst-case gain. */
    private final double worstGain;
    private final float[][] work;
    private final float[][] acc;
    private final double[] peaks;

    /**
     * @param sampleRate Hz, in [8000, 768000]
     * @param channels 1 to {@value AudioBuffer#MAX_CHANNELS}
     */
    public TruePeakMeter(double sampleRate, int channels) {
        this.sampleRate = Checks.inRange("sampleRate", sampleRate, 8_000, 768_000);
        this.channels = Checks.inRange("channels", channels, 1, AudioBuffer.MAX_CHANNELS);
        this.factor = factorFor(sampleRate);
        this.coefficients = design(factor);
        double worst = 1;
        for (float[] phase : coefficients) {
            double s = 0;
            for (float c : phase) {
                s += Math.abs(c);
            }
            worst = Math.max(worst, s);
        }
        // A little margin over the float sums, so rounding can never make the shortcut skip a real peak.
        this.worstGain = worst * (1 + 1e-5);
        this.work = new float[channels][HISTORY + CHUNK];
        this.acc = new float[channels][CHUNK];
        this.peaks = new double[channels];
    }

    /** Oversampling factor for a rate: 4 below 96 kHz, 2 from 96 to 192 kHz, 1 above. */
    public static int factorFor(double sampleRate) {
        if (sampleRate < 96_000) {
            return 4;
        }
        return sampleRate <= 192_000 ? 2 : 1;
    }

    /** The interpolator's impulse response {@code g(t) = sinc(t) w(t)}, zero for {@code |t| >= TAPS/2}. */
    static double kernel(double t) {
        double half = TAPS / 2.0;
        if (Math.abs(t) >= half) {
            return 0;
        }
        double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
        double r = t / half;
        return sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
    }

    private static float[][] design(int factor) {
        float[][] c = new float[factor - 1][TAPS];
        for (int k = 1; k < factor; k++) {
            double[] phase = new double[TAPS];
            double sum = 0;
            for (int j = 0; j < TAPS; j++) {
                phase[j] = kernel((double) k / factor + TAPS / 2 - 1 - j);
                sum += phase[j];
            }
            for (int j = 0; j < TAPS; j++) {
                c[k - 1][j] = (float) (phase[j] / sum);
            }
        }
        return c;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /**
     * The interpolator's response at {@code hz} for phase {@code k} (1 to factor-1): the complex gain of
     * the fractional-delay filter, as magnitude. For documentation and tests.
     */
    double phaseMagnitude(int k, double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        double re = 0;
        double im = 0;
        float[] c = coefficients[k - 1];
        for (int j = 0; j < TAPS; j++) {
            re += c[j] * Math.cos(w * j);
            im -= c[j] * Math.sin(w * j);
        }
        return Math.hypot(re, im);
    }

    /** Measures a block; its channel count must be this meter's. */
    public void accept(AudioBuffer block) {
        if (block.channels() != channels) {
            throw new IllegalArgumentException("block has " + block.channels() + " channels, meter " + channels);
        }
        for (int c = 0; c < channels; c++) {
            accept(c, block.channel(c), block.offset(), block.frames());
        }
    }

    /** Measures {@code len} samples of channel {@code c} from {@code x[from]}. */
    void accept(int c, float[] x, int from, int len) {
        float[] w = work[c];
        double peak = peaks[c];
        int done = 0;
        while (done < len) {
            int n = Math.min(CHUNK, len - done);
            float chunkMax = 0;
            for (int i = 0; i < n; i++) {
                float v = x[from + done + i];
                if (!Float.isFinite(v)) {
                    v = 0;
                }
                w[HISTORY + i] = v;
                chunkMax = Math.max(chunkMax, Math.abs(v));
            }
            peak = Math.max(peak, chunkMax);
            if (factor > 1) {
                float windowMax = chunkMax;
                for (int i = 0; i < HISTORY; i++) {
                    windowMax = Math.max(windowMax, Math.abs(w[i]));
                }
                if (windowMax * worstGain > peak) {
                    peak = Math.max(peak, interpolatedPeak(w, n, acc[c]));
                }
            }
            System.arraycopy(w, n, w, 0, HISTORY);
            done += n;
        }
        peaks[c] = peak;
    }

    /** Largest absolute interpolated value over the {@code n} windows starting at {@code w[0..n)}. */
    private float interpolatedPeak(float[] w, int n, float[] a) {
        float max = 0;
        for (float[] c : coefficients) {
            float c0 = c[0];
            for (int i = 0; i < n; i++) {
                a[i] = c0 * w[i];
            }
            for (int j = 1; j < TAPS; j++) {
                float cj = c[j];
                for (int i = 0; i < n; i++) {
                    a[i] += cj * w[i + j];
                }
            }
            for (int i = 0; i < n; i++) {
                max = Math.max(max, Math.abs(a[i]));
            }
        }
        return max;
    }

    /** Peak of the values still pending at the end of the stream, as if silence followed. */
    private double tailPeak(int c) {
        if (factor == 1) {
            return 0;
        }
        float[] w = Arrays.copyOf(work[c], HISTORY + TAPS / 2);
        Arrays.fill(w, HISTORY, w.length, 0f);
        return interpolatedPeak(w, TAPS / 2, new float[TAPS / 2]);
    }

    /** True peak of channel {@code c} so far, linear (full scale 1). */
    public double truePeak(int c) {
        Objects.checkIndex(c, channels);
        return Math.max(peaks[c], tailPeak(c));
    }

    /** True peak over all channels so far, linear. */
    public double truePeak() {
        double p = 0;
        for (int c = 0; c < channels; c++) {
            p = Math.max(p, truePeak(c));
        }
        return p;
    }

    /** {@link #truePeak()} in dBTP; {@code -Infinity} for silence. */
    public double truePeakDbtp() {
        return 20 * Math.log10(truePeak());
    }

    /** The oversampling factor in use. */
    public int factor() {
        return factor;
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Sample rate, Hz. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Forgets everything measured. */
    public void reset() {
        for (float[] w : work) {
            Arrays.fill(w, 0f);
        }
        Arrays.fill(peaks, 0);
    }
}
