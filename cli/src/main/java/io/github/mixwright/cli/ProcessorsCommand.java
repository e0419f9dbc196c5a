package io.github.mixwright.cli;

import io.github.mixwright.mix.Json;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.ParameterRate;
import io.github.mixwright.core.ParameterSpec;
import io.github.mixwright.core.ProcessorDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mixwright processors [--json]}: every processor a chain may use, with its parameters. */
@Command(name = "processors",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the processors for --chain, with their parameters.",
                "For each parameter: its name, unit, range (or choices), default and meaning."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright processors",
                "  mixwright processors --json"})
final class ProcessorsCommand implements Callable<Integer> {
    @ParentCommand
    MixwrightCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ProcessorDescriptor> all = new ArrayList<>(parent.registry().all());
        if (json) {
            List<Object> list = new ArrayList<>();
            for (ProcessorDescriptor d : all) {
                list.add(toJson(d));
            }
            out.println(Json.write(Map.of("processors", list)));
        } else {
            for (ProcessorDescriptor d : all) {
                print(out, d);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, ProcessorDescriptor d) {
        out.println(d.name() + " - " + d.summary()
                + (d.channels() == 0 ? "" : " (needs " + d.channels() + " channels)"));
        int width = d.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        // Numbered copies of one parameter (b1freq ... b32freq) print once, with a line saying so.
        Map<String, List<String>> numbered = new LinkedHashMap<>();
        for (ParameterSpec p : d.parameters()) {
            numbered.computeIfAbsent(p.name().replaceAll("[0-9]+", "#"), k -> new ArrayList<>()).add(p.name());
        }
        for (ParameterSpec p : d.parameters()) {
            List<String> copies = numbered.get(p.name().replaceAll("[0-9]+", "#"));
            boolean repeated = copies.size() > 2;
            if (repeated && !copies.get(0).equals(p.name())) {
                continue;
            }
            String unit = p.unit().isEmpty() ? "" : " " + p.unit();
            if (p.path()) {
                out.printf("    %-" + width + "s  a file path, no default, fixed at prepare%n        %s%n", p.name(),
                        p.description());
                continue;
            }
            String range = p.isChoice() ? "one of " + String.join(", ", p.choices())
                    : "[" + Checks.format(p.min()) + ", " + Checks.format(p.max()) + "]" + unit
                            + (p.integer() ? ", whole" : "");
            String rate = p.rate() == ParameterRate.PREPARE ? ", fixed at prepare"
                    : p.rate() == ParameterRate.CONTROL ? ", control rate" : "";
            out.printf("    %-" + width + "s  %s, default %s%s%s%n        %s%n", p.name(), range,
                    p.format(p.defaultValue()), p.isChoice() ? "" : unit, rate, p.description());
            if (repeated) {
                out.printf("    %-" + width + "s  the same for each of %s to %s%n", "", copies.get(1),
                        copies.get(copies.size() - 1));
            }
        }
        if (d.parameters().isEmpty()) {
            out.println("    (no parameters)");
        }
        out.println();
    }

    private static Map<String, Object> toJson(ProcessorDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("summary", d.summary());
        m.put("channels", d.channels());
        List<Object> params = new ArrayList<>();
        for (ParameterSpec p : d.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("unit", p.unit());
            if (p.path()) {
                pm.put("kind", "path");
            } else if (p.isChoice()) {
                pm.put("choices", p.choices());
                pm.put("default", p.format(p.defaultValue()));
            } else {
                pm.put("min", p.min());
                pm.put("max", p.max());
                pm.put("default", p.defaultValue());
            }
            pm.put("rate", p.rate().name().toLowerCase(java.util.Locale.ROOT));
            pm.put("integer", p.integer());
            pm.put("description", p.description());
            params.add(pm);
        }
        m.put("parameters", params);
        return m;
    }
}
