package io.github.mixwright.filters;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.core.LinearProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.util.Arrays;

/**
 * What {@link ButterworthFilter} and {@link LinkwitzRileyFilter} share: parameters {@code type}
 * (choice lowpass|highpass), {@code freq} (Hz) and {@code order}, a cascade of sections redesigned
 * whenever a value changes (every sample while {@code freq} glides or is automated: the design is a
 * tangent and a few products per section, cheap enough), run in direct form I with double state by
 * {@link BiquadKernel}, section by section over chunks of frames kept in double precision between
 * sections. The frequency is clamped to 0.49 fs at the rate actually prepared, because a chain is
 * parsed before a file's rate is known and must not fail mid-file.
 *
 * <p>When the order or the pass band changes, the cascade starts again from silence at that frame,
 * whatever the block size. A frequency change keeps the history: each section keeps its role and
 * direct form I applies the new coefficients to the true signal history. A change of order or pass
 * band gives the sections other roles (and the LR2 high-pass the opposite polarity), so their stored
 * outputs belong to another filter, and fed back through the new poles they overshoot: switching an
 * 8th-order Butterworth from low-pass to high-pass on music-like input peaked at twice the level
 * that a restart gives.
 */
abstract class SectionFilterProcessor<P extends SectionFilterProcessor<P>> extends ParameterizedProcessor<P> implements LinearProcessor {
    /** Highest cutoff as a fraction of the sample rate; higher settings are clamped to it. */
    static final double MAX_FREQUENCY_RATIO = 0.49;
    /** Frames designed at a time while a parameter glides. */
    private static final int GLIDE_CHUNK = 64;

    private final Parameter type = parameter("type");
    private final Parameter freq = parameter("freq");
    private final Parameter order = parameter("order");
    private final double[] coef;
    private final int maxSections;
    /** While gliding: section {@code j}'s coefficients for chunk frame {@code i} at {@code varying[j][5 i]}. */
    private final double[][] varying;
    /** While gliding: sections in use at each chunk frame. */
    private final int[] activeAt = new int[GLIDE_CHUNK];
    /** While gliding: whether the cascade restarts at each chunk frame. */
    private final boolean[] restartAt = new boolean[GLIDE_CHUNK];
    private double sampleRate;
    private double maxHz;
    private int channels;
    /** Section {@code j}, channel {@code c}: {@code x1, x2, y1, y2} at {@code 4 (channels j + c)}. */
    private double[] state = new double[0];
    private double[][] scratch = new double[0][];
    private BiquadKernel.Chunk chunk;
    private int active;
    private double lastType = Double.NaN;
    private double lastFreq = Double.NaN;
    private double lastOrder = Double.NaN;
    private int designedOrder;
    private boolean designedHighPass;
    /** Set by {@link #design} when the order or the pass band changed. */
    private boolean restart;

    SectionFilterProcessor(ProcessorDescriptor descriptor, int maxSections) {
        super(descriptor);
        this.maxSections = maxSections;
        this.coef = new double[5 * maxSections];
        this.varying = new double[maxSections][5 * GLIDE_CHUNK];
    }

    /** The filter order for a value of the {@code order} parameter. */
    abstract int orderOf(double orderValue);

    /** Designs into {@code coef} without allocating; returns the section count. */
    abstract int designInto(double k, int filterOrder, boolean highPass, double[] coefficients);

    /** The same design as a value. */
    abstract SecondOrderSections design(double rate, double hz, int filterOrder, boolean highPass);

    final Parameter typeParameter() {
        return type;
    }

    final Parameter freqParameter() {
        return freq;
    }

    final Parameter orderParameter() {
        return order;
    }

    /** The design at the parameters' targets, with the frequency clamped to 0.49 {@code rate}. */
    public final SecondOrderSections sections(double rate) {
        return design(rate, Math.min(freq.get(), MAX_FREQUENCY_RATIO * rate), orderOf(order.get()), type.get() >= 0.5);
    }

    /** Frames until the output is below -120 dB after the input stops, at the current settings (see {@link RingOut}). */
    @Override
    public int tailFrames() {
        return spec() == null ? 0 : RingOut.frames(sections(spec().sampleRate()).sections(), spec().sampleRate());
    }

    @Override
    public final FrequencyResponse frequencyResponse(double rate) {
        return sections(rate);
    }

    @Override
    protected final void prepareSignal(ProcessSpec spec) {
        sampleRate = spec.sampleRate();
        maxHz = MAX_FREQUENCY_RATIO * sampleRate;
        channels = spec.channels();
        state = new double[4 * maxSections * channels];
        scratch = new double[channels][GLIDE_CHUNK];
        chunk = new BiquadKernel.Chunk(channels);
        active = 0;
        lastType = Double.NaN;
    }

    @Override
    protected final void resetSignal() {
        Arrays.fill(state, 0);
    }

    /**
     * Redesigns {@code coef} if a value changed, setting {@link #restart} if the order or the pass
     * band did; returns the number of sections in use.
     */
    private int design(double t, double hz, double o) {
        restart = false;
        if (t == lastType && hz == lastFreq && o == lastOrder) {
            return active;
        }
        lastType = t;
        lastFreq = hz;
        lastOrder = o;
        int filterOrder = orderOf(o);
        boolean highPass = t >= 0.5;
        restart = filterOrder != designedOrder || highPass != designedHighPass;
        designedOrder = filterOrder;
        designedHighPass = highPass;
        double k = Math.tan(Math.PI * Math.min(hz, maxHz) / sampleRate);
        return designInto(k, filterOrder, highPass, coef);
    }

    @Override
    protected final void processSignal(AudioBuffer block) {
        int n = block.frames();
        if (type.isSteady() && freq.isSteady() && order.isSteady()) {
            active = design(type.current(), freq.current(), order.current());
            type.advance(n);
            freq.advance(n);
            order.advance(n);
            if (restart) {
                Arrays.fill(state, 0);
            }
            BiquadKernel.process(block, coef, 0, active, state, 0, 4 * channels, 4, chunk);
            return;
        }
        double[] tv = type.render(n);
        double[] fv = freq.render(n);
        double[] ov = order.render(n);
        for (int start = 0; start < n; start += GLIDE_CHUNK) {
            int len = Math.min(GLIDE_CHUNK, n - start);
            for (int i = 0; i < len; i++) {
                active = design(tv[start + i], fv[start + i], ov[start + i]);
                for (int j = 0; j < active; j++) {
                    System.arraycopy(coef, 5 * j, varying[j], 5 * i, 5);
                }
                activeAt[i] = active;
                restartAt[i] = restart;
            }
            BiquadKernel.load(block, start, len, scratch);
            for (int j = 0; j < maxSections; j++) {
                glide(j, len, block.channels());
            }
            BiquadKernel.store(scratch, len, block, start);
        }
    }

    /**
     * Runs section {@code j} over the first {@code len} frames of the scratch with the designs in
     * {@link #varying}, over each run of frames where it is in use, clearing it where the cascade
     * restarts.
     */
    private void glide(int j, int len, int blockChannels) {
        int s = 4 * channels * j;
        int i = 0;
        while (i < len) {
            if (restartAt[i]) {
                Arrays.fill(state, s, s + 4 * channels, 0);
            }
            if (activeAt[i] <= j) {
                i++;
                continue;
            }
            int from = i;
            do {
                i++;
            } while (i < len && activeAt[i] > j && !restartAt[i]);
            for (int c = 0; c < blockChannels; c++) {
                BiquadKernel.runVarying(scratch[c], from, i - from, varying[j], state, s + 4 * c);
            }
        }
    }
}
