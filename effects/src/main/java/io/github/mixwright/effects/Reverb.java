package io.github.mixwright.effects;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Denormals;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import io.github.mixwright.core.Smoothing;
import java.util.Arrays;
import java.util.List;

/**
 * An algorithmic reverb: a feedback delay network of {@value #LINES} lines (Jot and Chaigne, 1991) mixed by
 * a Householder matrix {@code A = I - (2/N) 1 1^T}, which is orthogonal, so the network loses energy only in
 * the lines' own gains.
 *
 * <p><b>Decay.</b> Line {@code i} of {@code m_i} frames has the gain {@code g_i = 10^(-3 m_i / (fs RT60))}:
 * every path through the network loses 60 dB per {@code RT60} seconds, whatever its lines. Each gain sits in
 * a first-order absorption filter {@code g_i (1 - b_i) / (1 - b_i z^-1)} whose gain at Nyquist is that of a
 * decay {@code 1 - damping} times as long (at least 0.1 times), after Jot's design: the RT60 ratio at high
 * frequencies. Below a few kilohertz the decay stays close to {@code rt60}.
 *
 * <p><b>Density.</b> The line lengths are {@code size} times mutually prime lengths from 29 to 79 ms; the
 * input passes four allpass diffusers (gain {@code diffusion} times 0.7) before the network, and each line's
 * length wanders by up to 0.5 ms at rates under 1 Hz (read between samples) against metallic ringing.
 *
 * <p><b>Output.</b> Two decorrelated sums of the lines (alternating signs) form left and right, spread by
 * {@code width} (0 mono, 1 as they come, 2 wider); a mono block gets their mean, more than two channels
 * get left and right alternately. {@code y = (1 - mix) x + mix wet}, the wet delayed by {@code predelay}.
 * Denormals are flushed in the feedback paths.
 *
 * <p>Parameters: {@code rt60} s [0.1, 20] default 2; {@code predelay} ms [0, 200] default 10; {@code size}
 * [0.2, 1] default 0.7 (fixed at prepare); {@code damping} [0, 0.9] default 0.5; {@code diffusion} [0, 1]
 * default 0.7; {@code width} [0, 2] default 1; {@code mix} [0, 1] default 0.3. Not thread-safe.
 */
public final class Reverb extends ParameterizedProcessor<Reverb> {
    static final int LINES = 8;
    /** Line lengths at size 1, ms: mutually prime in samples at 48 kHz, 29 to 79 ms. */
    private static final double[] LENGTHS_MS = {29.7, 37.1, 41.1, 43.7, 53.9, 59.3, 67.1, 79.3};
    private static final double[] DIFFUSER_MS = {4.77, 3.59, 12.73, 9.31};
    private static final double MOD_MS = 0.5;
    /** Most frames the network runs as one stretch (see {@link #processStretches}). */
    private static final int MAX_STRETCH = 256;

    /** The descriptor: {@code reverb rt60=2 predelay=10 size=0.7 damping=0.5 diffusion=0.7 width=1 mix=0.3}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("reverb",
            "Algorithmic reverb: an 8-line feedback delay network with damping, diffusion and slow modulation",
            List.of(ParameterSpec.number("rt60", "s", 0.1, 20, 2, "decay time to -60 dB")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("predelay", "ms", 0, 200, 10, "delay before the reverb starts")
                            .withSmoothing(Smoothing.NONE, 0).fixedAtPrepare(),
                    ParameterSpec.number("size", "", 0.2, 1, 0.7, "room size: the lines' lengths").fixedAtPrepare(),
                    ParameterSpec.number("damping", "", 0, 0.9, 0.5, "high frequencies decay this much faster"),
                    ParameterSpec.number("diffusion", "", 0, 1, 0.7, "density of the early reflections"),
                    ParameterSpec.number("width", "", 0, 2, 1, "stereo width of the reverb"),
                    ParameterSpec.number("mix", "", 0, 1, 0.3, "reverb share: 0 dry, 1 reverb alone")),
            0, Reverb::new);

    private final Parameter rt60 = parameter("rt60");
    private final Parameter predelay = parameter("predelay");
    private final Parameter size = parameter("size");
    private final Parameter damping = parameter("damping");
    private final Parameter diffusion = parameter("diffusion");
    private final Parameter width = parameter("width");
    private final Parameter mix = parameter("mix");

    private double fs;
    private final DelayLine[] lines = new DelayLine[LINES];
    private final double[] lengths = new double[LINES];
    private final double[] filterState = new double[LINES];
    private final double[] outputs = new double[LINES];
    /** Each line's modulation as a unit phasor, turned by {@link #lfoCos}, {@link #lfoSin} every frame. */
    private final double[] lfoRe = new double[LINES];
    private final double[] lfoIm = new double[LINES];
    private final double[] lfoCos = new double[LINES];
    private final double[] lfoSin = new double[LINES];
    private final DelayLine[] diffusers = new DelayLine[DIFFUSER_MS.length];
    private final int[] diffuserFrames = new int[DIFFUSER_MS.length];
    private DelayLine pre;
    private int preFrames;
    private final double[] forward = new double[LINES];
    private final double[] pole = new double[LINES];
    private double lastRt = Double.NaN;
    private double lastDamping = Double.NaN;
    /** Frames per stretch: no read within one lands on a frame written in it. */
    private int stretch = 1;
    private final double[] mono = new double[MAX_STRETCH];
    private final double[] diffused = new double[MAX_STRETCH];
    private final double[] delayed = new double[MAX_STRETCH];
    private final double[] sums = new double[MAX_STRETCH];
    private final double[] feedbacks = new double[MAX_STRETCH];
    private final double[] wetMid = new double[MAX_STRETCH];
    private final double[] wetLeft = new double[MAX_STRETCH];
    private final double[] wetRight = new double[MAX_STRETCH];
    private final double[][] lineOut = new double[LINES][MAX_STRETCH];

    /** A reverb with every parameter at its default. */
    public Reverb() {
        super(DESCRIPTOR);
    }

    /** Sets the decay time, s. */
    public Reverb setRt60Seconds(double seconds) {
        rt60.set(seconds);
        return this;
    }

    /** Sets the pre-delay, ms (read at prepare). */
    public Reverb setPredelayMs(double ms) {
        predelay.set(ms);
        return this;
    }

    /** Sets the size, 0.2 to 1 (read at prepare). */
    public Reverb setSize(double value) {
        size.set(value);
        return this;
    }

    /** Sets the damping, 0 to 0.9. */
    public Reverb setDamping(double value) {
        damping.set(value);
        return this;
    }

    /** Sets the diffusion, 0 to 1. */
    public Reverb setDiffusion(double value) {
        diffusion.set(value);
        return this;
    }

    /** Sets the width, 0 to 2. */
    public Reverb setWidth(double value) {
        width.set(value);
        return this;
    }

    /** Sets the reverb's share, 0 to 1. */
    public Reverb setMix(double value) {
        mix.set(value);
        return this;
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        fs = spec.sampleRate();
        double s = size.get();
        for (int i = 0; i < LINES; i++) {
            lengths[i] = Math.max(8, Math.round(LENGTHS_MS[i] * s * fs / 1000));
            lines[i] = new DelayLine((int) (lengths[i] + MOD_MS * fs / 1000) + 8);
            double w = 2 * Math.PI * (0.13 + 0.11 * i) / fs;
            lfoCos[i] = Math.cos(w);
            lfoSin[i] = Math.sin(w);
        }
        for (int k = 0; k < DIFFUSER_MS.length; k++) {
            diffuserFrames[k] = (int) Math.max(2, Math.round(DIFFUSER_MS[k] * fs / 1000));
            diffusers[k] = new DelayLine(diffuserFrames[k] + 4);
        }
        preFrames = (int) Math.round(predelay.get() * fs / 1000);
        pre = new DelayLine(preFrames + MAX_STRETCH + 4);
        // a stretch is shorter than every read's distance back: the lines' (less the modulation and the
        // interpolator's reach of 2 frames) and the diffusers'
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < LINES; i++) {
            shortest = Math.min(shortest, (int) Math.floor(lengths[i] - MOD_MS * fs / 1000) - 3);
        }
        for (int frames : diffuserFrames) {
            shortest = Math.min(shortest, frames);
        }
        stretch = Math.max(1, Math.min(MAX_STRETCH, shortest));
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (int i = 0; i < LINES; i++) {
            lines[i].clear();
            lfoRe[i] = Math.cos(2 * Math.PI * i / LINES);
            lfoIm[i] = Math.sin(2 * Math.PI * i / LINES);
        }
        for (DelayLine d : diffusers) {
            d.clear();
        }
        pre.clear();
        Arrays.fill(filterState, 0);
        lastRt = Double.NaN;
    }

    /**
     * The network falls 120 dB in {@code 2 rt60}; the longest line, the pre-delay and the diffusers come on
     * top, with a tenth more for the modulation and the absorption filters' low-frequency gain.
     */
    @Override
    public int tailFrames() {
        if (fs == 0 || mix.current() == 0) {
            return 0;
        }
        double longest = Arrays.stream(lengths).max().orElse(0) + MOD_MS * fs / 1000;
        double diff = Arrays.stream(diffuserFrames).sum() * 20.0;
        return (int) Math.ceil(2.2 * rt60.current() * fs + longest + preFrames + diff + 64);
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        boolean steadyDecay = rt60.isSteady() && damping.isSteady();
        double[] rt = rt60.render(n);
        double[] dm = damping.render(n);
        double[] df = diffusion.render(n);
        double[] wd = width.render(n);
        double[] mx = mix.render(n);
        double modFrames = MOD_MS * fs / 1000;
        if (steadyDecay) {
            processStretches(block, rt[0], dm[0], df, wd, mx, modFrames);
            return;
        }
        for (int i = 0; i < n; i++) {
            double in = 0;
            for (int c = 0; c < channels; c++) {
                in += block.channel(c)[off + i];
            }
            in /= channels;
            // pre-delay, then four allpass diffusers
            double x = preFrames == 0 ? in : pre.readWhole(preFrames);
            pre.write(in);
            double gd = 0.7 * df[i];
            for (int k = 0; k < diffusers.length; k++) {
                double delayed = diffusers[k].readWhole(diffuserFrames[k]);
                double v = x + gd * delayed;
                diffusers[k].write(flush(v));
                x = delayed - gd * v;
            }
            // the lines' outputs, through their absorption filters
            if (rt[i] != lastRt || dm[i] != lastDamping) {
                design(rt[i], dm[i]);
            }
            double sum = 0;
            for (int l = 0; l < LINES; l++) {
                double m = lengths[l] + modFrames * lfoIm[l];
                double y = lines[l].readAhead(m, 0);
                double f = filterState[l] = flush(forward[l] * y + pole[l] * filterState[l]);
                outputs[l] = f;
                sum += f;
                // turn the phasor: a sine without a call to sin (its length drifts by about 1e-16 a frame)
                double re = lfoRe[l];
                double im = lfoIm[l];
                lfoRe[l] = re * lfoCos[l] - im * lfoSin[l];
                lfoIm[l] = im * lfoCos[l] + re * lfoSin[l];
            }
            // Householder feedback: each line gets its input minus 2/N of the sum, plus the diffused input
            double feedback = 2.0 / LINES * sum;
            for (int l = 0; l < LINES; l++) {
                lines[l].write(flush(outputs[l] - feedback + x));
            }
            double left = 0;
            double right = 0;
            for (int l = 0; l < LINES; l++) {
                double v = outputs[l];
                left += (l % 2 == 0 ? v : -v);
                right += ((l / 2) % 2 == 0 ? v : -v);
            }
            left *= 0.35;
            right *= 0.35;
            double mid = 0.5 * (left + right);
            double side = 0.5 * (left - right) * wd[i];
            double wl = mid + side;
            double wr = mid - side;
            double m = mx[i];
            for (int c = 0; c < channels; c++) {
                float xin = block.channel(c)[off + i];
                double wet = channels == 1 ? mid : c % 2 == 0 ? wl : wr;
                block.channel(c)[off + i] = m == 0 ? xin : (float) ((1 - m) * xin + m * wet);
            }
        }
    }

    /**
     * The same network as the frame loop of {@link #processSignal}, with the same arithmetic in the same
     * order (so the same output), run a stretch of frames at a time while the decay is steady: each
     * stage (input, pre-delay, each diffuser, each line, the feedback, the outputs) goes over the
     * stretch in one loop. No read within a stretch lands on a frame written in it, since the stretch is
     * shorter than every delay, so reading a stretch before writing it changes nothing, and the loops
     * over frames are simple enough to keep the network's state in registers and its arrays in cache.
     */
    private void processStretches(AudioBuffer block, double rt, double dm, double[] df, double[] wd, double[] mx,
            double modFrames) {
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        if (rt != lastRt || dm != lastDamping) {
            design(rt, dm);
        }
        double[] in = mono;
        double[] x = diffused;
        double[] dl = delayed;
        for (int start = 0; start < n; start += stretch) {
            int len = Math.min(stretch, n - start);
            int at = off + start;
            for (int t = 0; t < len; t++) {
                in[t] = 0;
            }
            for (int c = 0; c < channels; c++) {
                float[] src = block.channel(c);
                for (int t = 0; t < len; t++) {
                    in[t] += src[at + t];
                }
            }
            for (int t = 0; t < len; t++) {
                in[t] /= channels;
            }
            if (preFrames == 0) {
                System.arraycopy(in, 0, x, 0, len);
                for (int t = 0; t < len; t++) {
                    pre.write(in[t]);
                }
            } else {
                for (int t = 0; t < len; t++) {
                    pre.write(in[t]);
                }
                for (int t = 0; t < len; t++) {
                    x[t] = pre.readWhole(len - t + preFrames);
                }
            }
            for (int k = 0; k < diffusers.length; k++) {
                DelayLine d = diffusers[k];
                int frames = diffuserFrames[k];
                for (int t = 0; t < len; t++) {
                    dl[t] = d.readWholeAhead(frames, t);
                }
                double[] vs = feedbacks;
                for (int t = 0; t < len; t++) {
                    double gd = 0.7 * df[start + t];
                    double v = x[t] + gd * dl[t];
                    vs[t] = flush(v);
                    x[t] = dl[t] - gd * v;
                }
                for (int t = 0; t < len; t++) {
                    d.write(vs[t]);
                }
            }
            double[] sum = sums;
            for (int t = 0; t < len; t++) {
                sum[t] = 0;
            }
            for (int l = 0; l < LINES; l++) {
                DelayLine line = lines[l];
                double[] out = lineOut[l];
                double length = lengths[l];
                double fw = forward[l];
                double pl = pole[l];
                double state = filterState[l];
                double re = lfoRe[l];
                double im = lfoIm[l];
                double cs = lfoCos[l];
                double sn = lfoSin[l];
                for (int t = 0; t < len; t++) {
                    double y = line.readAhead(length + modFrames * im, t);
                    state = flush(fw * y + pl * state);
                    out[t] = state;
                    sum[t] += state;
                    double r = re * cs - im * sn;
                    im = im * cs + re * sn;
                    re = r;
                }
                filterState[l] = state;
                lfoRe[l] = re;
                lfoIm[l] = im;
            }
            double[] fb = feedbacks;
            for (int l = 0; l < LINES; l++) {
                DelayLine line = lines[l];
                double[] out = lineOut[l];
                for (int t = 0; t < len; t++) {
                    fb[t] = flush(out[t] - 2.0 / LINES * sum[t] + x[t]);
                }
                for (int t = 0; t < len; t++) {
                    line.write(fb[t]);
                }
            }
            for (int t = 0; t < len; t++) {
                double left = 0;
                double right = 0;
                for (int l = 0; l < LINES; l++) {
                    double v = lineOut[l][t];
                    left += (l % 2 == 0 ? v : -v);
                    right += ((l / 2) % 2 == 0 ? v : -v);
                }
                left *= 0.35;
                right *= 0.35;
                double mid = 0.5 * (left + right);
                double side = 0.5 * (left - right) * wd[start + t];
                wetMid[t] = mid;
                wetLeft[t] = mid + side;
                wetRight[t] = mid - side;
            }
            // dry and wet, each channel computed in double, then stored as floats in a loop of its own
            for (int c = 0; c < channels; c++) {
                float[] y = block.channel(c);
                double[] wet = channels == 1 ? wetMid : c % 2 == 0 ? wetLeft : wetRight;
                double[] mixed = feedbacks;
                for (int t = 0; t < len; t++) {
                    double m = mx[start + t];
                    float xin = y[at + t];
                    mixed[t] = m == 0 ? xin : (1 - m) * xin + m * wet[t];
                }
                for (int t = 0; t < len; t++) {
                    y[at + t] = (float) mixed[t];
                }
            }
        }
    }

    /**
     * The absorption filters for {@code rt} and {@code damp}: line {@code l} gets the DC gain
     * {@code g = 10^(-3 m / (fs rt))} and the Nyquist gain {@code g^(1 / ratio)}, {@code ratio = 1 - damp}
     * (at least 0.1); with {@code (1 - b) / (1 + b)} their quotient, {@code H = g (1 - b) / (1 - b z^-1)}.
     */
    private void design(double rt, double damp) {
        double ratio = Math.max(0.1, 1 - damp);
        for (int l = 0; l < LINES; l++) {
            double g = Math.pow(10, -3 * lengths[l] / (fs * rt));
            double q = Math.pow(g, 1 / ratio) / g;
            double b = (1 - q) / (1 + q);
            forward[l] = g * (1 - b);
            pole[l] = b;
        }
        lastRt = rt;
        lastDamping = damp;
    }

    private static double flush(double v) {
        return Math.abs(v) < Denormals.FLUSH ? 0 : v;
    }
}
