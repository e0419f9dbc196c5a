package io.github.mixwright.cli;

import io.github.mixwright.core.AdaptedChain;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.filters.LinearPhaseEq;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Render;
import io.github.mixwright.filters.LinearChains;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mixwright process IN OUT --chain CHAIN}: streams a file through a chain of processors. */
@Command(name = "process",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Runs an audio file through a chain of processors.",
                "CHAIN is a list of stages separated by '|', each a processor name followed by "
                        + "name=value parameters; 'mixwright processors' lists them all. A mono input "
                        + "is made stereo when a stage needs two channels. The output has the input's "
                        + "length, aligned with it, whatever the chain's latency."},
        resourceBundle = "io.github.mixwright.cli.ProcessCommand",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright process in.wav out.wav \\",
                "      --chain \"gain db=-3 | pan position=-0.3 | width amount=1.2\"",
                "  mixwright process in.wav out.wav --chain \"polarity channels=left\" \\",
                "      --encoding float32",
                "  mixwright process voice.wav left.wav --chain \"pan position=-1 mode=mono\"",
                "  mixwright process mix.wav master.wav --linear-phase 16384 \\",
                "      --chain \"lowshelf freq=100 gain=2 q=0.7 | peak freq=3000 gain=-2 q=1.5\""})
final class ProcessCommand implements Callable<Integer> {
    @ParentCommand
    MixwrightCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    TranscodeOptions files;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN",
            description = "The processing chain, stages separated by '|'.")
    String chainText;

    @Option(names = "--linear-phase", arity = "0..1", paramLabel = "TAPS", fallbackValue = "8192",
            description = {"Replace the chain by one linear-phase FIR of TAPS taps (4096 to 65536; 8192 if "
                    + "no value is given) with the chain's magnitude response and no phase shift. Every "
                    + "stage must be a linear filter. Longer filters resolve lower frequencies "
                    + "(about rate/TAPS Hz) but ring for longer before transients."})
    Integer linearPhaseTaps;

    @Override
    public Integer call() throws Exception {
        return process(files, chainText, linearPhaseTaps, parent.registry(), spec.commandLine().getErr(),
                message -> new ParameterException(spec.commandLine(), message));
    }

    /**
     * Runs {@code chainText} (over {@code registry}'s processors) from {@code files.in} to {@code files.out},
     * writing warnings to {@code err}: the command's work, which {@link FastPath} runs too. Usage errors
     * found along the way are thrown as {@code usage} makes them.
     */
    static int process(TranscodeOptions files, String chainText, Integer linearPhaseTaps, ProcessorRegistry registry,
            PrintWriter err, Function<String, RuntimeException> usage) throws Exception {
        ChainSpec chainSpec = ChainSpec.parse(chainText, registry);
        if (linearPhaseTaps != null) {
            Checks.inRange("--linear-phase", linearPhaseTaps, LinearPhaseEq.MIN_LENGTH, LinearPhaseEq.MAX_LENGTH);
        }
        String problem = AudioFiles.outputProblem("OUT", files.out, files.in);
        if (problem != null) {
            throw usage.apply(problem);
        }
        // The render reads ahead and writes behind on threads of its own: no I/O threads besides.
        try (WavReader reader = AudioFiles.open(files.in, false)) {
            WavFormat source = reader.format();
            Chain built = chainSpec.build();
            if (linearPhaseTaps != null) {
                built = Chain.of(LinearPhaseEq.fromResponse(
                        LinearChains.response(built, source.sampleRate()), linearPhaseTaps));
            } else {
                built = LinearChains.fuseCookbookStages(built, source.sampleRate());
            }
            int channels;
            try {
                channels = AdaptedChain.of(built, source.channels()).outputChannels();
            } catch (IllegalArgumentException e) {
                throw usage.apply("--chain: " + e.getMessage() + " (IN '" + files.in
                        + "' has " + source.channels() + (source.channels() == 1 ? " channel)" : " channels)"));
            }
            boolean upmix = channels != source.channels();
            SampleEncoding target = files.encoding != null ? files.encoding : source.encoding();
            Dither d = files.dither != null ? files.dither : target.isFloat() ? Dither.NONE : Dither.TPDF;
            WavFormat format = upmix ? WavFormat.of(source.sampleRate(), 2, target)
                    : new WavFormat(source.sampleRate(), channels, target, source.channelMask());
            // Stages that spread a block's channels over threads (the limiter's detectors) get a pool.
            ExecutorService pool = WorkerPool.forChannels(channels, "mixwright-process");
            built.setExecutor(pool);
            long clipped;
            try {
                // The output keeps the input's length: a reverb's ring is cut where the input ends.
                clipped = FileRender.run(Render.of(reader).through(built).withTail(false), files.in, files.out,
                        format, WriteOptions.defaults().withDither(d));
            } finally {
                if (pool != null) {
                    pool.shutdown();
                }
            }
            Warnings.clipped(err, files.out, clipped);
        }
        return ExitCodes.OK;
    }
}
