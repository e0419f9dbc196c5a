package io.github.mixwright.cli;

import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every file-to-file command shares ({@code convert}, {@code process}): IN, OUT,
 * {@code --encoding} and {@code --dither}, declared once as a picocli mixin.
 *
 * <p>The default dither differs between the commands, so the {@code --dither} description comes from
 * each command's resource bundle (key {@code dither}, in {@code <Command>.properties} beside the class);
 * picocli resolves an option's description key against the bundle of the command it is mixed into.
 */
final class TranscodeOptions {
    @Parameters(index = "0", paramLabel = "IN", description = "The file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced if it exists, never the input).")
    Path out;

    @Option(names = "--encoding", paramLabel = "ENCODING", converter = EncodingConverter.class,
            completionCandidates = EncodingConverter.class,
            description = "Output encoding: ${COMPLETION-CANDIDATES}. Default: the input's.")
    SampleEncoding encoding;

    @Option(names = "--dither", paramLabel = "DITHER", converter = DitherConverter.class,
            completionCandidates = DitherConverter.class, descriptionKey = "dither",
            description = "Dither: ${COMPLETION-CANDIDATES}.")
    Dither dither;
}
