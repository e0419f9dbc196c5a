package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import io.github.mixwright.filters.Biquad;
import io.github.mixwright.filters.FilterType;
import io.github.mixwright.filters.Oversampler;
import java.util.Arrays;
import java.util.List;

/**
 * An exciter: harmonics made from the band above {@code freq} only, added to the signal. The band is taken
 * with a second-order Butterworth high-pass, saturated at 4x the rate (the filters module's 100 dB
 * {@link Oversampler}, against aliasing), and only what the saturation adds is kept:
 * {@code e = tanh(d h) / d - h}, {@code d = 1 + 15 amount}, then the same high-pass again removes the
 * difference tones that fall below the band. The output is {@code (1 - mix) x + mix e}, the dry signal
 * delayed by the oversampler's latency: {@code mix=1} is the harmonics alone, {@code mix=0} the input.
 *
 * <p>Parameters: {@code freq} Hz [1000, 16000] default 3000 (held under 0.45 of the rate; fixed at prepare);
 * {@code amount} [0, 1] default 0.5; {@code mix} [0, 1] default 0.15 (both smoothed over 20 ms). Not
 * thread-safe.
 */
public final class Exciter extends ParameterizedProcessor<Exciter> {
    private static final int FACTOR = 4;

    /** The descriptor: {@code exciter freq=3000 amount=0.5 mix=0.15}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("exciter",
            "Adds harmonics made from the high band only, oversampled against aliasing",
            List.of(ParameterSpec.number("freq", "Hz", 1000, 16000, 3000, "lowest frequency of the band excited")
                            .withSmoothing(Smoothing.NONE, 0).fixedAtPrepare(),
                    ParameterSpec.number("amount", "", 0, 1, 0.5, "how hard the band is driven"),
                    ParameterSpec.number("mix", "", 0, 1, 0.15, "level of the harmonics: 1 is the harmonics alone")),
            0, Exciter::new);

    private final Parameter freq = parameter("freq");
    private final Parameter amount = parameter("amount");
    private final Parameter mix = parameter("mix");

    private Biquad band;
    private Biquad clean;
    private Oversampler oversampler;
    private AudioBuffer work;
    private AudioBuffer up;
    private float[][] dry = new float[0][];
    private int dryAt;
    private int latency;

    /** An exciter with every parameter at its default. */
    public Exciter() {
        super(DESCRIPTOR);
    }

    /** Sets the band's lowest frequency, Hz (read at prepare). */
    public Exciter setFrequencyHz(double hz) {
        freq.set(hz);
        return this;
    }

    /** Sets how hard the band is driven, 0 to 1. */
    public Exciter setAmount(double value) {
        amount.set(value);
        return this;
    }

    /** Sets the harmonics' level, 0 to 1. */
    public Exciter setMix(double value) {
        mix.set(value);
        return this;
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        double f = Math.min(freq.get(), 0.45 * spec.sampleRate());
        band = Biquad.of(FilterType.HIGH_PASS, f, Math.sqrt(0.5), 0);
        clean = Biquad.of(FilterType.HIGH_PASS, f, Math.sqrt(0.5), 0);
        band.prepare(spec);
        clean.prepare(spec);
        oversampler = new Oversampler(FACTOR);
        oversampler.prepare(spec);
        latency = oversampler.latencyFrames();
        work = AudioBuffer.allocate(spec.channels(), spec.maxBlockFrames());
        up = AudioBuffer.allocate(spec.channels(), spec.maxBlockFrames() * FACTOR);
        dry = new float[spec.channels()][latency];
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        band.reset();
        clean.reset();
        oversampler.reset();
        for (float[] d : dry) {
            Arrays.fill(d, 0f);
        }
        dryAt = 0;
    }

    @Override
    public int latencyFrames() {
        return latency;
    }

    /** The oversampler's delay and the high-passes' ring (at 1 kHz and above, gone within 256 frames at 48 kHz). */
    @Override
    public int tailFrames() {
        return latency + (int) Math.ceil(256 * (spec() == null ? 1 : spec().sampleRate() / 48_000));
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] am = amount.render(n);
        double[] mx = mix.render(n);
        AudioBuffer h = work.view(0, n);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(block.channel(c), off, h.channel(c), h.offset(), n);
        }
        band.process(h);
        AudioBuffer u = up.view(0, n * FACTOR);
        oversampler.upsample(h, u);
        for (int c = 0; c < channels; c++) {
            float[] x = u.channel(c);
            int uo = u.offset();
            for (int j = 0; j < n * FACTOR; j++) {
                double d = 1 + 15 * am[j / FACTOR];
                double v = x[uo + j];
                x[uo + j] = (float) (Math.tanh(d * v) / d - v);
            }
        }
        oversampler.downsample(u, h);
        clean.process(h);
        for (int c = 0; c < channels; c++) {
            float[] y = block.channel(c);
            float[] e = h.channel(c);
            float[] ring = dry[c];
            int at = dryAt;
            for (int i = 0; i < n; i++) {
                float x = y[off + i];
                float delayed = ring[at];
                ring[at] = x;
                at = at + 1 == latency ? 0 : at + 1;
                double m = mx[i];
                y[off + i] = m == 0 ? delayed : (float) ((1 - m) * delayed + m * e[h.offset() + i]);
            }
            if (c == channels - 1) {
                dryAt = at;
            }
        }
    }
}
