package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one described processor as a value: its descriptor and the value of every
 * parameter, in the descriptor's order. Session files, reports and the command line all use it.
 *
 * <p>It prints as one stage of chain syntax naming the parameters that differ from their defaults,
 * choices by name: {@code "compressor threshold=-20 ratio=4"}; {@link #toFullString()} names every
 * parameter, for a record that does not depend on today's defaults. {@link #parse} reads either form back to equal settings, and
 * {@link #create()} makes a processor whose {@link ParameterizedProcessor#settings()} equal these.
 * Numbers print in the shortest form that reads back to the same double, so the round trip is exact.
 * Automation curves are not settings: they belong to the timeline that drives the processor.
 *
 * <p>Immutable and thread-safe. Two settings are equal when they name the same processor and every
 * value is the same double.
 */
public final class ProcessorSettings {
    private final ProcessorDescriptor descriptor;
    private final double[] values;

    ProcessorSettings(ProcessorDescriptor descriptor, double[] values) {
        this.descriptor = descriptor;
        this.values = values;
    }

    /** The defaults of {@code descriptor}. */
    public static ProcessorSettings defaults(ProcessorDescriptor descriptor) {
        List<ParameterSpec> specs = descriptor.parameters();
        double[] v = new double[specs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = specs.get(i).defaultValue();
        }
        return new ProcessorSettings(descriptor, v);
    }

    /**
     * Settings of {@code descriptor} with the given values (by parameter name, in each parameter's
     * unit; a choice by its index); parameters left out keep their defaults.
     *
     * @throws IllegalArgumentException naming the processor and the parameter that is unknown or out
     *     of range
     */
    public static ProcessorSettings of(ProcessorDescriptor descriptor, Map<String, ? extends Number> values) {
        ProcessorSettings s = defaults(descriptor);
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            s = s.with(e.getKey(), e.getValue().doubleValue());
        }
        return s;
    }

    /**
     * Parses one stage of chain syntax: a processor name from {@code registry} followed by
     * {@code name=value} pairs in the descriptor's units (choices by name); parameters left out keep
     * their defaults.
     *
     * @throws IllegalArgumentException naming the processor, the parameter, the value and what is
     *     allowed
     */
    public static ProcessorSettings parse(String stage, ProcessorRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        String[] tokens = stage.trim().split("\\s+");
        if (tokens[0].isEmpty()) {
            throw new IllegalArgumentException("a stage needs a processor name; known processors are "
                    + String.join(", ", registry.names()));
        }
        ProcessorDescriptor d = registry.get(tokens[0]);
        double[] v = defaults(d).values;
        List<String> seen = new ArrayList<>();
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                throw new IllegalArgumentException(d.name() + ": expected name=value, got '" + token + "'");
            }
            String name = token.substring(0, eq);
            if (seen.contains(name)) {
                throw new IllegalArgumentException(d.name() + ": parameter " + name + " is given twice");
            }
            seen.add(name);
            try {
                // by name: a record's equals would bootstrap its method handles, costing start-up time
                int i = d.indexOf(name);
                v[i] = d.parameters().get(i).parse(token.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(d.name() + ": " + e.getMessage(), e);
            }
        }
        return new ProcessorSettings(d, v);
    }

    /** The processor these settings describe. */
    public ProcessorDescriptor descriptor() {
        return descriptor;
    }

    /** The processor's chain-syntax name. */
    public String name() {
        return descriptor.name();
    }

    /**
     * The value of parameter {@code parameterName}, in its unit (a choice's index).
     *
     * @throws IllegalArgumentException listing the parameters there are
     */
    public double get(String parameterName) {
        return values[descriptor.indexOf(parameterName)];
    }

    double value(int index) {
        return values[index];
    }

    /** Every parameter's value by name, in the descriptor's order. Unmodifiable. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<ParameterSpec> specs = descriptor.parameters();
        for (int i = 0; i < values.length; i++) {
            m.put(specs.get(i).name(), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * These settings with one parameter changed.
     *
     * @throws IllegalArgumentException naming the processor, the parameter, the value and the range
     */
    public ProcessorSettings with(String parameterName, double value) {
        int i;
        try {
            i = descriptor.indexOf(parameterName);
            descriptor.parameters().get(i).validate(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(descriptor.name() + ": " + e.getMessage(), e);
        }
        double[] v = values.clone();
        v[i] = value;
        return new ProcessorSettings(descriptor, v);
    }

    /** A new, unprepared processor with these settings. */
    public ParameterizedProcessor<?> create() {
        ParameterizedProcessor<?> p = descriptor.create();
        p.apply(this);
        return p;
    }

    /** One stage of chain syntax naming every parameter. */
    public String toFullString() {
        return text(true);
    }

    /** One stage of chain syntax naming only the parameters that differ from their defaults. */
    @Override
    public String toString() {
        return text(false);
    }

    private String text(boolean all) {
        StringBuilder s = new StringBuilder(descriptor.name());
        List<ParameterSpec> specs = descriptor.parameters();
        for (int i = 0; i < values.length; i++) {
            ParameterSpec p = specs.get(i);
            if (all || Double.compare(values[i], p.defaultValue()) != 0) {
                s.append(' ').append(p.name()).append('=').append(p.format(values[i]));
            }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessorSettings && ((ProcessorSettings) o).descriptor.name().equals(descriptor.name())
                && Arrays.equals(((ProcessorSettings) o).values, values);
    }

    @Override
    public int hashCode() {
        return 31 * descriptor.name().hashCode() + Arrays.hashCode(values);
    }
}
