package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.ChannelTasks;
import io.github.mixwright.core.ParallelProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.filters.Oversampler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

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
 *   <li>{@code soft}: the algebraic soft clip {@code u / sqrt(1 + u^2)}, a softer knee than tanh's;
 *       analytic, so its harmonics fall off fast (a polynomial knee reaching 1 at a finite input
 *       aliased at -83 dB at 16x and 24 dB);</li>
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
public final class Saturator extends ParameterizedProcessor<Saturator> implements ParallelProcessor {
    static final List<String> TYPES = List.of("tanh", "soft", "tube", "tape");
    static final List<String> FACTORS = List.of("1", "2", "4", "8", "16");
    private static final double TAPE_PUSH = 0.25;
    /** Most base-rate frames oversampled at a time. */
    private static final int SUB = 1024;
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
    private Oversampler[] oversamplers = new Oversampler[0];
    private AudioBuffer[] ups = new AudioBuffer[0];
    /** {@link #input}'s arrays as one-channel buffers. */
    private AudioBuffer[] inputs = new AudioBuffer[0];
    private ChannelTasks tasks;
    private Executor executor;
    /** Per channel: the shaped samples in double, before they are stored as floats. */
    private double[][] scratch = new double[0][];
    /** What {@link #channel} works on: the block and its parameter values. */
    private AudioBuffer current;
    private boolean steady;
    private double[] ty;
    private double[] dr;
    private double[] bi;
    private double[] tr;
    private double[] mx;
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
        ProcessSpec mono = new ProcessSpec(spec.sampleRate(), Math.min(SUB, spec.maxBlockFrames()), 1);
        oversamplers = new Oversampler[ch];
        ups = new AudioBuffer[ch];
        inputs = new AudioBuffer[ch];
        latency = 0;
        for (int c = 0; c < ch; c++) {
            if (factor > 1) {
                // one per channel, so that lent threads can run the channels side by side
                oversamplers[c] = new Oversampler(factor);
                oversamplers[c].prepare(mono);
                ups[c] = AudioBuffer.allocate(1, Math.min(SUB, spec.maxBlockFrames()) * factor);
                latency = oversamplers[c].latencyFrames();
            }
        }
        dry = new float[ch][Math.max(1, latency)];
        input = new float[ch][spec.maxBlockFrames()];
        for (int c = 0; c < ch; c++) {
            inputs[c] = AudioBuffer.wrap(new float[][] {input[c]});
        }
        tasks = new ChannelTasks(ch, this::channel);
        scratch = new double[ch][factor > 1 ? Math.min(SUB, spec.maxBlockFrames()) * factor : spec.maxBlockFrames()];
        memory = new double[ch];
        memoryCoefficient = 1 - Math.exp(-1000 / (TAPE_MEMORY_MS * spec.sampleRate() * factor));
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (Oversampler o : oversamplers) {
            if (o != null) {
                o.reset();
            }
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
        steady = type.isSteady() && drive.isSteady() && bias.isSteady();
        ty = type.render(n);
        dr = drive.render(n);
        bi = bias.render(n);
        tr = trim.render(n);
        mx = mix.render(n);
        current = block;
        tasks.run(executor);
        current = null;
        if (latency > 0) {
            dryAt = (int) ((dryAt + (long) n) % latency);
        }
    }

    /** Lends threads: the channels are saturated in parallel, with bit-identical results. */
    @Override
    public void setExecutor(Executor threads) {
        this.executor = threads;
    }

    /** One channel of the current block: up, shape, down, then dry and wet. */
    private void channel(int c) {
        AudioBuffer block = current;
        int n = block.frames();
        int off = block.offset();
        float[] y = block.channel(c);
        float[] in = input[c];
        System.arraycopy(y, off, in, 0, n);
        if (oversamplers[c] == null) {
            memory[c] = shapeChannel(c, y, off, 0, n, memory[c]);
        } else {
            // at most SUB frames at a time: the oversampled stretch and the filters' state stay in cache
            AudioBuffer target = block.channelView(c, 1);
            for (int s = 0; s < n; s += SUB) {
                int len = Math.min(SUB, n - s);
                AudioBuffer wet = ups[c].view(0, len * factor);
                oversamplers[c].upsample(inputs[c].view(s, len), wet);
                memory[c] = shapeChannel(c, wet.channel(0), wet.offset(), s, len, memory[c]);
                oversamplers[c].downsample(wet, target.view(s, len));
            }
        }
        float[] d = dry[c];
        int at = dryAt;
        double lastTrim = Double.NaN;
        double t = 1;
        for (int i = 0; i < n; i++) {
            if (tr[i] != lastTrim) {
                lastTrim = tr[i];
                t = Math.pow(10, lastTrim / 20);
            }
            float v = in[i];
            float delayed = v;
            if (latency > 0) {
                delayed = d[at];
                d[at] = v;
                at = at + 1 == latency ? 0 : at + 1;
            }
            double w = mx[i];
            y[off + i] = (float) (t * (w * y[off + i] + (1 - w) * delayed));
        }
    }

    /** Shapes {@code n * factor} samples of {@code x} from {@code wo} in place; returns the tape memory. */
    private double shapeChannel(int channel, float[] x, int wo, int base, int n, double memoryState) {
        double m = memoryState;
        int shape = (int) Math.round(ty[base]);
        if (steady && shape != 3) {
            // the usual case, nothing moving: one loop over the whole oversampled block, which the JIT
            // vectorises for tanh and soft clip (their formulas have no branch and no call)
            double g = Math.pow(10, dr[base] / 20);
            double b = bi[base];
            double rest = shape(shape, b);
            int end = wo + n * factor;
            if (shape == 0) {
                tanhBlock(x, wo, end, g, b, rest, scratch[channel]);
            } else if (shape == 1) {
                softBlock(x, wo, end, g, b, rest, scratch[channel]);
            } else {
                for (int j = wo; j < end; j++) {
                    x[j] = (float) (shape(shape, g * x[j] + b) - rest);
                }
            }
            return m;
        }
        // the gain and the bias's own shape change only when their parameters do: not per sample
        double lastDrive = Double.NaN;
        double lastBias = Double.NaN;
        int lastShape = -1;
        double g = 1;
        double rest = 0;
        for (int i = 0; i < n; i++) {
            double b = bi[base + i];
            shape = (int) Math.round(ty[base + i]);
            if (dr[base + i] != lastDrive) {
                lastDrive = dr[base + i];
                g = Math.pow(10, lastDrive / 20);
            }
            if (b != lastBias || shape != lastShape) {
                lastBias = b;
                lastShape = shape;
                rest = shape == 3 ? tanh(b) : shape(shape, b);
            }
            int from = wo + i * factor;
            int to = from + factor;
            if (shape == 3) {
                for (int j = from; j < to; j++) {
                    double u = g * x[j] + b;
                    m += (u - m) * memoryCoefficient;
                    x[j] = (float) (tanh(u + TAPE_PUSH * (u - m)) - rest);
                }
            } else {
                for (int j = from; j < to; j++) {
                    x[j] = (float) (shape(shape, g * x[j] + b) - rest);
                }
            }
        }
        return m;
    }

    /**
     * {@code x[j] = tanh(g x[j] + b) - rest} over {@code [from, end)}, tanh written out, in two loops: the
     * shape into {@code scratch} in double, then the conversion to float. One loop that stores
     * {@code (float) v} ran 8 times slower on Java 17 (12 against 1.9 ns a sample, measured on the Xeon
     * of docs/benchmarks.md): the scalar conversion's result register carries a false dependency from one
     * iteration to the next, which chains the iterations, while a loop of conversions alone vectorises.
     */
    private static void tanhBlock(float[] x, int from, int end, double g, double b, double rest, double[] scratch) {
        for (int k = 0, j = from; j < end; j++, k++) {
            double u = Math.max(-11, Math.min(11, g * x[j] + b));
            double t = u * u;
            double p = (((((P6 * t + P5) * t + P4) * t + P3) * t + P2) * t + P1) * t + P0;
            double q = (((((Q6 * t + Q5) * t + Q4) * t + Q3) * t + Q2) * t + Q1) * t + 1;
            scratch[k] = u * p / q - rest;
        }
        toFloat(scratch, x, from, end - from);
    }

    /** {@code x[j] = softClip(g x[j] + b) - rest} over {@code [from, end)}; see {@link #tanhBlock}. */
    private static void softBlock(float[] x, int from, int end, double g, double b, double rest, double[] scratch) {
        for (int k = 0, j = from; j < end; j++, k++) {
            double u = g * x[j] + b;
            scratch[k] = u / Math.sqrt(1 + u * u) - rest;
        }
        toFloat(scratch, x, from, end - from);
    }

    /** {@code x[from + k] = (float) v[k]}: a loop of conversions alone, which vectorises. */
    static void toFloat(double[] v, float[] x, int from, int n) {
        for (int k = 0; k < n; k++) {
            x[from + k] = (float) v[k];
        }
    }

    private static double shape(int shape, double u) {
        switch (shape) {
            case 1:
                return softClip(u);
            case 2:
                return u >= 0 ? tanh(u) : tanh(1.5 * u) / 1.5;
            default:
                return tanh(u);
        }
    }

    /**
     * The soft clip, the algebraic sigmoid {@code u / sqrt(1 + u^2)}: its knee is softer than tanh's and
     * it nears 1 more slowly (0.97 at 4, where tanh is 0.9993), so it rounds peaks off gently. It is
     * analytic on the real line, so its harmonics fall off exponentially and 16x keeps it 90 dB clean
     * up to 24 dB of drive; a polynomial knee that reaches 1 at a finite input (the quintic
     * {@code (15u - 10u^3 + 3u^5) / 8}) aliases at -83 dB there, whatever its order.
     */
    static double softClip(double u) {
        return u / Math.sqrt(1 + u * u);
    }

    /**
     * {@code tanh(u)} within 8e-10 everywhere (measured by {@code SaturatorTest}): a [13/12] rational
     * function of {@code u} held to [-11, 11], fitted here for this library by Lawson-weighted least
     * squares on 40,000 points (its own error is at most 1.6e-10 up to 11; beyond, {@code 1 - tanh(11)} adds
     * 5.6e-10). The result goes out as a 32-bit float, whose steps near 1 are 6e-8, so the
     * difference from the exact function is never heard or measured; in exchange the function has no
     * branch and no call, so a block of it vectorises, several times faster than {@code Math.tanh}.
     * It is odd and continuous, and monotonic up to |u| = 6 at least (beyond, tanh is flat to 1e-5).
     */
    static double tanh(double u) {
        double x = Math.max(-11, Math.min(11, u));
        double t = x * x;
        double p = (((((P6 * t + P5) * t + P4) * t + P3) * t + P2) * t + P1) * t + P0;
        double q = (((((Q6 * t + Q5) * t + Q4) * t + Q3) * t + Q2) * t + Q1) * t + 1;
        return x * p / q;
    }

    /** The fitted numerator and denominator of {@link #tanh}, in powers of {@code u^2}. */
    private static final double P0 = 0.9999999991743203;
    private static final double P1 = 0.1344076570920448;
    private static final double P2 = 0.0035037366023506424;
    private static final double P3 = 1.3927009055565853e-05;
    private static final double P4 = -1.483979559603439e-07;
    private static final double P5 = -6.043024645693142e-10;
    private static final double P6 = -1.9792063225407144e-13;
    private static final double Q1 = 0.46774098673932896;
    private static final double Q2 = 0.026084070309436977;
    private static final double Q3 = 0.0003114029323997142;
    private static final double Q4 = -5.460501319802508e-07;
    private static final double Q5 = -1.2573701197909694e-08;
    private static final double Q6 = -1.6431708094451168e-11;
}
