package io.github.mixwright.core;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
 * <p>A path parameter (an impulse response's file) holds text: {@link #text(String)} reads it,
 * {@link #with(String, String)} sets it, and chain syntax quotes it when it holds spaces:
 * {@code convolver ir="IRs/Hall 2.wav" mix=0.3}.
 *
 * <p>Immutable and thread-safe. Two settings are equal when they name the same processor and every
 * value is the same double.
 */
public final class ProcessorSettings {
    private final ProcessorDescriptor descriptor;
    private final double[] values;
    /** The text of each path parameter (null elsewhere), or null when the processor has none. */
    private final String[] texts;

    ProcessorSettings(ProcessorDescriptor descriptor, double[] values, String[] texts) {
        this.descriptor = descriptor;
        this.values = values;
        this.texts = texts;
    }

    private static String[] emptyTexts(ProcessorDescriptor descriptor) {
        List<ParameterSpec> specs = descriptor.parameters();
        String[] t = null;
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).path()) {
                t = t == null ? new String[specs.size()] : t;
                t[i] = "";
            }
        }
        return t;
    }

    /** The defaults of {@code descriptor}. */
    public static ProcessorSettings defaults(ProcessorDescriptor descriptor) {
        List<ParameterSpec> specs = descriptor.parameters();
        double[] v = new double[specs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = specs.get(i).defaultValue();
        }
        return new ProcessorSettings(descriptor, v, emptyTexts(descriptor));
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
     * {@code name=value} pairs in the descriptor's units (choices by name, paths as text, quoted when
     * they hold spaces); parameters left out keep their defaults.
     *
     * @throws IllegalArgumentException naming the processor, the parameter, the value and what is
     *     allowed
     */
    public static ProcessorSettings parse(String stage, ProcessorRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<ChainSyntax.Word> tokens = ChainSyntax.words(stage);
        if (tokens.isEmpty() || tokens.get(0).quoted()) {
            throw new IllegalArgumentException("a stage needs a processor name; known processors are "
                    + String.join(", ", registry.names()));
        }
        ProcessorDescriptor d = registry.get(tokens.get(0).text());
        ProcessorSettings start = defaults(d);
        double[] v = start.values;
        String[] texts = start.texts;
        List<String> seen = new ArrayList<>();
        for (int t = 1; t < tokens.size(); t++) {
            String token = tokens.get(t).text();
            int eq = token.indexOf('=');
            if (eq <= 0 || (eq == token.length() - 1 && !tokens.get(t).quoted())) {
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
                ParameterSpec spec = d.parameters().get(i);
                if (spec.path()) {
                    texts[i] = spec.validatePath(token.substring(eq + 1));
                } else {
                    v[i] = spec.parse(token.substring(eq + 1));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(d.name() + ": " + e.getMessage(), e);
            }
        }
        return new ProcessorSettings(d, v, texts);
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
     * @throws IllegalArgumentException listing the parameters there are, or if it is a path parameter
     *     (read it with {@link #text(String)})
     */
    public double get(String parameterName) {
        int i = descriptor.indexOf(parameterName);
        if (texts != null && texts[i] != null) {
            throw new IllegalArgumentException(descriptor.name() + ": " + parameterName
                    + " is a file path, not a number; read it with text(\"" + parameterName + "\")");
        }
        return values[i];
    }

    /**
     * The text of path parameter {@code parameterName} ({@code ""} for none).
     *
     * @throws IllegalArgumentException listing the parameters there are, or if it is not a path parameter
     */
    public String text(String parameterName) {
        int i = descriptor.indexOf(parameterName);
        if (texts == null || texts[i] == null) {
            throw new IllegalArgumentException(descriptor.name() + ": " + parameterName + " is a number, not a file path");
        }
        return texts[i];
    }

    double value(int index) {
        return values[index];
    }

    String text(int index) {
        return texts[index];
    }

    /** Every numeric parameter's value by name (choices by index), in the descriptor's order. Unmodifiable. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<ParameterSpec> specs = descriptor.parameters();
        for (int i = 0; i < values.length; i++) {
            if (!specs.get(i).path()) {
                m.put(specs.get(i).name(), values[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every path parameter's text by name, in the descriptor's order (empty if there are none). Unmodifiable. */
    public Map<String, String> paths() {
        Map<String, String> m = new LinkedHashMap<>();
        List<ParameterSpec> specs = descriptor.parameters();
        for (int i = 0; i < values.length; i++) {
            if (specs.get(i).path()) {
                m.put(specs.get(i).name(), texts[i]);
            }
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
        return new ProcessorSettings(descriptor, v, texts);
    }

    /**
     * These settings with one path parameter changed.
     *
     * @throws IllegalArgumentException naming the processor and the parameter, if it is unknown, not a
     *     path parameter, or the text holds a control character
     */
    public ProcessorSettings with(String parameterName, String path) {
        int i;
        try {
            i = descriptor.indexOf(parameterName);
            descriptor.parameters().get(i).validatePath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(descriptor.name() + ": " + e.getMessage(), e);
        }
        String[] t = texts.clone();
        t[i] = path;
        return new ProcessorSettings(descriptor, values, t);
    }

    /**
     * These settings with every relative path parameter resolved against {@code base} (a session
     * file's folder); absolute and empty paths stay as they are.
     *
     * @throws IllegalArgumentException naming the processor and the parameter if a path is not a valid
     *     path on this system
     */
    public ProcessorSettings resolvePaths(Path base) {
        Objects.requireNonNull(base, "base");
        if (texts == null) {
            return this;
        }
        String[] t = texts.clone();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null && !t[i].isEmpty()) {
                try {
                    Path p = Path.of(t[i]);
                    t[i] = p.isAbsolute() ? t[i] : base.resolve(p).normalize().toString();
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(descriptor.name() + ": " + descriptor.parameters().get(i).name()
                            + " '" + t[i] + "' is not a valid path: " + e.getReason(), e);
                }
            }
        }
        return new ProcessorSettings(descriptor, values, t);
    }

    /**
     * These settings with every absolute path parameter that lies under {@code base} written relative to
     * it, with forward slashes (the inverse of {@link #resolvePaths}, for saving a session file); other
     * paths stay as they are.
     */
    public ProcessorSettings relativizePaths(Path base) {
        Objects.requireNonNull(base, "base");
        if (texts == null) {
            return this;
        }
        Path root = base.toAbsolutePath().normalize();
        String[] t = texts.clone();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null && !t[i].isEmpty()) {
                try {
                    Path p = Path.of(t[i]).normalize();
                    if (p.isAbsolute() && p.startsWith(root)) {
                        t[i] = root.relativize(p).toString().replace('\\', '/');
                    }
                } catch (InvalidPathException e) {
                    // not a path on this system: left as it is, as resolvePaths would refuse it
                }
            }
        }
        return new ProcessorSettings(descriptor, values, t);
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
            if (p.path()) {
                if (all || !texts[i].isEmpty()) {
                    s.append(' ').append(p.name()).append('=').append(ChainSyntax.quote(texts[i]));
                }
            } else if (all || Double.compare(values[i], p.defaultValue()) != 0) {
                s.append(' ').append(p.name()).append('=').append(p.format(values[i]));
            }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessorSettings && ((ProcessorSettings) o).descriptor.name().equals(descriptor.name())
                && Arrays.equals(((ProcessorSettings) o).values, values)
                && Arrays.equals(((ProcessorSettings) o).texts, texts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * descriptor.name().hashCode() + Arrays.hashCode(values)) + Arrays.hashCode(texts);
    }
}
