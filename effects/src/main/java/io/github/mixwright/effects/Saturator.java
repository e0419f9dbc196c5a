package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.filters.Oversampler;
import java.util.Arrays;
import java.util.List;

/**
 * A waveshaping saturator, run at 1, 2, 4, 8 or 16 times the rate through the filters module's
 * {@link Oversampler} so that the harmonics it makes above the base band are removed before they can fold
 * back as aliases.
 *
 * <p>Per sample at the oversampled rate, with {@code g} the drive as a gain and {@code b} the bias:
 * {@code w = f(g x + b) - f(b)}, so silence stays silence whatever the bias; then
 * {@code y = trim (mix w + (1 - mix) x)}, the dry signal delayed by the oversampler's latency so that both
 * line up. The shapes {@code f}:
 * <ul>
 *   <li>{@code tanh}: {@code tanh(u)}, symmetric: odd harmonics;</li>
 *   <li>{@code soft}: a quintic soft clip {@code (15 u - 10 u^3 + 3 u^5) / 8} for |u| at most 1, then plus or
 *       minus 1: its first and second derivatives are continuous at the knee, so its harmonics fall faster
 *       than a cubic clip's (which aliased at -79 dB at 8x and 12 dB);</li>
 *   <li>{@code tube}: {@code tanh(u)} above zero, {@code tanh(1.5 u) / 1.5} below: asymmetric, so even
 *       harmonics too, with the same slope at zero;</li>
 *   <li>{@code tape}: {@code tanh} of the input pushed ahead of a short memory of itself,
 *       {@code tanh(u + 0.25 (u - m))}, {@code m} following {@code u} with a 0.1 ms time constant: a gentle
 *       hysteresis, rounder on fast transients.</li>
 * </ul>
 * How much aliasing is left depends on the drive and the factor: see {@code docs/effects.md}, which states
 * what each factor keeps 90 dB clean (measured by {@code SaturatorTest}).
 *
 * <p>Parameters: {@code type} tanh/soft/tube/tape, default tanh; {@code drive} dB [0, 36] default 6;
 * {@code bias} [-1, 1] default 0; {@code trim} dB [-24, 24] default 0; {@code mix} [0, 1] default 1 (the
 * three smoothed over 20 ms, held across each base frame's oversampled samples); {@code oversample} 1, 2, 4,
 * 8 or 16, default 4, fixed at prepare. Latency: the oversampler's round trip. Not thread-safe.
 */
public final class Saturator extends ParameterizedProcessor<Saturator> {
    static final List<String> TYPES = List.of("tanh", "soft", "tube", "tape");
    static final List<String> FACTORS = List.of("1", "2", "4", "8", "16");
    private static final double TAPE_PUSH = 0.25;
    private static final double TAPE_MEMORY_MS = 0.1;

    /** The descriptor: {@code saturator type=tanh drive=6 bias=0 trim=0 mix=1 oversample=4}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("saturator",
            "Waveshaping saturation (tanh, soft clip, tube, tape), oversampled against aliasing",
            List.of(ParameterSpec.choice("type", TYPES, 0, "the shape: tanh, soft clip, asymmetric tube, tape"),
                    ParameterSpec.number("drive", "dB", 0, 36, 6, "gain into the shaper"),
                    ParameterSpec.number("bias", "", -1, 1, 0, "offset into the shaper: asymmetry, even harmonics"),
                    ParameterSpec.number("trim", "dB", -24, 24, 0, "output gain"),
                    ParameterSpec.number("mix", "", 0, 1, 1, "wet share: 0 dry, 1 saturated alone"),
                    ParameterSpec.choice("oversample", FACTORS, 2, "oversampling factor against aliasing")
                            .fixedAtPrepare()),
            0, Saturator::new);

    private final Parameter type = parameter("type");
    private final Parameter drive = parameter("drive");
    private final Parameter bias = parameter("bias");
    private final Parameter trim = parameter("trim");
    private final Parameter mix = parameter("mix");
    private final Parameter oversample = parameter("oversample");

    private int factor = 1;
    private Oversampler oversampler;
    private AudioBuffer up;
    private int latency;
    private float[][] dry = new float[0][];
    private int dryAt;
    private double[] memory = new double[0];
    private double memoryCoefficient;
    /** The block's input, kept while the wet path overwrites it. */
    private float[][] input = new float[0][];

    /** A saturator with every parameter at its default. */
    public Saturator() {
        super(DESCRIPTOR);
    }

    /** Sets the shape: "tanh", "soft", "tube" or "tape". */
    public Saturator setType(String name) {
        return set("type", name);
    }

    /** Sets the drive, dB. */
    public Saturator setDriveDb(double db) {
        drive.set(db);
        return this;
    }

    /** Sets the bias, -1 to 1. */
    public Saturator setBias(double value) {
        bias.set(value);
        return this;
    }

    /** Sets the output trim, dB. */
    public Saturator setTrimDb(double db) {
        trim.set(db);
        return this;
    }

    /** Sets the wet share, 0 to 1. */
    public Saturator setMix(double value) {
        mix.set(value);
        return this;
    }

    /** Sets the oversampling factor: 1, 2, 4, 8 or 16 (read at prepare). */
    public Saturator setOversample(int times) {
        return set("oversample", Integer.toString(times));
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        factor = Integer.parseInt(FACTORS.get((int) Math.round(oversample.get())));
        int ch = spec.channels();
        if (factor > 1) {
            oversampler = new Oversampler(factor);
            oversampler.prepare(spec);
            up = AudioBuffer.allocate(ch, spec.maxBlockFrames() * factor);
            latency = oversampler.latencyFrames();
        } else {
            oversampler = null;
            up = null;
            latency = 0;
        }
        dry = new float[ch][Math.max(1, latency)];
        input = new float[ch][spec.maxBlockFrames()];
        memory = new double[ch];
        memoryCoefficient = 1 - Math.exp(-1000 / (TAPE_MEMORY_MS * spec.sampleRate() * factor));
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        if (oversampler != null) {
            oversampler.reset();
        }
        for (float[] d : dry) {
            Arrays.fill(d, 0f);
        }
        dryAt = 0;
        Arrays.fill(memory, 0);
    }

    @Override
    public int latencyFrames() {
        return latency;
    }

    /** The oversampler's delay, and the tape memory's settling (14 time constants, well under 128 frames). */
    @Override
    public int tailFrames() {
        return latency + 128;
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] ty = type.render(n);
        double[] dr = drive.render(n);
        double[] bi = bias.render(n);
        double[] tr = trim.render(n);
        double[] mx = mix.render(n);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(block.channel(c), off, input[c], 0, n);
        }
        AudioBuffer wet = block;
        if (oversampler != null) {
            wet = up.view(0, n * factor);
            oversampler.upsample(block, wet);
        }
        for (int c = 0; c < channels; c++) {
            float[] x = wet.channel(c);
            int wo = wet.offset();
            double m = memory[c];
            for (int j = 0; j < n * factor; j++) {
                int i = j / factor;
                double b = bi[i];
                int shape = (int) Math.round(ty[i]);
                double u = Math.pow(10, dr[i] / 20) * x[wo + j] + b;
                double y;
                if (shape == 3) {
                    m += (u - m) * memoryCoefficient;
                    y = Math.tanh(u + TAPE_PUSH * (u - m)) - Math.tanh(b);
                } else {
                    y = shape(shape, u) - shape(shape, b);
                }
                x[wo + j] = (float) y;
            }
            memory[c] = m;
        }
        if (oversampler != null) {
            oversampler.downsample(wet, block);
        }
        for (int c = 0; c < channels; c++) {
            float[] y = block.channel(c);
            float[] in = input[c];
            float[] d = dry[c];
            int at = dryAt;
            for (int i = 0; i < n; i++) {
                float x = in[i];
                float delayed = x;
                if (latency > 0) {
                    delayed = d[at];
                    d[at] = x;
                    at = at + 1 == latency ? 0 : at + 1;
                }
                double w = mx[i];
                y[off + i] = (float) (Math.pow(10, tr[i] / 20) * (w * y[off + i] + (1 - w) * delayed));
            }
            if (c == channels - 1) {
                dryAt = at;
            }
        }
    }

    private static double shape(int shape, double u) {
        switch (shape) {
            case 1: {
                if (u >= 1 || u <= -1) {
                    return u > 0 ? 1 : -1;
                }
                double u2 = u * u;
                return u * (15 - u2 * (10 - 3 * u2)) / 8;
            }
            case 2:
                return u >= 0 ? Math.tanh(u) : Math.tanh(1.5 * u) / 1.5;
            default:
                return Math.tanh(u);
        }
    }
}
