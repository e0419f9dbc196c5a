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

    /** Beats of note value {@code index} of {@link #NOTES} (0 for off). */
    static double beats(int index) {
        if (index <= 0) {
            return 0;
        }
        String n = NOTES.get(index);
        double base = 4.0 / Integer.parseInt(n.substring(2).replaceAll("[dt]$", ""));
        return n.endsWith("d") ? base * 1.5 : n.endsWith("t") ? base * 2 / 3 : base;
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
            line[c] = new DelayLine((int) Math.ceil(MAX_MS * rate / 1000) + 4);
        }
        lowState = new double[ch];
        highState = new double[ch];
        highInput = new double[ch];
        echo = new float[ch];
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
    }

    @Override
    protected void processSignal(AudioBuffer block) {
        Inputs.clean(block);
        int n = block.frames();
        int channels = block.channels();
        int off = block.offset();
        double[] t = time.render(n);
        double[] no = note.render(n);
        double[] b = bpm.render(n);
        double[] fb = feedback.render(n);
        double[] lc = lowcut.render(n);
        double[] hc = highcut.render(n);
        double[] pp = pingpong.render(n);
        double[] mx = mix.render(n);
        double nyquistGuard = 0.45 * rate;
        for (int i = 0; i < n; i++) {
            double goal = target(t[i], no[i], b[i]);
            if (Double.isNaN(delay)) {
                delay = goal;
                approach = goal;
            } else {
                // two one-pole stages: the first moves at most MAX_SLEW a frame, the second smooths it, so the
                // read position's speed is continuous (no kink, no click) and never above MAX_SLEW
                double step = (goal - approach) * glide;
                approach += Math.max(-MAX_SLEW, Math.min(MAX_SLEW, step));
                delay += (approach - delay) * glide;
            }
            // one-pole coefficients, exact for the frequencies: a = exp(-2 pi f / fs)
            double aLow = Math.exp(-2 * Math.PI * Math.min(hc[i], nyquistGuard) / rate);
            double aHigh = Math.exp(-2 * Math.PI * lc[i] / rate);
            double g = fb[i];
            boolean cross = pp[i] >= 0.5 && channels > 1;
            double m = mx[i];
            for (int c = 0; c < channels; c++) {
                echo[c] = line[c].read(delay);
            }
            for (int c = 0; c < channels; c++) {
                int from = cross ? (c + channels - 1) % channels : c;
                // low-pass then high-pass (x - lowpass(x)), both first order, both of gain at most 1
                double e = echo[from];
                double low = flush((1 - aLow) * e + aLow * lowState[c]);
                double high = flush(aHigh * (highState[c] + low - highInput[c]));
                lowState[c] = low;
                highState[c] = high;
                highInput[c] = low;
                float x = block.channel(c)[off + i];
                line[c].write((float) (x + g * high));
                block.channel(c)[off + i] = m == 0 ? x : (float) ((1 - m) * x + m * echo[c]);
            }
        }
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
