package io.github.mixwright.cli;

import io.github.mixwright.core.ProcessorRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code mixwright} command: global options and the subcommands. */
@Command(name = "mixwright",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Mixes, masters, processes and converts audio files (WAV and RF64).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright info song.wav --json",
                "  mixwright convert song.wav song-float.wav --encoding float32",
                "  mixwright process in.wav out.wav --chain \"gain db=-3 | width amount=1.2\"",
                "  mixwright processors",
                "  mixwright response --chain \"peak freq=3000 gain=2 q=1\" --png eq.png",
                "  mixwright loudness master.wav --json --png loudness.png",
                "  mixwright master mix.wav master.wav --preset spotify --report master.json",
                "  mixwright demo demo-output"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:could not write the output, or an internal error",
                "2:usage error: bad option, parameter, chain or output path",
                "3:the input file is unreadable or not valid audio",
                "4:master --strict: the target would need more limiting than allowed"})
final class MixwrightCommand implements Callable<Integer> {
    static final String DEBUG = "--debug";

    /**
     * The subcommands, in help order. Main registers only the one a command line names, because
     * building each command's model from its annotations is a large share of start-up time.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    private final Supplier<ProcessorRegistry> registrySupplier;
    private ProcessorRegistry registry;

    MixwrightCommand(Supplier<ProcessorRegistry> registrySupplier) {
        this.registrySupplier = registrySupplier;
    }

    /** The processors; loaded on first use because scanning service providers costs start-up time. */
    ProcessorRegistry registry() {
        if (registry == null) {
            registry = registrySupplier.get();
        }
        return registry;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", SUBCOMMANDS.keySet()));
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("info", InfoCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("process", ProcessCommand::new);
        m.put("processors", ProcessorsCommand::new);
        m.put("response", ResponseCommand::new);
        m.put("loudness", LoudnessCommand::new);
        m.put("master", MasterCommand::new);
        m.put("mix", MixCommand::new);
        m.put("presets", PresetsCommand::new);
        m.put("demo", DemoCommand::new);
        return Collections.unmodifiableMap(m);
    }
}
