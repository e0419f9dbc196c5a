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
 * Parameters left out keep their defaults. A value in double quotes may hold spaces or {@code |}
 * ({@code convolver ir="IRs/Hall 2.wav"}); inside quotes {@code ""} stands for one quote.
 *
 * <p>Immutable and thread-safe; {@link #build()} makes a fresh, unprepared chain each time.
 */
public final class ChainSpec {
    private final String text;
    private final List<ProcessorSettings> stages;

    private ChainSpec(String text, List<ProcessorSettings> stages) {
        this.text = text;
        this.stages = List.copyOf(stages);
    }

    /**
     * Parses and validates {@code text} against {@code registry}.
     *
     * @throws IllegalArgumentException naming the stage, the parameter, the value and the allowed range
     */
    public static ChainSpec parse(String text, ProcessorRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(text, "text");
        return new ChainSpec(text, parseStages(text, registry));
    }

    /** The spec of these stages, in order; its text is their chain syntax. */
    public static ChainSpec of(List<ProcessorSettings> stages) {
        StringBuilder text = new StringBuilder();
        for (ProcessorSettings s : stages) {
            text.append(text.length() == 0 ? "" : " | ").append(s);
        }
        return new ChainSpec(text.toString(), stages);
    }

    /** The settings of every stage, in order. */
    public List<ProcessorSettings> stages() {
        return stages;
    }

    /** A new chain built from the text. */
    public Chain build() {
        return Chain.of(instantiate());
    }

    /** The most channels any stage requires (0 if none requires a particular count). */
    public int requiredChannels() {
        return stages.stream().mapToInt(st -> st.descriptor().channels()).max().orElse(0);
    }

    /** The text this spec was parsed from. */
    public String text() {
        return text;
    }

    /** The chain syntax of every stage, every parameter named. */
    @Override
    public String toString() {
        return ChainSpec.of(stages).text();
    }

    private List<ParameterizedProcessor<?>> instantiate() {
        List<ParameterizedProcessor<?>> out = new ArrayList<>();
        for (ProcessorSettings stage : stages) {
            out.add(stage.create());
        }
        return out;
    }

    private static List<ProcessorSettings> parseStages(String text, ProcessorRegistry registry) {
        List<ProcessorSettings> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        List<String> stages = ChainSyntax.stages(text);
        for (int s = 0; s < stages.size(); s++) {
            String stage = stages.get(s).trim();
            String where = "stage " + (s + 1);
            if (stage.isEmpty()) {
                throw new IllegalArgumentException(where + " of the chain is empty: stages are separated by '|'");
            }
            try {
                out.add(ProcessorSettings.parse(stage, registry));
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                String name = stage.split("\\s+")[0];
                throw new IllegalArgumentException(where + (m.startsWith(name + ": ")
                        ? " (" + name + "): " + m.substring(name.length() + 2) : ": " + m), e);
            }
        }
        return out;
    }
}
