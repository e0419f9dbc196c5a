package io.github.mixwright.cli;

import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Render;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code mixwright convert IN OUT [--encoding E] [--dither D]}: changes a file's sample encoding. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Converts an audio file to another sample encoding.",
                "Samples pass unchanged when the encoding stays the same; a conversion to fewer bits is "
                        + "dithered (TPDF) by default."},
        resourceBundle = "io.github.mixwright.cli.ConvertCommand",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright convert song.wav song-float.wav --encoding float32",
                "  mixwright convert master.wav cd.wav --encoding pcm16",
                "  mixwright convert master.wav cd.wav --encoding pcm16 --dither none"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TranscodeOptions files;

    @Override
    public Integer call() throws Exception {
        AudioFiles.checkOutput(spec.commandLine(), "OUT", files.out, files.in);
        return convert(files, spec.commandLine().getErr());
    }

    /**
     * Converts {@code files.in} to {@code files.out}, whose path {@link AudioFiles#checkOutput} has
     * accepted, writing warnings to {@code err}: the command's work, which {@link FastPath} runs too.
     */
    static int convert(TranscodeOptions files, PrintWriter err) throws Exception {
        // The render reads ahead and writes behind on threads of its own: no I/O threads besides.
        try (WavReader reader = AudioFiles.open(files.in, false)) {
            WavFormat source = reader.format();
            SampleEncoding target = files.encoding != null ? files.encoding : source.encoding();
            Dither d = files.dither != null ? files.dither : WriteOptions.defaultDither(source.encoding(), target);
            if (target == source.encoding() && d == Dither.NONE && !exactInFloat(target)) {
                // Audio buffers hold float samples, which cannot carry every 32-bit integer or double.
                // The file bytes are copied as they are, through a temporary file beside OUT, like WavWriter.
                AtomicOutput.copy(files.in, files.out);
                return ExitCodes.OK;
            }
            WavFormat format = new WavFormat(source.sampleRate(), source.channels(), target, source.channelMask());
            long clipped = FileRender.run(Render.of(reader), files.in, files.out, format,
                    WriteOptions.defaults().withDither(d));
            Warnings.clipped(err, files.out, clipped);
        }
        return ExitCodes.OK;
    }

    /** Whether a float sample holds every value of {@code e} exactly (24-bit significand). */
    static boolean exactInFloat(SampleEncoding e) {
        return e != SampleEncoding.PCM32 && e != SampleEncoding.FLOAT64;
    }
}
