package io.github.mixwright.cli;

import io.github.mixwright.mix.plot.LoudnessPlot;
import io.github.mixwright.mix.Json;
import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.Checks;
import io.github.mixwright.io.WavFormat;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.mix.Csv;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderFailure;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.loudness.KWeighting;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mixwright loudness FILE...}: loudness after ITU-R BS.1770-4 / EBU R128 ({@link LoudnessMeter})
 * of each file and, for several, of all of them as one album; as text or JSON, with the 100 ms series
 * as CSV and a plot.
 */
@Command(name = "loudness",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Measures loudness after EBU R128 / ITU-R BS.1770-4.",
                "Integrated loudness, loudness range, true and sample peak, the highest momentary "
                        + "(400 ms) and short-term (3 s) loudness and the peak-to-loudness ratio of each "
                        + "file; with several files also of the album (the files played one after the "
                        + "other). Channels are weighted by the WAV speaker mask, or by the default layout "
                        + "of 1, 2, 6 (5.1) or 8 (7.1) channels, or by --weights."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright loudness song.wav",
                "  mixwright loudness song.wav --json --png song-loudness.png --target -14",
                "  mixwright loudness 01.wav 02.wav 03.wav --json --series album.csv",
                "  mixwright loudness quad.wav --weights 1,1,1.41,1.41",
                "",
                "JSON keys of a file: file, integratedLufs, loudnessRangeLu, truePeakDbtp,",
                "samplePeakDbfs, maxMomentaryLufs, maxShortTermLufs, plrDb, sampleRate,",
                "channels, frames. Several files give {\"files\": [...], \"album\": {...}}, the",
                "album with integratedLufs, loudnessRangeLu, truePeakDbtp, samplePeakDbfs,",
                "maxMomentaryLufs, maxShortTermLufs, plrDb and frames (the sum). Silence",
                "measures -Infinity, which JSON lacks: it is written as null (text shows",
                "-inf); plrDb is null when nothing is loud enough to integrate.",
                "",
                "CSV columns: file, seconds (end of each 100 ms step, from the file's start),",
                "momentary_lufs, short_term_lufs; silence is -Infinity."})
final class LoudnessCommand implements Callable<Integer> {
    static final double MIN_TARGET = -70;
    static final double MAX_TARGET = 0;
    static final double MAX_WEIGHT = 100;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FILE", description = "WAV or RF64 files.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--series", paramLabel = "CSV",
            description = "Write momentary and short-term loudness every 100 ms as CSV (all files, "
                    + "with a file column).")
    Path series;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Write a plot (1200 x 800 PNG) of momentary and short-term loudness over time, "
                    + "with the integrated loudness and the target; several files are drawn one after "
                    + "the other.")
    Path png;

    @Option(names = "--target", paramLabel = "LUFS", defaultValue = "-23",
            description = "Target loudness drawn in the plot, " + "-70 to 0 LUFS. Default: ${DEFAULT-VALUE} "
                    + "(EBU R128 broadcast; streaming services use about -14).")
    double target;

    @Option(names = "--weights", paramLabel = "W", split = ",",
            description = "Channel weights, one per channel, each 0 to 100, comma-separated (BS.1770-4: "
                    + "1 for front channels, 1.41 for side surrounds, 0 for the LFE). Default: from the "
                    + "speaker mask or the channel count.")
    double[] weights;

    /** A file to measure: its format and the weights of its channels. */
    private record Input(Path file, WavFormat format, double[] weights) {
    }

    /** A measured file. */
    private record Measured(Path file, WavFormat format, LoudnessMeter meter) {
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        // Every header first, so a bad file or layout is reported before minutes of measuring.
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(plan(f));
        }
        List<Measured> measured = new ArrayList<>();
        ExecutorService pool = channelPool(inputs);
        try {
            for (Input in : inputs) {
                measured.add(new Measured(in.file(), in.format(), measure(in, pool)));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Measured m : measured) {
            long bad = m.meter().nonFiniteSamples();
            if (bad > 0) {
                err.println("warning: " + m.file() + ": " + bad + " non-finite sample" + (bad == 1 ? "" : "s")
                        + " (NaN or infinity) measured as silence");
            }
        }
        err.flush();
        LoudnessResult album = measured.size() > 1
                ? LoudnessMeter.album(measured.stream().map(Measured::meter).toList()) : null;

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(jsonOf(measured, album)));
        } else {
            printText(out, measured, album);
        }
        out.flush();
        if (series != null) {
            String text = csv(measured);
            AtomicOutput.write(series, s -> s.write(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (png != null) {
            writePlot(measured, album);
        }
        return ExitCodes.OK;
    }

    private void checkOptions() {
        if (!(target >= MIN_TARGET && target <= MAX_TARGET)) {
            throw usage("--target " + Checks.format(target) + " is out of range [" + Checks.format(MIN_TARGET)
                    + ", " + Checks.format(MAX_TARGET) + "] (LUFS)");
        }
        if (weights != null) {
            for (int c = 0; c < weights.length; c++) {
                if (!(weights[c] >= 0 && weights[c] <= MAX_WEIGHT)) {
                    throw usage("--weights: weight " + Checks.format(weights[c]) + " of channel " + (c + 1)
                            + " is out of range [0, " + Checks.format(MAX_WEIGHT) + "]");
                }
            }
        }
        for (Path f : files) {
            if (series != null) {
                AudioFiles.checkOutput(spec.commandLine(), "--series", series, f);
            }
            if (png != null) {
                AudioFiles.checkOutput(spec.commandLine(), "--png", png, f);
            }
        }
        if (series != null && png != null
                && series.toAbsolutePath().normalize().equals(png.toAbsolutePath().normalize())) {
            throw usage("--png and --series name the same file '" + png + "'");
        }
    }

    /** Reads the header of {@code file} and chooses its channel weights. */
    private Input plan(Path file) throws CliFailure {
        WavFormat format;
        try (WavReader reader = AudioFiles.open(file)) {
            format = reader.format();
        } catch (IOException e) {
            throw CliFailure.input(file, e);
        }
        int rate = format.sampleRate();
        if (rate < KWeighting.MIN_SAMPLE_RATE || rate > KWeighting.MAX_SAMPLE_RATE) {
            throw CliFailure.input(file, "sample rate " + rate + " Hz is out of range ["
                    + Checks.format(KWeighting.MIN_SAMPLE_RATE) + ", " + Checks.format(KWeighting.MAX_SAMPLE_RATE)
                    + "] for loudness measurement");
        }
        return new Input(file, format, weightsFor(file, format));
    }

    private double[] weightsFor(Path file, WavFormat format) {
        int channels = format.channels();
        if (weights != null) {
            if (weights.length != channels) {
                throw usage("--weights has " + weights.length + (weights.length == 1 ? " value" : " values")
                        + " but FILE '" + file + "' has " + channels + (channels == 1 ? " channel" : " channels")
                        + ": give one weight per channel");
            }
            return weights.clone();
        }
        try {
            return LoudnessMeter.weightsForWaveMask(format.channelMask(), channels);
        } catch (IllegalArgumentException e) {
            String mask = format.channelMask() == 0 ? "no speaker mask"
                    : "a speaker mask naming only " + Integer.bitCount(format.channelMask()) + " speakers";
            throw usage("FILE '" + file + "' has " + channels + " channels and " + mask
                    + ", so its channel weights are unknown: give one per channel with --weights, e.g. --weights "
                    + String.join(",", Collections.nCopies(channels, "1"))
                    + " (1 for front channels, 1.41 for side surrounds, 0 for the LFE). Known without --weights: "
                    + "1 channel (mono), 2 (stereo), 6 (5.1: L R C LFE Ls Rs), 8 (7.1: L R C LFE Lss Rss Lrs Rrs)"
                    + " or a WAV speaker mask naming every channel");
        }
    }

    /** The pool that measures the channels of a block in parallel; none for mono files only. */
    private static ExecutorService channelPool(List<Input> inputs) {
        int channels = inputs.stream().mapToInt(in -> in.format().channels()).max().orElse(1);
        return WorkerPool.forChannels(channels, "mixwright-loudness");
    }

    /** Reads {@code in} block by block (decoding on a lent thread) into a new meter. */
    private static LoudnessMeter measure(Input in, ExecutorService pool) throws CliFailure {
        WavFormat f = in.format();
        LoudnessMeter meter = LoudnessMeter.builder(f.sampleRate(), f.channels())
                .weights(in.weights()).executor(pool).build();
        try (WavReader reader = AudioFiles.open(in.file())) {
            if (!reader.format().equals(f)) {
                throw CliFailure.input(in.file(), "changed while being measured");
            }
            // decoding ahead on a lent thread while this one measures
            Render.of(reader).withThreads(WorkerPool.io()).run(RenderSink.meter(meter));
        } catch (RenderFailure e) {
            throw CliFailure.input(in.file(), e.getCause());
        } catch (IOException e) {
            throw CliFailure.input(in.file(), e);
        }
        return meter;
    }

    // ---- JSON

    private static Object jsonOf(List<Measured> measured, LoudnessResult album) {
        if (album == null) {
            return fileJson(measured.get(0));
        }
        List<Object> list = new ArrayList<>();
        long frames = 0;
        for (Measured m : measured) {
            list.add(fileJson(m));
            frames += m.meter().frames();
        }
        Map<String, Object> a = new LinkedHashMap<>();
        putResult(a, album);
        a.put("frames", frames);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("files", list);
        all.put("album", a);
        return all;
    }

    private static Map<String, Object> fileJson(Measured m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", m.file().toString());
        putResult(o, m.meter().result());
        o.put("sampleRate", m.format().sampleRate());
        o.put("channels", m.format().channels());
        o.put("frames", m.meter().frames());
        return o;
    }

    private static void putResult(Map<String, Object> o, LoudnessResult r) {
        o.putAll(MasterResult.figures(r));
    }

    // ---- text

    private static void printText(PrintWriter out, List<Measured> measured, LoudnessResult album) {
        double totalSeconds = 0;
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            if (i > 0) {
                out.println();
            }
            out.println(m.file());
            printResult(out, m.meter().result());
            row(out, "sample rate", Integer.toString(m.format().sampleRate()), "Hz");
            row(out, "channels", Integer.toString(m.format().channels()), "");
            double seconds = m.meter().frames() / (double) m.format().sampleRate();
            totalSeconds += seconds;
            printDuration(out, seconds);
        }
        if (album != null) {
            out.println();
            out.println("album (" + measured.size() + " files, one after the other)");
            printResult(out, album);
            printDuration(out, totalSeconds);
        }
    }

    private static void printResult(PrintWriter out, LoudnessResult r) {
        row(out, "integrated", fixed(r.integratedLufs()), "LUFS");
        row(out, "loudness range", fixed(r.loudnessRangeLu()), "LU");
        row(out, "true peak", fixed(r.truePeakDbtp()), "dBTP");
        row(out, "sample peak", fixed(r.samplePeakDbfs()), "dBFS");
        row(out, "max momentary", fixed(r.maxMomentaryLufs()), "LUFS");
        row(out, "max short-term", fixed(r.maxShortTermLufs()), "LUFS");
        row(out, "PLR", fixed(r.plrDb()), "dB");
    }

    private static void printDuration(PrintWriter out, double seconds) {
        // "75.001 s (1:15.001)": the number in the value column, the unit and clock after it
        String d = InfoCommand.duration(seconds);
        int space = d.indexOf(' ');
        row(out, "duration", d.substring(0, space), d.substring(space + 1));
    }

    private static void row(PrintWriter out, String name, String value, String unit) {
        String line = String.format(Locale.ROOT, "  %-15s %9s %s", name, value, unit);
        out.println(line.stripTrailing());
    }

    /** Two decimals; {@code -inf} for silence, {@code n/a} for a figure that does not exist (NaN). */
    static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v < 0 ? "-inf" : "inf";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }

    // ---- CSV

    private static String csv(List<Measured> measured) {
        return Csv.loudnessSeries(measured.stream().map(m -> m.file().toString()).toList(),
                measured.stream().map(m -> m.meter().series()).toList());
    }

    // ---- plot

    private void writePlot(List<Measured> measured, LoudnessResult album) throws CliFailure {
        List<LoudnessPlot.Track> tracks = new ArrayList<>();
        for (Measured m : measured) {
            tracks.add(new LoudnessPlot.Track(fileName(m.file()), m.meter().series(),
                    m.meter().frames() / (double) m.format().sampleRate(), m.meter().integratedLufs()));
        }
        String title;
        String subtitle;
        if (album == null) {
            Measured m = measured.get(0);
            LoudnessResult r = m.meter().result();
            title = fileName(m.file());
            subtitle = summary(r) + ", " + ResponseCommand.rateText(m.format().sampleRate()) + ", "
                    + m.format().channels() + (m.format().channels() == 1 ? " channel" : " channels");
        } else {
            title = String.join(", ", tracks.stream().map(LoudnessPlot.Track::name).toList());
            subtitle = "Album of " + measured.size() + " files: " + summary(album);
        }
        BufferedImage image = LoudnessPlot.render(tracks, target, title, subtitle);
        // In memory: by default ImageIO buffers a stream through a cache file in java.io.tmpdir.
        ImageIO.setUseCache(false);
        AtomicOutput.write(png, s -> {
            if (!ImageIO.write(image, "png", s)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    private static String summary(LoudnessResult r) {
        return "integrated " + oneDecimal(r.integratedLufs()) + " LUFS, range " + oneDecimal(r.loudnessRangeLu())
                + " LU, true peak " + oneDecimal(r.truePeakDbtp()) + " dBTP";
    }

    /** One decimal, as loudness is usually quoted; {@code -inf} and {@code n/a} as in the text table. */
    static String oneDecimal(double v) {
        if (!Double.isFinite(v)) {
            return fixed(v);
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.equals("-0.0") ? "0.0" : s;
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
