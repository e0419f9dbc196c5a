package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.Arrays;
import java.util.List;

/**
 * Removes DC offset with the classic one-pole, one-zero high-pass
 * <pre>
 *   y[n] = x[n] - x[n-1] + R y[n-1],   H(z) = (1 - z^-1) / (1 - R z^-1),   R = exp(-2 pi fc / fs)
 * </pre>
 * (J. O. Smith, "Introduction to Digital Filters", appendix "DC Blocker"). The zero at DC removes
 * any constant exactly; the pole at {@code R} sets how fast: the corner is close to {@code fc} for
 * the low settings this is meant for (at 5 Hz and 48 kHz the loss at 20 Hz is 0.26 dB, at 1 kHz
 * below 0.0001 dB).
 *
 * <p>Parameter {@code freq}: 1 to 200 Hz, default 5, smoothed multiplicatively over 20 ms, clamped
 * to 0.49 fs. Multichannel, double-precision state, no allocation in {@code process}, denormals
 * flushed in the feedback path. Not thread-safe.
 */
public final class DcBlocker extends ParameterizedProcessor<DcBlocker> implements LinearProcessor {
    /** Default corner in Hz: below hearing, fast enough to settle within a second. */
    public static final double DEFAULT_HZ = 5;

    /** The descriptor: {@code dcblock freq=<Hz>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("dcblock",
            "Removes DC offset (one-pole high-pass)",
            List.of(ParameterSpec.number("freq", "Hz", 1, 200, DEFAULT_HZ, "corner frequency")
                    .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS)),
            0, DcBlocker::new);

    private final Parameter freq = parameter("freq");
    private double sampleRate;
    private double[] x1 = new double[0];
    private double[] y1 = new double[0];
    private double lastFreq = Double.NaN;
    private double r;

    /** A DC blocker at 5 Hz. */
    public DcBlocker() {
        super(DESCRIPTOR);
    }

    /** Sets the corner in Hz, 1 to 200. Returns this. */
    public DcBlocker setFrequencyHz(double hz) {
        freq.set(hz);
        return this;
    }

    /** The corner last set, in Hz. */
    public double frequencyHz() {
        return freq.get();
    }

    /** {@code exp(-2 pi hz / fs)} with {@code hz} clamped to 0.49 fs. */
    static double pole(double sampleRate, double hz) {
        return Math.exp(-2 * Math.PI * Math.min(hz, StateVariableFilter.MAX_FREQUENCY_RATIO * sampleRate) / sampleRate);
    }

    /** Frames until the output is below -120 dB after the input stops, at the current settings (see {@link RingOut}). */
    @Override
    public int tailFrames() {
        return spec() == null ? 0 : RingOut.frames(java.util.List.of((BiquadCoefficients) frequencyResponse(spec().sampleRate())), spec().sampleRate());
    }

    @Override
    public FrequencyResponse frequencyResponse(double rate) {
        return new BiquadCoefficients(rate, 1, -1, 0, -pole(rate, freq.get()), 0);
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        sampleRate = spec.sampleRate();
        x1 = new double[spec.channels()];
        y1 = new double[spec.channels()];
        lastFreq = Double.NaN;
    }

    @Override
    protected void resetSignal() {
        Arrays.fill(x1, 0);
        Arrays.fill(y1, 0);
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        if (freq.isSteady()) {
            double hz = freq.current();
            freq.advance(n);
            if (hz != lastFreq) {
                lastFreq = hz;
                r = pole(sampleRate, hz);
            }
            for (int c = 0; c < block.channels(); c++) {
                float[] x = block.channel(c);
                double xp = x1[c];
                double yp = y1[c];
                for (int i = off; i < off + n; i++) {
                    double v = x[i];
                    double y = v - xp + r * yp;
                    yp = Math.abs(y) < BiquadKernel.FLUSH ? 0 : y;
                    xp = v;
                    x[i] = (float) y;
                }
                x1[c] = xp;
                y1[c] = yp;
            }
            return;
        }
        double[] fv = freq.render(n);
        for (int i = 0; i < n; i++) {
            if (fv[i] != lastFreq) {
                lastFreq = fv[i];
                r = pole(sampleRate, fv[i]);
            }
            for (int c = 0; c < block.channels(); c++) {
                float[] x = block.channel(c);
                double v = x[off + i];
                double y = v - x1[c] + r * y1[c];
                y1[c] = Math.abs(y) < BiquadKernel.FLUSH ? 0 : y;
                x1[c] = v;
                x[off + i] = (float) y;
            }
        }
    }
}
