package io.github.mixwright.cli;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavWriter;
import io.github.mixwright.io.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mixwright demo [DIR]}: renders a short demo song, its processed stems and the mix. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Writes a short demo song: processed stems and their mix.",
                "Synthesises kick, hats, bass, pad and lead, processes each track with gain, pan, width "
                        + "and polarity (with automation), mixes them to stereo and writes every stem and "
                        + "mix.wav as 48 kHz 24-bit WAV files. The files are the same on every run."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright demo",
                "  mixwright demo /tmp/demo && mixwright info /tmp/demo/mix.wav"})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    MixwrightCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Directory to write to, created if missing. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR '" + dir + "' is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CliFailure.output(dir, e);
        }
        DemoSong.Song song = DemoSong.render(parent.registry(), DemoSong.SEED);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "demo: %.1f s at %d Hz, stereo, 24-bit, in %s%n", DemoSong.SECONDS,
                DemoSong.SAMPLE_RATE, dir);
        for (DemoSong.Stem stem : song.stems()) {
            write(out, stem.name() + ".wav", stem.audio(), stem.description());
        }
        write(out, "mix.wav", song.mix(), "all stems summed; the master gain fades out over the last 2.5 s");
        out.flush();
        return ExitCodes.OK;
    }

    private void write(PrintWriter out, String name, AudioBuffer audio, String description) throws CliFailure {
        Path file = dir.resolve(name);
        // 24-bit needs dither; a fixed seed keeps the files identical from run to run.
        WriteOptions options = WriteOptions.defaults().withDither(Dither.TPDF).withSeed(DemoSong.SEED);
        try (WavWriter writer = WavWriter.create(file,
                WavFormat.of(DemoSong.SAMPLE_RATE, audio.channels(), SampleEncoding.PCM24), options)) {
            writer.write(audio);
            writer.commit();
        } catch (IOException e) {
            throw CliFailure.output(file, e);
        }
        out.printf(Locale.ROOT, "  wrote %-10s peak %6.1f dBFS  %s%n", name, DemoSong.peakDb(audio), description);
    }
}
