package io.github.mixwright.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The live value of one processor parameter: validated, smoothed, and optionally driven by an
 * {@link Automation} curve.
 *
 * <p>Processors ask for the values of each block with {@link #render(int)}, which returns one value
 * per sample: the automation curve at {@code frame / sampleRate} when one is attached, otherwise the
 * smoothed value gliding towards the last {@link #set(double) set} target. The parameter counts the
 * frames it has rendered, so automation is sample-accurate and block-size independent.
 *
 * <p>Not thread-safe: set parameters from the thread that processes, or between blocks.
 */
public final class Parameter {
    private final ParameterSpec spec;
    private final SmoothedValue smoother;
    private Automation automation;
    private double sampleRate = Double.NaN;
    private long position;
    private double[] values = new double[0];
    private double preparedValue = Double.NaN;
    private int maxBlockFrames;
    private String text = "";
    private String preparedText;

    /** A parameter at its default value. */
    public Parameter(ParameterSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.smoother = new SmoothedValue(spec.smoothing(), spec.defaultValue());
    }

    /** The description. */
    public ParameterSpec spec() {
        return spec;
    }

    /** The name, as in {@link ParameterSpec#name()}. */
    public String name() {
        return spec.name();
    }

    /** The value last set (the glide's target), ignoring automation. */
    public double get() {
        return smoother.target();
    }

    /**
     * Sets the value; a prepared processor glides to it over the spec's ramp.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    public void set(double value) {
        smoother.setTarget(spec.validate(value));
    }

    /**
     * Parses {@code text} in the parameter's unit (or a choice name) and sets it; a path parameter
     * takes the text as it is.
     */
    public void set(String text) {
        if (spec.path()) {
            this.text = spec.validatePath(text);
            return;
        }
        set(spec.parse(text));
    }

    /** The text of a path parameter as last set ({@code ""} for none); a number's formatted value otherwise. */
    public String text() {
        return spec.path() ? text : spec.format(get());
    }

    /** Sets the value with no glide. */
    public void setImmediate(double value) {
        smoother.setImmediate(spec.validate(value));
    }

    /**
     * Drives this parameter from a curve, or stops doing so with {@code null}. While automated,
     * {@link #set(double)} only changes the value used after the automation is removed.
     *
     * @throws IllegalArgumentException if the parameter is fixed at prepare, or the curve leaves its range
     */
    public void automate(Automation curve) {
        if (curve != null) {
            if (!spec.isAutomatable()) {
                throw new IllegalArgumentException(name() + " is fixed at prepare and cannot be automated");
            }
            if (curve.min() < spec.min() || curve.max() > spec.max()) {
                double bad = curve.min() < spec.min() ? curve.min() : curve.max();
                throw new IllegalArgumentException("automation of " + Checks.outOfRange(name(), bad, spec.min(), spec.max()));
            }
        }
        automation = curve;
        if (curve != null && !Double.isNaN(sampleRate)) {
            ensureBuffer();
        }
    }

    private void ensureBuffer() {
        if (values.length < maxBlockFrames) {
            values = new double[maxBlockFrames];
        }
    }

    /** The attached curve, or null. */
    public Automation automation() {
        return automation;
    }

    /** Allocates room for blocks of up to {@code maxBlockFrames} and restarts at frame 0. */
    public void prepare(double sampleRate, int maxBlockFrames) {
        prepare(sampleRate, maxBlockFrames, true);
    }

    /**
     * Allocates room for blocks of up to {@code maxBlockFrames} and restarts at frame 0. With
     * {@code perSample} false the processor reads this parameter only through {@link #current()},
     * {@link #valueAhead(int)} and {@link #advance(int)}, so no per-sample buffer is kept unless a curve
     * is attached: an EQ's 160 band parameters then cost nothing per block size.
     */
    public void prepare(double sampleRate, int maxBlockFrames, boolean perSample) {
        this.sampleRate = sampleRate;
        this.maxBlockFrames = maxBlockFrames;
        if (perSample || automation != null) {
            ensureBuffer();
        }
        smoother.reset(sampleRate, spec.rampSeconds());
        position = 0;
        preparedValue = get();
        preparedText = text;
    }

    /**
     * Whether a parameter fixed at prepare was set to another value since the last {@link #prepare}
     * (always false for the other rates, and before the first prepare).
     */
    public boolean changedSincePrepare() {
        return spec.rate() == ParameterRate.PREPARE && !Double.isNaN(preparedValue)
                && (get() != preparedValue || !text.equals(preparedText));
    }

    /** The value this parameter had at the last {@link #prepare} as text (a path's text), or null before it. */
    public String preparedText() {
        return preparedText == null ? null : spec.path() ? preparedText : spec.format(preparedValue);
    }

    /** The value this parameter had at the last {@link #prepare} (NaN before it). */
    public double preparedValue() {
        return preparedValue;
    }

    /** Restarts at frame 0 and ends any glide at its target. */
    public void reset() {
        position = 0;
        smoother.setImmediate(smoother.target());
    }

    /**
     * Whether the value is constant for now: no automation and no glide. A processor may then use
     * {@link #current()} and {@link #advance(int)} instead of {@link #render(int)}.
     */
    public boolean isSteady() {
        return automation == null && !smoother.isSmoothing();
    }

    /** The value at the last rendered frame (the target when steady). */
    public double current() {
        if (automation == null) {
            return smoother.current();
        }
        double x = automation.valueAt(Math.max(0, position - 1) / sampleRate);
        return spec.integer() ? Math.rint(x) : x;
    }

    /**
     * The value {@code frames} frames after the last rendered one, without moving on: the automation
     * curve there, or else the glide's target. For control-rate reading, where a processor polls its
     * parameters at control points inside a block and advances them once per block.
     */
    public double valueAhead(int frames) {
        if (automation == null) {
            return smoother.target();
        }
        double x = automation.valueAt((position + frames) / sampleRate);
        return spec.integer() ? Math.rint(x) : x;
    }

    /** Moves on {@code frames} frames without producing values. */
    public void advance(int frames) {
        if (automation == null) {
            smoother.skip(frames);
        }
        position += frames;
    }

    /**
     * The values for the next {@code frames} frames, one per sample, in an array owned by this
     * parameter (valid until the next call). Never allocates.
     *
     * @throws IllegalStateException before {@link #prepare}
     */
    public double[] render(int frames) {
        if (Double.isNaN(sampleRate)) {
            throw new IllegalStateException("parameter " + name() + " is not prepared");
        }
        if (frames > values.length) {
            if (values.length < maxBlockFrames) {
                throw new IllegalStateException("parameter " + name() + " is only polled by its processor: use current(), "
                        + "valueAhead(int) and advance(int), or automate it");
            }
            throw new IllegalArgumentException("frames " + frames + " is out of range [0, " + values.length + "]");
        }
        double[] v = values;
        if (automation != null) {
            boolean whole = spec.integer();
            for (int i = 0; i < frames; i++) {
                double x = automation.valueAt((position + i) / sampleRate);
                v[i] = whole ? Math.rint(x) : x;
            }
        } else if (!smoother.isSmoothing()) {
            Arrays.fill(v, 0, frames, smoother.current());
        } else {
            for (int i = 0; i < frames; i++) {
                v[i] = smoother.next();
            }
        }
        position += frames;
        return v;
    }
}
