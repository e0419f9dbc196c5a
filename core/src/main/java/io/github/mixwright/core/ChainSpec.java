package io.github.mixwright.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text form of a chain, as typed on the command line:
 * {@code "gain db=-3 | pan position=-0.3 | width amount=1.2"}.
 *
 * <p>Stages are separated by {@code |}; each is a processor name from the {@link ProcessorRegistry}
 * followed by {@code name=value} pairs in the units the descriptor gives (choices by name).
 * Parameters left out keep their defaults.
 *
 * <p>Immutable and thread-safe; {@link #build()} makes a fresh, unprepared chain each time.
 */
public final class ChainSpec {
    private final ProcessorRegistry registry;
    private final String text;
    private final List<ParameterizedProcessor> check;

    private ChainSpec(ProcessorRegistry registry, String text) {
        this.registry = registry;
        this.text = text;
        this.check = instantiate();
    }

    /**
     * Parses and validates {@code text} against {@code registry}.
     *
     * @throws IllegalArgumentException naming the stage, the parameter, the value and the allowed range
     */
    public static ChainSpec parse(String text, ProcessorRegistry registry) {
        return new ChainSpec(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(text, "text"));
    }

    /** A new chain built from the text. */
    public Chain build() {
        return Chain.of(instantiate());
    }

    /** The most channels any stage requires (0 if none requires a particular count). */
    public int requiredChannels() {
        return Chain.of(check).requiredChannels();
    }

    /** The text this spec was parsed from. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return Chain.of(check).toString();
    }

    private List<ParameterizedProcessor> instantiate() {
        List<ParameterizedProcessor> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        String[] stages = text.split("\\|", -1);
        for (int s = 0; s < stages.length; s++) {
            String stage = stages[s].trim();
            String where = "stage " + (s + 1);
            if (stage.isEmpty()) {
                throw new IllegalArgumentException(where + " of the chain is empty: stages are separated by '|'");
            }
            String[] tokens = stage.split("\\s+");
            ProcessorDescriptor d;
            try {
                d = registry.get(tokens[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            ParameterizedProcessor p = d.create();
            List<String> seen = new ArrayList<>();
            for (int t = 1; t < tokens.length; t++) {
                String token = tokens[t];
                int eq = token.indexOf('=');
                if (eq <= 0 || eq == token.length() - 1) {
                    throw new IllegalArgumentException(where + " (" + d.name() + "): expected name=value, got '" + token + "'");
                }
                String name = token.substring(0, eq);
                if (seen.contains(name)) {
                    throw new IllegalArgumentException(where + " (" + d.name() + "): parameter " + name + " is given twice");
                }
                seen.add(name);
                try {
                    p.parameter(name).set(token.substring(eq + 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + " (" + d.name() + "): " + e.getMessage(), e);
                }
            }
            out.add(p);
        }
        return out;
    }
}
