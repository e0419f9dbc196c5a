package io.github.mixwright.cli;

import io.github.mixwright.mix.Json;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mixwright info FILE [--json]}: the format and length of an audio file. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shows the format and length of an audio file.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright info song.wav",
                "  mixwright info song.wav --json",
                "",
                "JSON keys: sampleRate, channels, frames, durationSeconds, encoding",
                "(pcm8, pcm16, pcm24, pcm32, float32, float64), container (wav, rf64)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A WAV or RF64 file.")
    Path file;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        try (WavReader reader = AudioFiles.open(file)) {
            WavFormat f = reader.format();
            facts.put("sampleRate", f.sampleRate());
            facts.put("channels", f.channels());
            facts.put("frames", reader.frames());
            facts.put("durationSeconds", reader.frames() / (double) f.sampleRate());
            facts.put("encoding", f.encoding().id());
            facts.put("container", reader.container().id());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(facts));
        } else {
            out.println(file);
            row(out, "container", facts.get("container"));
            row(out, "encoding", facts.get("encoding") + encodingNote((String) facts.get("encoding")));
            row(out, "sample rate", facts.get("sampleRate") + " Hz");
            row(out, "channels", facts.get("channels"));
            row(out, "frames", facts.get("frames"));
            row(out, "duration", duration((Double) facts.get("durationSeconds")));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void row(PrintWriter out, String name, Object value) {
        out.printf(Locale.ROOT, "  %-12s %s%n", name, value);
    }

    private static String encodingNote(String id) {
        if (id.startsWith("pcm")) {
            return " (" + id.substring(3) + "-bit integer)";
        }
        return " (" + id.substring(5) + "-bit floating point)";
    }

    /** Seconds as {@code "754.321 s (12:34.321)"}, with hours when there are any. */
    static String duration(double seconds) {
        long millis = Math.round(seconds * 1000);
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        double s = (millis % 60_000) / 1000.0;
        String clock = h > 0 ? String.format(Locale.ROOT, "%d:%02d:%06.3f", h, m, s)
                : String.format(Locale.ROOT, "%d:%06.3f", m, s);
        return String.format(Locale.ROOT, "%.3f s (%s)", seconds, clock);
    }
}
