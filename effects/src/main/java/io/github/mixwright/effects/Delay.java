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
 * A feedback delay: echoes of the input, each {@code feedback} times the one before, through a high-pass
 * ({@code lowcut}) and a low-pass ({@code highcut}) in the loop, so that repeats thin out and darken as
 * tape and analogue delays do; ping-pong sends each channel's feedback to the next channel.
 *
 * <p><b>Time</b> is {@code time} ms, or with {@code note} a note value at {@code bpm} (a quarter note is one
 * beat; {@code d} dotted, 1.5 times; {@code t} triplet, 2/3), at most {@value #MAX_MS} ms. When it changes
 * the read position glides towards the new delay through two one-pole stages of {@value #GLIDE_MS} ms, the
 * first moving at most half a frame per frame, like a tape machine's speed: its speed changes smoothly, and the echoes bend in pitch (by a factor of 0.5 to 1.5) and
 * never jump, so there is no click. The line is read between
 * samples by a cubic Hermite interpolator.
 *
 * <p>Per frame and channel {@code c}, with {@code d} the gliding delay in frames:
 * <pre>
 *   e[c]  = line[c](n - d)                          the echo
 *   line[c](n) = x[c] + feedback * HP(LP(e[c']))     c' = c, or the previous channel with ping-pong
 *   y[c]  = (1 - mix) x[c] + mix e[c]
 * </pre>
 * The loop filters are first order, with a gain of at most 1 at every frequency, so the loop gain is at most
 * {@code feedback} (below 1): the delay is stable at every setting. {@code mix=1} is the echoes alone;
 * {@code mix=0} the input unchanged, bit for bit.
 *
 * <p>{@link #tailFrames()}: the echoes fall by {@code feedback} per repeat, so they are 120 dB under the
 * input after {@code ln(1e-6 / mix) / ln(feedback)} repeats of the current delay (plus the loop filters'
 * own decay). Denormals are flushed in the loop. Parameters: {@code time} ms [1, 4000] default 250;
 * {@code note} off or 1/1 to 1/32 with d and t, default off; {@code bpm} [20, 300] default 120;
 * {@code feedback} [0, 0.99] default 0.35; {@code lowcut} Hz [10, 2000] default 20; {@code highcut} Hz
 * [500, 22000] default 12000 (held under 0.45 of the rate); {@code pingpong} off/on; {@code mix} [0, 1]
 * default 0.3 (smoothed over 20 ms). Not thread-safe.
 */
public final class Delay extends ParameterizedProcessor<Delay> {
    /** Longest delay, ms. */
    public static final double MAX_MS = 4000;
    /** Time constant of the glide to a new delay time, ms. */
    public static final double GLIDE_MS = 60;
    /** Most change of the delay per frame, frames: echoes bend in pitch by a factor of 0.5 to 1.5 at most. */
    static final double MAX_SLEW = 0.5;
    /** The note values of {@code note}, after "off", and their length in beats. */
    static final List<String> NOTES = List.of("off", "1/1", "1/2", "1/2d", "1/2t", "1/4", "1/4d", "1/4t", "1/8",
            "1/8d", "1/8t", "1/16", "1/16d", "1/16t", "1/32");

    /** The descriptor: {@code delay time=250 feedback=0.35 mix=0.3 ...}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("delay",
            "Feedback delay with filters in the loop, ping-pong and a tempo-synced time; time changes glide",
            List.of(ParameterSpec.number("time", "ms", 1, MAX_MS, 250, "delay time (when note is off)")
                            .withSmoothing(Smoothing.NONE, 0),
                    ParameterSpec.choice("note", NOTES, 0, "a note value at bpm instead of time: 1/8d dotted, 1/8t triplet"),
                    ParameterSpec.number("bpm", "", 20, 300, 120, "tempo for note, beats per minute")
                            .withSmoothing(Smoothing.NONE, 0),
                    ParameterSpec.number("feedback", "", 0, 0.99, 0.35, "level of each repeat against the one before"),
                    ParameterSpec.number("lowcut", "Hz", 10, 2000, 20, "high-pass in the loop")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.number("highcut", "Hz", 500, 22000, 12000, "low-pass in the loop")
                            .withSmoothing(Smoothing.MULTIPLICATIVE, ParameterSpec.DEFAULT_RAMP_SECONDS),
                    ParameterSpec.choice("pingpong", List.of("off", "on"), 0, "feedback crosses to the next channel"),
                    ParameterSpec.number("mix", "", 0, 1, 0.3, "echo share: 0 dry, 1 echoes alone")),
            0, Delay::new);

    private final Parameter time = parameter("time");
    private final Parameter note = parameter("note");
    private final Parameter bpm = parameter("bpm");
    private final Parameter feedback = parameter("feedback");
    private final Parameter lowcut = parameter("lowcut");
    private final Parameter highcut = parameter("highcut");
    private final Parameter pingpong = parameter("pingpong");
    private final Parameter mix = parameter("mix");

    private double rate;
    private DelayLine[] line = new DelayLine[0];
    /** The gliding delay, frames; NaN until the first frame sets it. */
    private double delay = Double.NaN;
    /** The first glide stage, which {@link #delay} follows. */
    private double approach;
    private double glide;
    private double[] lowState = new double[0];
    private double[] highState = new double[0];
    private double[] highInput = new double[0];
    private float[] echo = new float[0];
    /** The target delay and the loop coefficients, as of the last frame worked out. */
    private double goal;
    private double aLow;
    private double aHigh;
    /** Whether the glide has come to rest at the present target: its stages no longer move. */
    private boolean settled;
    /** Per frame of a chunk: the delay, frames, and the loop's low-pass and high-pass coefficients. */
    private final double[] at = new double[CHUNK];
    private final double[] lowPole = new double[CHUNK];
    private final double[] highPole = new double[CHUNK];
    /** Per channel and frame of a chunk: the echo read (rounded to float), the input, what the line is fed. */
    private double[][] echoes = new double[0][];
    private double[][] dry = new double[0][];
    private double[][] fed = new double[0][];

    /** A delay with every parameter at its default. */
    public Delay() {
        super(DESCRIPTOR);
    }

    /** Sets the delay time, ms (used when the note is off). */
    public Delay setTimeMs(double ms) {
        time.set(ms);
        return this;
    }

    /** Sets the note value ("off", "1/4", "1/8d", "1/8t", ...), at {@link #setBpm}. */
    public Delay setNote(String value) {
        return set("note", value);
    }

    /** Sets the tempo for the note value. */
    public Delay setBpm(double beatsPerMinute) {
        bpm.set(beatsPerMinute);
        return this;
    }

    /** Sets the feedback, 0 to 0.99. */
    public Delay setFeedback(double amount) {
        feedback.set(amount);
        return this;
    }

    /** Sets the loop's high-pass frequency, Hz. */
    public Delay setLowCutHz(double hz) {
        lowcut.set(hz);
        return this;
    }

    /** Sets the loop's low-pass frequency, Hz. */
    public Delay setHighCutHz(double hz) {
        highcut.set(hz);
        return this;
    }

    /** Switches ping-pong on or off. */
    public Delay setPingPong(boolean on) {
        pingpong.set(on ? 1 : 0);
        return this;
    }

    /** Sets the echo share, 0 (dry) to 1 (echoes alone). */
    public Delay setMix(double amount) {
        mix.set(amount);
        return this;
    }

    /** Beats of each note value of {@link #NOTES} (0 for off), worked out once from the names. */
    private static final double[] BEATS = NOTES.stream().mapToDouble(Delay::parseBeats).toArray();

    private static double parseBeats(String n) {
        if (n.equals("off")) {
            return 0;
        }
        boolean dotted = n.endsWith("d");
        boolean triplet = n.endsWith("t");
        double base = 4.0 / Integer.parseInt(n.substring(2, n.length() - (dotted || triplet ? 1 : 0)));
        return dotted ? base * 1.5 : triplet ? base * 2 / 3 : base;
    }

    /** Beats of note value {@code index} of {@link #NOTES} (0 for off). */
    static double beats(int index) {
        return index <= 0 ? 0 : BEATS[index];
    }

    /** The target delay, frames, for these parameter values. */
    private double target(double timeMs, double noteIndex, double beatsPerMinute) {
        int index = (int) Math.round(noteIndex);
        double ms = index == 0 ? timeMs : Math.min(MAX_MS, beats(index) * 60_000 / beatsPerMinute);
        return Math.max(1, ms * rate / 1000);
    }

    @Override
    protected void prepareSignal(ProcessSpec spec) {
        rate = spec.sampleRate();
        int ch = spec.channels();
        line = new DelayLine[ch];
        for (int c = 0; c < ch; c++) {
            // a chunk's length to spare, so that a staged chunk's reads never meet its own writes
            line[c] = new DelayLine((int) Math.ceil(MAX_MS * rate / 1000) + 4 + CHUNK);
        }
        lowState = new double[ch];
        highState = new double[ch];
        highInput = new double[ch];
        echo = new float[ch];
        echoes = new double[ch][CHUNK];
        dry = new double[ch][CHUNK];
        fed = new double[ch][CHUNK];
        glide = 1 - Math.exp(-1000 / (GLIDE_MS * rate));
        resetSignal();
    }

    @Override
    protected void resetSignal() {
        for (DelayLine l : line) {
            l.clear();
        }
        Arrays.fill(lowState, 0);
        Arrays.fill(highState, 0);
        Arrays.fill(highInput, 0);
        delay = Double.NaN;
        settled = false;
    }

    /*
     * Speed. Per frame the work is the glide, one interpolated read, the two loop filters, one write and
     * the mix. Done frame by frame, as the equations read, that cost about 39 ns a stereo frame on Java 17
     * (EffectsBenchmark delay, Intel Xeon with AVX-512): every frame waited on the glide's chain, on the
     * loop filters' chains one channel after the other, and on the scalar float-double conversions,
     * which on Java 17's C2 also wait for their destination register's old contents. So a block is worked
     * in chunks of CHUNK frames, in stages: the glide for every frame of the chunk; then, when the whole
     * chunk reads only frames written before it (the delay is longer than the chunk), the reads; the loop
     * filters, both channels of a stereo signal in one loop so that their chains overlap; the writes; and
     * the mix, each in a loop of its own. A delay shorter than a chunk runs frame by frame. Both orders
     * compute every value with the same operations in the same order, so they give the same samples.
     */
    /** Frames of a chunk of {@link #processSignal}. */
    private static final int CHUNK = 256;

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        double[] t = time.render(n);
        double[] no = note.render(n);
        double[] b = bpm.render(n);
        double[] fb = feedback.render(n);
        double[] lc = lowcut.render(n);
        double[] hc = highcut.render(n);
        double[] pp = pingpong.render(n);
        double[] mx = mix.render(n);
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            double least = glide(t, no, b, lc, hc, start, len);
            // frame i reads back to d - 2 frames before its own write: all of it history when d > i + 2
            if (least > len + 2) {
                staged(block, start, len, fb, pp, mx);
            } else {
                direct(block, start, len, fb, pp, mx);
            }
        }
    }

    /**
     * The delays {@link #at} and loop coefficients {@link #lowPole}, {@link #highPole} of frames
     * {@code [start, start + len)} of the block; returns the shortest of the delays.
     */
    private double glide(double[] t, double[] no, double[] b, double[] lc, double[] hc, int start, int len) {
        double nyquistGuard = 0.45 * rate;
        double least = Double.POSITIVE_INFINITY;
        // the state in locals, so that the loop keeps it in registers; the clamps are compares, where
        // Math.min and max on doubles are longer sequences (for NaN and signed zeros, which cannot occur)
        double goal = this.goal;
        double lo = aLow;
        double hi = aHigh;
        double d = delay;
        double ap = approach;
        double k = glide;
        boolean still = settled;
        for (int i = 0; i < len; i++) {
            int j = start + i;
            // the target and the loop coefficients are worked out again only when a parameter moves
            if (j == 0 || t[j] != t[j - 1] || no[j] != no[j - 1] || b[j] != b[j - 1]) {
                double next = target(t[j], no[j], b[j]);
                still &= next == goal;
                goal = next;
            }
            if (j == 0 || hc[j] != hc[j - 1] || lc[j] != lc[j - 1]) {
                // one-pole coefficients, exact for the frequencies: a = exp(-2 pi f / fs)
                lo = Math.exp(-2 * Math.PI * Math.min(hc[j], nyquistGuard) / rate);
                hi = Math.exp(-2 * Math.PI * lc[j] / rate);
            }
            if (Double.isNaN(d)) {
                d = goal;
                ap = goal;
            } else if (!still) {
                // two one-pole stages: the first moves at most MAX_SLEW a frame, the second smooths it, so the
                // read position's speed is continuous (no kink, no click) and never above MAX_SLEW
                double step = (goal - ap) * k;
                double a = ap + (step > MAX_SLEW ? MAX_SLEW : step < -MAX_SLEW ? -MAX_SLEW : step);
                double e = d + (a - d) * k;
                // once a frame leaves both stages where they were, every frame after it does, until the
                // target moves: the glide is skipped, with the same result
                still = a == ap && e == d;
                ap = a;
                d = e;
            }
            at[i] = d;
            lowPole[i] = lo;
            highPole[i] = hi;
            least = d < least ? d : least;
        }
        this.goal = goal;
        aLow = lo;
        aHigh = hi;
        delay = d;
        approach = ap;
        settled = still;
        return least;
    }

    /** Frames {@code [start, start + len)}, frame by frame: any delay. */
    private void direct(AudioBuffer block, int start, int len, double[] fb, double[] pp, double[] mx) {
        int channels = block.channels();
        int off = block.offset() + start;
        for (int i = 0; i < len; i++) {
            int j = start + i;
            double g = fb[j];
            boolean cross = pp[j] >= 0.5 && channels > 1;
            double m = mx[j];
            for (int c = 0; c < channels; c++) {
                echo[c] = line[c].read(at[i]);
            }
            for (int c = 0; c < channels; c++) {
                int from = cross ? (c + channels - 1) % channels : c;
                // low-pass then high-pass (x - lowpass(x)), both first order, both of gain at most 1
                double e = echo[from];
                double low = flush((1 - lowPole[i]) * e + lowPole[i] * lowState[c]);
                double high = flush(highPole[i] * (highState[c] + low - highInput[c]));
                lowState[c] = low;
                highState[c] = high;
                highInput[c] = low;
                float x = block.channel(c)[off + i];
                line[c].write((float) (x + g * high));
                block.channel(c)[off + i] = m == 0 ? x : (float) ((1 - m) * x + m * echo[c]);
            }
        }
    }

    /** Frames {@code [start, start + len)} in stages, for delays longer than the chunk (see above). */
    private void staged(AudioBuffer block, int start, int len, double[] fb, double[] pp, double[] mx) {
        int channels = block.channels();
        int off = block.offset() + start;
        for (int c = 0; c < channels; c++) {
            line[c].readStretch(at, len, echoes[c]);
            float[] x = block.channel(c);
            double[] d = dry[c];
            for (int i = 0; i < len; i++) {
                d[i] = x[off + i];
            }
        }
        if (channels == 2) {
            loop2(start, len, fb, pp);
        } else {
            for (int c = 0; c < channels; c++) {
                loop(c, channels, start, len, fb, pp);
            }
        }
        for (int c = 0; c < channels; c++) {
            line[c].writeRounded(fed[c], len);
            float[] x = block.channel(c);
            double[] d = dry[c];
            double[] e = echoes[c];
            for (int i = 0; i < len; i++) {
                double m = mx[start + i];
                x[off + i] = m == 0 ? x[off + i] : (float) ((1 - m) * d[i] + m * e[i]);
            }
        }
    }

    /** The loop filters and the feedback of channel {@code c} over a chunk, into {@link #fed}. */
    private void loop(int c, int channels, int start, int len, double[] fb, double[] pp) {
        double[] own = echoes[c];
        double[] previous = echoes[(c + channels - 1) % channels];
        double[] d = dry[c];
        double[] f = fed[c];
        double lo = lowState[c];
        double hi = highState[c];
        double hin = highInput[c];
        for (int i = 0; i < len; i++) {
            double e = pp[start + i] >= 0.5 && channels > 1 ? previous[i] : own[i];
            double low = flush((1 - lowPole[i]) * e + lowPole[i] * lo);
            double high = flush(highPole[i] * (hi + low - hin));
            lo = low;
            hi = high;
            hin = low;
            f[i] = d[i] + fb[start + i] * high;
        }
        lowState[c] = lo;
        highState[c] = hi;
        highInput[c] = hin;
    }

    /** {@link #loop} for both channels of a stereo signal in one loop, so that their chains overlap. */
    private void loop2(int start, int len, double[] fb, double[] pp) {
        double[] e0 = echoes[0];
        double[] e1 = echoes[1];
        double[] d0 = dry[0];
        double[] d1 = dry[1];
        double[] f0 = fed[0];
        double[] f1 = fed[1];
        double lo0 = lowState[0];
        double hi0 = highState[0];
        double hin0 = highInput[0];
        double lo1 = lowState[1];
        double hi1 = highState[1];
        double hin1 = highInput[1];
        for (int i = 0; i < len; i++) {
            boolean cross = pp[start + i] >= 0.5;
            double a = cross ? e1[i] : e0[i];
            double bb = cross ? e0[i] : e1[i];
            double p = lowPole[i];
            double q = highPole[i];
            double g = fb[start + i];
            double low0 = flush((1 - p) * a + p * lo0);
            double low1 = flush((1 - p) * bb + p * lo1);
            double high0 = flush(q * (hi0 + low0 - hin0));
            double high1 = flush(q * (hi1 + low1 - hin1));
            lo0 = low0;
            hi0 = high0;
            hin0 = low0;
            lo1 = low1;
            hi1 = high1;
            hin1 = low1;
            f0[i] = d0[i] + g * high0;
            f1[i] = d1[i] + g * high1;
        }
        lowState[0] = lo0;
        highState[0] = hi0;
        highInput[0] = hin0;
        lowState[1] = lo1;
        highState[1] = hi1;
        highInput[1] = hin1;
    }

    private static double flush(double v) {
        return Math.abs(v) < Denormals.FLUSH ? 0 : v;
    }

    /**
     * Echoes fall 120 dB under the input within this many frames of the last input, at the current settings:
     * {@code ceil(ln(1e-6 / mix) / ln(feedback)) + 1} repeats of the longer of the gliding and the target
     * delay, plus 14 time constants of each loop filter.
     */
    @Override
    public int tailFrames() {
        if (rate == 0) {
            return 0;
        }
        double m = mix.current();
        double g = feedback.current();
        if (m == 0) {
            return 0;
        }
        double d = Math.max(target(time.current(), note.current(), bpm.current()),
                Double.isNaN(delay) ? 0 : Math.max(delay, approach));
        double repeats = g <= 0 ? 1 : Math.ceil(Math.log(1e-6 / m) / Math.log(g)) + 1;
        // each loop filter's own decay to 1e-6: 14 time constants
        double settle = 14 * rate / (2 * Math.PI * lowcut.current()) + 14 * rate / (2 * Math.PI * highcut.current()) + 16;
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(repeats * (d + 2) + settle));
    }
}
