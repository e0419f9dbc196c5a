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
 * <p>Not thread-safe.
 */
public abstract class ParameterizedProcessor implements Processor {
    private final ProcessorDescriptor descriptor;
    private final List<Parameter> parameters;
    private ProcessSpec spec;

    /** Creates the parameters the descriptor lists, at their defaults. */
    protected ParameterizedProcessor(ProcessorDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        List<Parameter> list = new ArrayList<>();
        for (ParameterSpec p : descriptor.parameters()) {
            list.add(new Parameter(p));
        }
        this.parameters = Collections.unmodifiableList(list);
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
    public ParameterizedProcessor set(String name, double value) {
        parameter(name).set(value);
        return this;
    }

    /** Sets a parameter from text (a number or a choice name). Returns this for chaining. */
    public ParameterizedProcessor set(String name, String text) {
        parameter(name).set(text);
        return this;
    }

    /** Drives a parameter from a curve (null removes it). Returns this for chaining. */
    public ParameterizedProcessor automate(String name, Automation curve) {
        parameter(name).automate(curve);
        return this;
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
            p.prepare(newSpec.sampleRate(), newSpec.maxBlockFrames());
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

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(descriptor.name());
        for (Parameter p : parameters) {
            s.append(' ').append(p.name()).append('=').append(p.spec().format(p.get()));
        }
        return s.toString();
    }
}
