package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Base of every described processor: it owns the {@link Parameter}s its {@link ProcessorDescriptor}
 * lists, checks the processing contract (prepared, block within the spec) and leaves the signal work
 * to {@link #prepareSignal}, {@link #processSignal} and {@link #resetSignal}.
 *
 * <p>The type parameter is the processor's own class, so the generic setters and
 * {@link #automate(String, Automation)} return it and chain with its own unit-named setters:
 * {@code new Compressor().setThresholdDb(-20).setRatio(4).automate("threshold", curve)}.
 *
 * <p>Parameters fixed at prepare ({@link ParameterRate#PREPARE}) are checked on every block: one set to
 * another value since the last {@link #prepare} makes {@link #process} throw an
 * {@link IllegalStateException} naming it, rather than being silently ignored.
 *
 * <p>Not thread-safe.
 *
 * @param <P> the concrete processor type
 */
public abstract class ParameterizedProcessor<P extends ParameterizedProcessor<P>> implements Processor {
    private final ProcessorDescriptor descriptor;
    private final List<Parameter> parameters;
    private final Parameter[] fixed;
    private ProcessSpec spec;

    /** Creates the parameters the descriptor lists, at their defaults. */
    protected ParameterizedProcessor(ProcessorDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        List<Parameter> list = new ArrayList<>();
        for (ParameterSpec p : descriptor.parameters()) {
            list.add(new Parameter(p));
        }
        this.parameters = Collections.unmodifiableList(list);
        this.fixed = list.stream().filter(p -> p.spec().rate() == ParameterRate.PREPARE).toArray(Parameter[]::new);
    }

    /** This processor as its own type. */
    @SuppressWarnings("unchecked")
    protected final P self() {
        return (P) this;
    }

    /** What this processor is. */
    public final ProcessorDescriptor descriptor() {
        return descriptor;
    }

    /** Every parameter, in the descriptor's order. */
    public final List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameter called {@code name}.
     *
     * @throws IllegalArgumentException listing the parameters there are
     */
    public final Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        descriptor.parameter(name);
        throw new AssertionError(name);
    }

    /** Sets a parameter in its unit; see {@link Parameter#set(double)}. Returns this for chaining. */
    public final P set(String name, double value) {
        return named(() -> parameter(name).set(value));
    }

    /** Sets a parameter from text (a number or a choice name). Returns this for chaining. */
    public final P set(String name, String text) {
        return named(() -> parameter(name).set(text));
    }

    /**
     * Drives a parameter from a curve (null removes it). Returns this for chaining.
     *
     * @throws IllegalArgumentException naming the parameter if it is fixed at prepare or the curve
     *     leaves its range
     */
    public final P automate(String name, Automation curve) {
        return named(() -> parameter(name).automate(curve));
    }

    /** Runs a parameter change, prefixing any error with this processor's name. */
    private P named(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(descriptor.name() + ": " + e.getMessage(), e);
        }
        return self();
    }

    /**
     * The values of every parameter as last set (automation curves are not part of it): an immutable
     * value that prints as chain syntax and {@linkplain ProcessorSettings#create() makes} an equal
     * processor.
     */
    public final ProcessorSettings settings() {
        double[] values = new double[parameters.size()];
        String[] texts = null;
        for (int i = 0; i < values.length; i++) {
            Parameter p = parameters.get(i);
            values[i] = p.get();
            if (p.spec().path()) {
                texts = texts == null ? new String[values.length] : texts;
                texts[i] = p.text();
            }
        }
        return new ProcessorSettings(descriptor, values, texts);
    }

    /**
     * Sets every parameter to the value in {@code settings}; a prepared processor glides there.
     *
     * @throws IllegalArgumentException if the settings belong to another kind of processor
     */
    public final P apply(ProcessorSettings settings) {
        if (!settings.descriptor().name().equals(descriptor.name())) {
            throw new IllegalArgumentException("settings of " + settings.descriptor().name() + " cannot be applied to "
                    + descriptor.name());
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.spec().path()) {
                p.set(settings.text(i));
            } else {
                p.set(settings.value(i));
            }
        }
        return self();
    }

    /** The spec of the last {@link #prepare}, or null. */
    protected final ProcessSpec spec() {
        return spec;
    }

    @Override
    public final void prepare(ProcessSpec newSpec) {
        Objects.requireNonNull(newSpec, "spec");
        if (descriptor.channels() != 0 && newSpec.channels() != descriptor.channels()) {
            throw new IllegalArgumentException(descriptor.name() + " needs " + descriptor.channels()
                    + " channels; channels " + newSpec.channels() + " is out of range ["
                    + descriptor.channels() + ", " + descriptor.channels() + "]");
        }
        for (Parameter p : parameters) {
            p.prepare(newSpec.sampleRate(), newSpec.maxBlockFrames(), rendersPerSample(p));
        }
        prepareSignal(newSpec);
        this.spec = newSpec;
    }

    @Override
    public final void process(AudioBuffer block) {
        if (spec == null) {
            throw new IllegalStateException(descriptor.name() + ": process called before prepare");
        }
        if (block.frames() > spec.maxBlockFrames()) {
            throw new IllegalArgumentException(descriptor.name() + ": block of " + block.frames()
                    + " frames is out of range [0, " + spec.maxBlockFrames() + "] (the prepared maxBlockFrames)");
        }
        if (block.channels() != spec.channels()) {
            throw new IllegalArgumentException(descriptor.name() + ": block has " + block.channels()
                    + " channels, prepared for " + spec.channels());
        }
        for (Parameter p : fixed) {
            if (p.changedSincePrepare()) {
                throw new IllegalStateException(descriptor.name() + ": " + p.name() + " was set to "
                        + p.text() + " after prepare (prepared with " + p.preparedText()
                        + "); it is fixed at prepare, so prepare again");
            }
        }
        if (block.frames() > 0) {
            processSignal(block);
        }
    }

    @Override
    public final void reset() {
        for (Parameter p : parameters) {
            p.reset();
        }
        if (spec != null) {
            resetSignal();
        }
    }

    /**
     * Whether {@link Parameter#render(int)} is used for {@code p}, so that it needs a per-sample buffer
     * of the block size. True by default; a processor with many parameters that it only polls (the
     * EQ's band slots) returns false for them.
     */
    protected boolean rendersPerSample(Parameter p) {
        return true;
    }

    /**
     * Allocates signal state for {@code spec}. Parameters are already prepared. Does nothing by
     * default: a processor without signal history (a gain, a pan) has nothing to allocate.
     */
    protected void prepareSignal(ProcessSpec spec) {
    }

    /** Processes a non-empty, already checked block in place. Must render or advance every parameter. */
    protected abstract void processSignal(AudioBuffer block);

    /**
     * Clears signal history. Parameters are already reset. Does nothing by default; a processor that
     * keeps history must override it (the processor contract test checks that reset repeats output).
     */
    protected void resetSignal() {
    }

    /** The chain syntax of {@link #settings()}, e.g. {@code "compressor threshold=-20 ratio=4"}. */
    @Override
    public String toString() {
        return settings().toString();
    }
}
