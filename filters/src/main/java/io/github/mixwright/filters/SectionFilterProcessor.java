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
 * tangent and a few products per section, cheap enough), and transposed-direct-form-II state in
 * double precision. The frequency is clamped to 0.49 fs at the rate actually prepared, because a
 * chain is parsed before a file's rate is known and must not fail mid-file.
 */
abstract class SectionFilterProcessor extends ParameterizedProcessor implements LinearProcessor {
    /** Highest cutoff as a fraction of the sample rate; higher settings are clamped to it. */
    static final double MAX_FREQUENCY_RATIO = 0.49;

    private final Parameter type = parameter("type");
    private final Parameter freq = parameter("freq");
    private final Parameter order = parameter("order");
    private final double[] coef;
    private final int maxSections;
    private double sampleRate;
    private double maxHz;
    private double[][] state = new double[0][];
    private int active;
    private double lastType = Double.NaN;
    private double lastFreq = Double.NaN;
    private double lastOrder = Double.NaN;

    SectionFilterProcessor(ProcessorDescriptor descriptor, int maxSections) {
        super(descriptor);
        this.maxSections = maxSections;
        this.coef = new double[5 * maxSections];
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

    @Override
    public final FrequencyResponse frequencyResponse(double rate) {
        return sections(rate);
    }

    @Override
    protected final void prepareSignal(ProcessSpec spec) {
        sampleRate = spec.sampleRate();
        maxHz = MAX_FREQUENCY_RATIO * sampleRate;
        state = new double[spec.channels()][2 * maxSections];
        active = 0;
        lastType = Double.NaN;
    }

    @Override
    protected final void resetSignal() {
        for (double[] s : state) {
            Arrays.fill(s, 0);
        }
    }

    private void update(double t, double hz, double o) {
        if (t == lastType && hz == lastFreq && o == lastOrder) {
            return;
        }
        lastType = t;
        lastFreq = hz;
        lastOrder = o;
        double k = Math.tan(Math.PI * Math.min(hz, maxHz) / sampleRate);
        int n = designInto(k, orderOf(o), t >= 0.5, coef);
        if (n < active) {
            // Sections falling out of use start from silence when they come back.
            for (double[] s : state) {
                Arrays.fill(s, 2 * n, 2 * active, 0);
            }
        }
        active = n;
    }

    @Override
    protected final void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        int channels = block.channels();
        if (type.isSteady() && freq.isSteady() && order.isSteady()) {
            update(type.current(), freq.current(), order.current());
            type.advance(n);
            freq.advance(n);
            order.advance(n);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                double[] s = state[c];
                for (int i = off; i < off + n; i++) {
                    x[i] = (float) SosKernel.run(coef, active, s, 0, x[i]);
                }
            }
            return;
        }
        double[] tv = type.render(n);
        double[] fv = freq.render(n);
        double[] ov = order.render(n);
        for (int i = 0; i < n; i++) {
            update(tv[i], fv[i], ov[i]);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                x[off + i] = (float) SosKernel.run(coef, active, state[c], 0, x[off + i]);
            }
        }
    }
}
