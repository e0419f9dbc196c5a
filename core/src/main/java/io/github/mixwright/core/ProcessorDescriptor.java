package io.github.mixwright.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Describes a processor once, so that the command line, session files and docs can all use it:
 * its name, a one-line summary, its parameters, the channel count it needs and how to make one.
 *
 * @param name the chain-syntax name, lower case, e.g. {@code "gain"}
 * @param summary one line for humans
 * @param parameters in display order; names are unique
 * @param channels the channel count the processor requires, or 0 for any
 * @param factory makes a new processor with every parameter at its default
 */
public record ProcessorDescriptor(String name, String summary, List<ParameterSpec> parameters, int channels,
        Supplier<? extends ParameterizedProcessor<?>> factory) {

    /** Validates the description. */
    public ProcessorDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(factory, "factory");
        parameters = List.copyOf(parameters);
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("processor name '" + name + "' must be lower case letters, digits or '-'");
        }
        Checks.inRange("channels", channels, 0, AudioBuffer.MAX_CHANNELS);
        long distinct = parameters.stream().map(ParameterSpec::name).distinct().count();
        if (distinct != parameters.size()) {
            throw new IllegalArgumentException("processor " + name + " has two parameters with one name");
        }
    }

    /** A new processor with every parameter at its default. */
    public ParameterizedProcessor<?> create() {
        return factory.get();
    }

    /**
     * The parameter called {@code parameterName}.
     *
     * @throws IllegalArgumentException naming the processor and listing its parameters
     */
    public ParameterSpec parameter(String parameterName) {
        return parameters.get(indexOf(parameterName));
    }

    /**
     * The position of the parameter named {@code parameterName} in {@link #parameters()}.
     *
     * @throws IllegalArgumentException if there is none; the message lists the parameters there are
     */
    public int indexOf(String parameterName) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(parameterName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no parameter '" + parameterName + "'; its parameters are "
                + (parameters.isEmpty() ? "none" : parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "))));
    }
}
