package io.github.mixwright.cli;

import io.github.mixwright.mix.Json;
import io.github.mixwright.core.Checks;
import io.github.mixwright.mix.Preset;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixwright presets [--json]}: every delivery preset with its loudness target and ceiling. */
@Command(name = "presets",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the delivery presets (streaming platforms and broadcast standards), each with "
                + "its integrated loudness target and its true-peak ceiling."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright presets",
                "  mixwright presets --json"})
final class PresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> list = new ArrayList<>();
            for (Preset p : Preset.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.id());
                m.put("targetLufs", p.target().integratedLufs());
                m.put("ceilingDbtp", p.target().ceilingDbtp());
                list.add(m);
            }
            out.println(Json.write(Map.of("presets", list)));
        } else {
            out.printf("%-14s %8s %8s%n", "preset", "LUFS", "dBTP");
            for (Preset p : Preset.values()) {
                out.printf("%-14s %8s %8s%n", p.id(), Checks.format(p.target().integratedLufs()),
                        Checks.format(p.target().ceilingDbtp()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
