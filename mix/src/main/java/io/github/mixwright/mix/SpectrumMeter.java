package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A long-term average spectrum in 1/3-octave bands, for the master's pictures: Hann-windowed frames of
 * {@value #SIZE} samples of the channels' mean, one frame every {@value #EVERY} frames (a long-term
 * average needs a fair sample of the programme, not every frame), their power spectra averaged and summed
 * into the 31 bands of IEC 61260 from 20 Hz to 20 kHz (centres {@code 1000 * 2^(k/3)}, edges a sixth of
 * an octave either side). Levels are dB relative to a full-scale sine's power in the band that holds it,
 * so a sine reads about its own level in dBFS. Not thread-safe.
 */
final class SpectrumMeter {
    static final int SIZE = 16_384;
    static final int EVERY = 32_768;
    /** Band centres, Hz: 20 Hz to 20 kHz. */
    static final double[] CENTRES = new double[31];

    static {
        for (int k = -17; k <= 13; k++) {
            CENTRES[k + 17] = 1000 * Math.pow(2, k / 3.0);
        }
    }

    private final double rate;
    private final double[] window = new double[SIZE];
    private final double[] frame = new double[SIZE];
    private final double[] power = new double[SIZE / 2 + 1];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(SIZE);
    private final double windowPower;
    private long position;
    private int filled;
    private long frames;

    SpectrumMeter(double sampleRate) {
        this.rate = sampleRate;
        double energy = 0;
        for (int i = 0; i < SIZE; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / SIZE);
            energy += window[i] * window[i];
        }
        // Parseval: a full-scale sine's windowed frame has N sum(w^2) / 2 of power over all its bins
        windowPower = SIZE * energy / 2;
    }

    void accept(AudioBuffer block) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        int done = 0;
        while (done < n) {
            int inCycle = (int) (position % EVERY);
            if (inCycle >= SIZE) {
                // skip to the next analysed frame
                int skip = (int) Math.min(n - done, EVERY - inCycle);
                done += skip;
                position += skip;
                continue;
            }
            int len = Math.min(n - done, SIZE - inCycle);
            double scale = 1.0 / channels;
            for (int i = 0; i < len; i++) {
                frame[filled + i] = 0;
            }
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                for (int i = 0; i < len; i++) {
                    frame[filled + i] += x[off + done + i];
                }
            }
            for (int i = 0; i < len; i++) {
                double v = frame[filled + i] * scale * window[inCycle + i];
                // a non-finite sample counts as silence, as the loudness meter counts it
                frame[filled + i] = v - v == 0 ? v : 0;
            }
            filled += len;
            done += len;
            position += len;
            if (filled == SIZE) {
                analyse();
                filled = 0;
            }
        }
    }

    private void analyse() {
        fft.realForward(frame);
        power[0] += frame[0] * frame[0];
        power[SIZE / 2] += frame[1] * frame[1];
        for (int k = 1; k < SIZE / 2; k++) {
            double re = frame[2 * k];
            double im = frame[2 * k + 1];
            power[k] += 2 * (re * re + im * im);
        }
        frames++;
    }

    /** The band levels, dB (NaN where no bin falls in a band or nothing was measured). */
    double[] bandsDb() {
        double[] out = new double[CENTRES.length];
        for (int b = 0; b < CENTRES.length; b++) {
            double lo = CENTRES[b] * Math.pow(2, -1 / 6.0);
            double hi = CENTRES[b] * Math.pow(2, 1 / 6.0);
            double sum = 0;
            int bins = 0;
            for (int k = 0; k <= SIZE / 2; k++) {
                double f = k * rate / SIZE;
                if (f >= lo && f < hi) {
                    sum += power[k];
                    bins++;
                }
            }
            out[b] = bins == 0 || frames == 0 ? Double.NaN : 10 * Math.log10(sum / frames / windowPower + 1e-30);
        }
        return out;
    }
}
