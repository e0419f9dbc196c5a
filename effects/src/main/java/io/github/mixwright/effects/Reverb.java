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
 * length wanders by up to 0.5 ms at rates under 1 Hz (read between samples by Catmull-Rom interpolation)
 * against metallic ringing; the modulating sines are computed every {@value #CONTROL} frames and
 * interpolated linearly in between, within 1e-4 frames of the sines themselves.
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
    static final double[] LENGTHS_MS = {29.7, 37.1, 41.1, 43.7, 53.9, 59.3, 67.1, 79.3};
    static final double[] DIFFUSER_MS = {4.77, 3.59, 12.73, 9.31};
    static final double MOD_MS = 0.5;
    /** Most frames the network runs as one stretch (see {@link #processStretch}). */
    private static final int MAX_STRETCH = 512;
    /** Frames between the modulation's control points (see {@link #modulate}); a power of two. */
    static final int CONTROL = 32;
    /** {@code RAMP[k] = k / CONTROL}: the interpolation's weights. */
    private static final double[] RAMP = new double[CONTROL];
    /** Added and taken away, rounds a double of magnitude under 2^51 to the nearest whole number. */
    private static final double ROUNDER = 0x1.8p52;

    static {
        for (int k = 0; k < CONTROL; k++) {
            RAMP[k] = (double) k / CONTROL;
        }
    }

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
    /** Each line's modulation as a unit phasor, turned by {@link #lfoCos}, {@link #lfoSin} every control point. */
    private final double[] lfoRe = new double[LINES];
    private final double[] lfoIm = new double[LINES];
    private final double[] lfoCos = new double[LINES];
    private final double[] lfoSin = new double[LINES];
    /** The modulators at the last control point and the next one. */
    private final double[] lfoNow = new double[LINES];
    private final double[] lfoNext = new double[LINES];
    /** Frames since the last control point; and that at the start of the stretch being run. */
    private int inControl;
    private int stretchControl;
    private double modFrames;
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
    private final double[][] delays = new double[LINES][MAX_STRETCH];
    /** The four ring samples around each frame's read (see {@link #readLine}), and two coefficients. */
    private final double[] y0 = new double[MAX_STRETCH + 3];
    private final double[] y1 = new double[MAX_STRETCH];
    private final double[] y2 = new double[MAX_STRETCH];
    private final double[] y3 = new double[MAX_STRETCH];
    private final double[] slope = new double[MAX_STRETCH];
    private final double[] cubic = new double[MAX_STRETCH];

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
        modFrames = MOD_MS * fs / 1000;
        double s = size.get();
        for (int i = 0; i < LINES; i++) {
            lengths[i] = Math.max(8, Math.round(LENGTHS_MS[i] * s * fs / 1000));
            lines[i] = new DelayLine((int) (lengths[i] + MOD_MS * fs / 1000) + 8);
            double w = 2 * Math.PI * (0.13 + 0.11 * i) / fs * CONTROL;
            lfoCos[i] = Math.cos(w);
            lfoSin[i] = Math.sin(w);
        }
        for (int k = 0; k < DIFFUSER_MS.length; k++) {
            diffuserFrames[k] = (int) Math.max(2, Math.round(DIFFUSER_MS[k] * fs / 1000));
            diffusers[k] = new DelayLine(diffuserFrames[k] + 4);
        }
        preFrames = (int) Math.round(predelay.get() * fs / 1000);
        pre = new DelayLine(preFrames + MAX_STRETCH + 4);
        // a stretch is shorter than every line's read distance back (less the modulation and the
        // interpolator's reach of 2 frames); the diffusers, shorter, go over it in pieces
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < LINES; i++) {
            shortest = Math.min(shortest, (int) Math.floor(lengths[i] - MOD_MS * fs / 1000) - 3);
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
            lfoNow[i] = lfoIm[i];
            double re = lfoRe[i];
            lfoRe[i] = re * lfoCos[i] - lfoIm[i] * lfoSin[i];
            lfoIm[i] = lfoIm[i] * lfoCos[i] + re * lfoSin[i];
            lfoNext[i] = lfoIm[i];
        }
        inControl = 0;
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
        double[] rt = rt60.render(n);
        double[] dm = damping.render(n);
        double[] df = diffusion.render(n);
        double[] wd = width.render(n);
        double[] mx = mix.render(n);
        int start = 0;
        while (start < n) {
            // the absorption filters follow rt60 and damping at the modulation's control points only, so
            // the filters in force at a frame depend on that frame alone, not on where blocks begin
            if (inControl == 0 && (rt[start] != lastRt || dm[start] != lastDamping)) {
                design(rt[start], dm[start]);
            }
            int end = Math.min(n, start + stretch);
            for (int g = start + CONTROL - inControl; g < end; g += CONTROL) {
                if (rt[g] != lastRt || dm[g] != lastDamping) {
                    end = g;
                    break;
                }
            }
            processStretch(block, start, end - start, df, wd, mx);
            start = end;
        }
    }

    /**
     * Runs the network over the {@code len} frames from {@code start}, one stage at a time: input,
     * pre-delay, each diffuser, the lines' modulated reads, their absorption filters, the feedback, the
     * outputs. No read within a stretch lands on a frame written in it, since the stretch is shorter than
     * every delay, so reading a whole stretch before writing it changes nothing. Each stage is a simple
     * loop over frames whose iterations do not wait on one another (the filters run four lines abreast),
     * so the processor overlaps them; and every frame's arithmetic is the same whatever the stretch, so
     * the output does not depend on the blocks.
     */
    private void processStretch(AudioBuffer block, int start, int len, double[] df, double[] wd, double[] mx) {
        int channels = block.channels();
        int at = block.offset() + start;
        double[] in = mono;
        double[] x = diffused;
        double[] dl = delayed;
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
        pre.writeFrom(in, 0, len);
        pre.readBack(len + preFrames, x, 0, len);
        for (int k = 0; k < diffusers.length; k++) {
            // in pieces no longer than the diffuser, so that no piece reads what it writes
            DelayLine d = diffusers[k];
            int frames = diffuserFrames[k];
            double[] vs = feedbacks;
            for (int from = 0; from < len; from += frames) {
                int to = Math.min(len, from + frames);
                d.readBack(frames, dl, from, to - from);
                for (int t = from; t < to; t++) {
                    double gd = 0.7 * df[start + t];
                    double v = x[t] + gd * dl[t];
                    vs[t] = flush(v);
                    x[t] = dl[t] - gd * v;
                }
                d.writeFrom(vs, from, to - from);
            }
        }
        stretchControl = inControl;
        modulate(len);
        for (int l = 0; l < LINES; l++) {
            readLine(l, len);
        }
        filterFour(0, len, true);
        filterFour(4, len, false);
        double[] sum = sums;
        double[] common = delayed;
        for (int t = 0; t < len; t++) {
            common[t] = x[t] - 2.0 / LINES * sum[t];
        }
        // Householder feedback: each line gets its output minus 2/N of the sum, plus the diffused input
        double[] fb = feedbacks;
        for (int l = 0; l < LINES; l++) {
            double[] out = lineOut[l];
            for (int t = 0; t < len; t++) {
                fb[t] = flush(out[t] + common[t]);
            }
            lines[l].writeFrom(fb, 0, len);
        }
        double[] o0 = lineOut[0];
        double[] o1 = lineOut[1];
        double[] o2 = lineOut[2];
        double[] o3 = lineOut[3];
        double[] o4 = lineOut[4];
        double[] o5 = lineOut[5];
        double[] o6 = lineOut[6];
        double[] o7 = lineOut[7];
        for (int t = 0; t < len; t++) {
            // two decorrelated sums: alternate signs line by line for the left, pair by pair for the right
            double left = 0.35 * (((o0[t] - o1[t]) + (o2[t] - o3[t])) + ((o4[t] - o5[t]) + (o6[t] - o7[t])));
            double right = 0.35 * (((o0[t] + o1[t]) - (o2[t] + o3[t])) + ((o4[t] + o5[t]) - (o6[t] + o7[t])));
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

    /**
     * Each line's delay over the next {@code len} frames: its length plus {@value #MOD_MS} ms times its
     * modulator, a sine computed at control points {@value #CONTROL} frames apart (by turning a unit
     * phasor) and interpolated linearly between them. At under 1 Hz the interpolation is within 1e-4
     * frames of the sine itself, and costs a multiply-add a frame instead of a sine.
     */
    private void modulate(int len) {
        int t = 0;
        while (t < len) {
            int seg = Math.min(len - t, CONTROL - inControl);
            for (int l = 0; l < LINES; l++) {
                double now = lfoNow[l];
                double slope = lfoNext[l] - now;
                double base = lengths[l];
                double[] d = delays[l];
                for (int k = 0; k < seg; k++) {
                    d[t + k] = base + modFrames * (now + slope * RAMP[inControl + k]);
                }
            }
            t += seg;
            inControl += seg;
            if (inControl == CONTROL) {
                inControl = 0;
                for (int l = 0; l < LINES; l++) {
                    lfoNow[l] = lfoNext[l];
                    double re = lfoRe[l];
                    double im = lfoIm[l];
                    lfoRe[l] = re * lfoCos[l] - im * lfoSin[l];
                    lfoIm[l] = im * lfoCos[l] + re * lfoSin[l];
                    lfoNext[l] = lfoIm[l];
                }
            }
        }
    }

    /**
     * Line {@code l}'s output before its filter over the stretch, read at {@link #delays} between frames.
     *
     * <p>The delay moves by under a thousandth of a frame a frame, so its whole part {@code -K} stays put
     * over long runs, and over a run the four samples each frame interpolates are consecutive in the
     * ring. Each run copies its window out of the ring and interpolates in loops with no gathers and no
     * conversions, which the compiler turns into vector code. The fraction {@code -(d + K)} is exact
     * ({@code d + K} lies in (-1, 0] on {@code d}'s own grid), so each frame's result depends on that
     * frame's delay alone, not on where a stretch or run begins.
     *
     * <p>No integer becomes a double here: on Java 17 that conversion writes only part of its register and
     * so waits for whatever last wrote it, which chains loop iterations. {@code K} is floored by adding and
     * taking away {@code 1.5 * 2^52}, and only the floor goes to an integer.
     */
    private void readLine(int l, int len) {
        DelayLine line = lines[l];
        double[] a = line.buffer();
        int m = line.mask();
        int w = line.writeIndex();
        double[] d = delays[l];
        double[] out = lineOut[l];
        int t = 0;
        while (t < len) {
            double minus = -d[t];
            double k = (minus + ROUNDER) - ROUNDER;
            if (k > minus) {
                k -= 1;
            }
            // the run goes on while the floor stays K: a control interval at a time while both its ends
            // keep it (the delay is monotonic within one), then frame by frame in the interval that ends it
            int end = t + 1;
            while (end < len) {
                int last = Math.min(len, end + CONTROL - ((stretchControl + end) & (CONTROL - 1))) - 1;
                if (within(d[end], k) && within(d[last], k)) {
                    end = last + 1;
                } else {
                    while (within(d[end], k)) {
                        end++;
                    }
                    break;
                }
            }
            // frame u of the run reads ring indices w + u + K - 1 .. w + u + K + 2: y0[u] .. y3[u]
            int from = (w + t + (int) k - 1) & m;
            int count = end - t + 3;
            int first = Math.min(count, a.length - from);
            System.arraycopy(a, from, y0, t, first);
            System.arraycopy(a, 0, y0, t + first, count - first);
            System.arraycopy(y0, t + 1, y1, t, end - t);
            System.arraycopy(y0, t + 2, y2, t, end - t);
            System.arraycopy(y0, t + 3, y3, t, end - t);
            interpolateRun(d, out, t, end, k);
            t = end;
        }
    }

    /** Whether {@code floor(-delay) == k}. */
    private static boolean within(double delay, double k) {
        double f = delay + k;
        return f <= 0 && f > -1;
    }

    /**
     * {@link DelayLine#hermite} over frames {@code from .. to - 1} at the fractions {@code -(d + k)}, in two
     * loops small enough for Java 17's compiler to unroll and vectorise, with every array read at the
     * frame's own index (that compiler vectorises no loop that also reads at an offset).
     */
    private void interpolateRun(double[] d, double[] out, int from, int to, double k) {
        double[] v0 = y0;
        double[] v1 = y1;
        double[] v2 = y2;
        double[] v3 = y3;
        double[] c1 = slope;
        double[] c3 = cubic;
        for (int t = from; t < to; t++) {
            c1[t] = 0.5 * (v2[t] - v0[t]);
            c3[t] = 0.5 * (v3[t] - v0[t]) + 1.5 * (v1[t] - v2[t]);
        }
        for (int t = from; t < to; t++) {
            double f = -(d[t] + k);
            double c2 = v0[t] - 2.5 * v1[t] + 2 * v2[t] - 0.5 * v3[t];
            out[t] = ((c3[t] * f + c2) * f + c1[t]) * f + v1[t];
        }
    }

    /**
     * The absorption filters of lines {@code g .. g + 3} over the stretch, in place, four recursions
     * abreast so that none waits on its own previous frame alone; their outputs are added to
     * {@link #sums} (which the first group sets).
     */
    private void filterFour(int g, int len, boolean first) {
        double[] o0 = lineOut[g];
        double[] o1 = lineOut[g + 1];
        double[] o2 = lineOut[g + 2];
        double[] o3 = lineOut[g + 3];
        double f0 = forward[g];
        double f1 = forward[g + 1];
        double f2 = forward[g + 2];
        double f3 = forward[g + 3];
        double p0 = pole[g];
        double p1 = pole[g + 1];
        double p2 = pole[g + 2];
        double p3 = pole[g + 3];
        double s0 = filterState[g];
        double s1 = filterState[g + 1];
        double s2 = filterState[g + 2];
        double s3 = filterState[g + 3];
        double[] sum = sums;
        for (int t = 0; t < len; t++) {
            s0 = flush(f0 * o0[t] + p0 * s0);
            s1 = flush(f1 * o1[t] + p1 * s1);
            s2 = flush(f2 * o2[t] + p2 * s2);
            s3 = flush(f3 * o3[t] + p3 * s3);
            o0[t] = s0;
            o1[t] = s1;
            o2[t] = s2;
            o3[t] = s3;
            double four = (s0 + s1) + (s2 + s3);
            sum[t] = first ? four : sum[t] + four;
        }
        filterState[g] = s0;
        filterState[g + 1] = s1;
        filterState[g + 2] = s2;
        filterState[g + 3] = s3;
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
