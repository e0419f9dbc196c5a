package io.github.mixwright.cli;

import io.github.mixwright.core.Checks;
import io.github.mixwright.io.AtomicFiles;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.mix.Json;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterChain;
import io.github.mixwright.mix.MasterException;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.MasterTarget;
import io.github.mixwright.mix.PlatformCheck;
import io.github.mixwright.mix.Preset;
import io.github.mixwright.mix.RenderFailure;
import io.github.mixwright.mix.plot.MasterPlots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mixwright master}: a mix to a master on a platform's loudness target and true-peak ceiling. */
@Command(name = "master",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Masters a mix to a loudness target and a true-peak ceiling, measured on the file written.",
                "The mix runs through a glue compressor (or --chain), a gain and a true-peak limiter; the gain is "
                        + "found by an analysis pass and checked on the written samples, with one correction "
                        + "pass if needed (at most 3 passes). When the target would need more than "
                        + "--max-limiting dB of limiting, the master stops there and says so."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright master mix.wav master.wav --preset spotify",
                "  mixwright master mix.wav master.wav --target -11 --ceiling -1 --report master.json",
                "  mixwright master mix.wav --platforms spotify,apple-music,youtube --out-dir masters",
                "  mixwright master mix.wav master.wav --chain \"eq b1type=highpass b1freq=30 | compressor ratio=2\""})
final class MasterCommand implements Callable<Integer> {
    @ParentCommand
    MixwrightCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "The mix to master (not with --album).")
    Path in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT",
            description = "The master to write (replaced if it exists, never the input); not with --platforms.")
    Path out;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A platform's or standard's target; 'mixwright presets' lists them. Default: spotify.")
    String preset;

    @Option(names = "--target", paramLabel = "LUFS", description = "Integrated loudness, -70 to 0 LUFS.")
    Double targetLufs;

    @Option(names = "--ceiling", paramLabel = "DBTP",
            description = "Highest true peak, -20 to 0 dBTP (default -1 with --target).")
    Double ceilingDbtp;

    @Option(names = "--platforms", paramLabel = "NAMES", split = ",",
            description = "One master per preset, written to --out-dir as <IN's name>-<preset>.wav.")
    List<String> platforms;

    @Option(names = "--album", arity = "1..*", paramLabel = "DIR_OR_FILE",
            description = "Master these tracks (WAV files, or every .wav of a directory, by name) as one album: one "
                    + "gain, so they keep their relative loudness; the album meets the target. Written to --out-dir "
                    + "under their own names.")
    List<Path> album;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where --platforms and --album write their masters.")
    Path outDir;

    @Option(names = "--chain", paramLabel = "CHAIN",
            description = "The stages before the limiter, as in 'mixwright process', replacing the glue compressor; "
                    + "a last 'limiter' stage sets the limiter (its ceiling is always the target's).")
    String chain;

    @Option(names = "--max-limiting", paramLabel = "DB", defaultValue = "6",
            description = "Most peak reduction the limiter may apply, 0 to 30 dB (default ${DEFAULT-VALUE}).")
    double maxLimiting;

    @Option(names = "--strict", description = "A target out of reach within --max-limiting is an error "
            + "(exit code 4), and nothing is written.")
    boolean strict;

    @Option(names = "--encoding", paramLabel = "ENCODING", converter = EncodingConverter.class,
            completionCandidates = EncodingConverter.class,
            description = "Output encoding: pcm16, pcm24, pcm32 or float32 (default pcm24); integers are dithered (TPDF).")
    SampleEncoding encoding;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report to FILE.")
    Path report;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write the pictures into DIR: loudness over time, "
            + "the spectrum before and after, the limiter's gain reduction and the stereo picture (PNG).")
    Path plots;

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        if (album != null) {
            return album();
        }
        if (in == null) {
            throw usage("missing IN: give the mix to master, or --album with the tracks");
        }
        List<Master.Output> outputs = outputs();
        MasterChain masterChain = checkSettings(in);
        int channels;
        try (WavReader reader = AudioFiles.open(in, false)) {
            channels = reader.channels();
        }
        PrintWriter err = spec.commandLine().getErr();
        Path failedOutput = outputs.size() == 1 ? outputs.get(0).file() : outDir;
        List<MasterResult> results = run(Master.of(in), masterChain, channels, "mastering", in + ": ",
                in.toString(), failedOutput, m -> m.render(outputs));
        if (report != null) {
            writeReport(Json.write(results.size() == 1 ? results.get(0).report() : reports(results)));
        }
        writePlots(results);
        print(spec.commandLine().getOut(), err, results);
        return ExitCodes.OK;
    }

    /** The chain, after the checks every form of the command shares. */
    private MasterChain checkSettings(Path input) {
        MasterChain masterChain = MasterChain.defaults();
        if (chain != null) {
            try {
                masterChain = MasterChain.parse(chain, parent.registry());
            } catch (IllegalArgumentException e) {
                throw usage("--chain: " + e.getMessage());
            }
        }
        Checks.inRange("--max-limiting", maxLimiting, 0, Master.MAX_LIMITING_DB);
        if (encoding == SampleEncoding.PCM8 || encoding == SampleEncoding.FLOAT64) {
            throw usage("--encoding " + encoding.id() + " is not a delivery format: use pcm16, pcm24, pcm32 or float32");
        }
        if (report != null) {
            String problem = AudioFiles.outputProblem("--report", report, input);
            if (problem != null) {
                throw usage(problem);
            }
        }
        if (plots != null && !Files.isDirectory(plots)) {
            throw usage("--plots '" + plots + "' is not a directory");
        }
        return masterChain;
    }

    /** The target of --preset or --target/--ceiling (Spotify's by default), and its name. */
    private Master.Output target(Path file) {
        if (preset != null && (targetLufs != null || ceilingDbtp != null)) {
            throw usage("--preset sets the target and the ceiling: give either --preset or --target/--ceiling");
        }
        if (preset != null) {
            Preset p = preset(preset);
            return new Master.Output(p.id(), p.target(), file);
        }
        if (targetLufs == null && ceilingDbtp == null) {
            return Master.Output.of(Preset.SPOTIFY, file);
        }
        double lufs = targetLufs != null ? targetLufs : Master.DEFAULT_TARGET.integratedLufs();
        double ceiling = ceilingDbtp != null ? ceilingDbtp : Master.DEFAULT_TARGET.ceilingDbtp();
        Checks.inRange("--target", lufs, MasterTarget.MIN_LUFS, MasterTarget.MAX_LUFS);
        Checks.inRange("--ceiling", ceiling, MasterTarget.MIN_CEILING_DBTP, MasterTarget.MAX_CEILING_DBTP);
        return new Master.Output("custom", new MasterTarget(lufs, ceiling), file);
    }

    /** {@code --album}: the tracks as one album into --out-dir. */
    private int album() throws Exception {
        if (in != null || out != null) {
            throw usage("--album takes the tracks itself: leave out IN and OUT");
        }
        if (platforms != null) {
            throw usage("--album masters to one target: leave out --platforms");
        }
        if (outDir == null || !Files.isDirectory(outDir)) {
            throw usage(outDir == null ? "--album needs --out-dir DIR, where the masters go"
                    : "--out-dir '" + outDir + "' is not a directory");
        }
        List<Path> tracks = new ArrayList<>();
        for (Path p : album) {
            if (Files.isDirectory(p)) {
                try (java.util.stream.Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                            .sorted().forEach(tracks::add);
                }
            } else {
                tracks.add(p);
            }
        }
        if (tracks.isEmpty()) {
            throw usage("--album: no .wav files in " + album);
        }
        List<Path> files = new ArrayList<>();
        java.util.Set<Path> names = new java.util.HashSet<>();
        for (Path t : tracks) {
            Path file = outDir.resolve(t.getFileName().toString());
            String problem = AudioFiles.outputProblem("--out-dir", file, t);
            if (problem != null) {
                throw usage(problem);
            }
            if (!names.add(file)) {
                throw usage("--album: two tracks are named " + t.getFileName() + ", and would both go to " + file);
            }
            files.add(file);
        }
        MasterChain masterChain = checkSettings(tracks.get(0));
        Master.Output target = target(null);
        int channels = 1;
        for (Path t : tracks) {
            try (WavReader reader = AudioFiles.open(t, false)) {
                channels = Math.max(channels, reader.channels());
            }
        }
        io.github.mixwright.mix.AlbumResult result = run(Master.albumOf(tracks).withTarget(target.target()),
                masterChain, channels, "mastering the album", "", "--album", outDir, m -> m.renderAlbum(files));
        if (report != null) {
            writeReport(result.toJson());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "album: %d tracks, %.2f LUFS, %.2f dBTP (target %s); gain %+.2f dB; %d passes%n",
                result.tracks().size(), result.output().integratedLufs(), result.output().truePeakDbtp(),
                target.target(), result.gainDb(), result.passes());
        for (String w : result.warnings()) {
            spec.commandLine().getErr().println("warning: album: " + w);
        }
        writePlots(result.tracks());
        print(o, spec.commandLine().getErr(), result.tracks());
        return ExitCodes.OK;
    }

    /** What to render with a configured master. */
    private interface Job<T> {
        T run(Master m) throws IOException;
    }

    /**
     * Runs {@code job} on {@code base} with the options' chain, limits, encoding and threads, and a progress
     * line on terminals; failures become the command's: exit 4 for a strict target out of reach, 3 for the
     * input, 1 for the output.
     *
     * @param prefix before a master's own message ({@code "IN: "})
     * @param input names the input in read failures
     * @param output names the output in write failures
     */
    private <T> T run(Master base, MasterChain masterChain, int channels, String label, String prefix, String input,
            Path output, Job<T> job) throws CliFailure {
        ExecutorService workers = WorkerPool.forChannels(channels, "mixwright-master");
        TerminalProgress progress = TerminalProgress.forStderr(label);
        try {
            Master master = base.withChain(masterChain).withMaxLimitingDb(maxLimiting).withStrict(strict)
                    .withEncoding(encoding == null ? SampleEncoding.PCM24 : encoding)
                    .withThreads(WorkerPool.io()).withWorkers(workers);
            if (progress != null) {
                master = master.onProgress(progress::update);
            }
            return job.run(master);
        } catch (MasterException e) {
            int code = e.reason() == MasterException.Reason.TARGET_NOT_REACHED ? ExitCodes.TARGET_NOT_REACHED
                    : ExitCodes.BAD_INPUT;
            throw new CliFailure(code, prefix + e.getMessage(), e);
        } catch (RenderFailure f) {
            throw f.side() == RenderFailure.Side.INPUT ? CliFailure.input(input, f.getCause())
                    : CliFailure.output(output, f.getCause());
        } catch (IOException e) {
            throw CliFailure.output(output, e);
        } finally {
            if (progress != null) {
                progress.done();
            }
            if (workers != null) {
                workers.shutdown();
            }
        }
    }

    private void writeReport(String json) throws CliFailure {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(report, o -> o.write(bytes));
        } catch (IOException e) {
            throw CliFailure.output(report, e);
        }
    }

    private void writePlots(List<MasterResult> results) throws CliFailure {
        if (plots == null) {
            return;
        }
        for (MasterResult r : results) {
            try {
                MasterPlots.write(r, plots);
            } catch (IOException e) {
                throw CliFailure.output(plots, e);
            }
        }
    }

    private static Map<String, Object> reports(List<MasterResult> results) {
        List<Object> list = new ArrayList<>();
        for (MasterResult r : results) {
            list.add(r.report());
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("masters", list);
        return all;
    }

    /** The outputs the options ask for, with every usage error found before any work. */
    private List<Master.Output> outputs() {
        if (platforms != null) {
            if (out != null) {
                throw usage("OUT cannot be given with --platforms: the masters go to --out-dir");
            }
            if (preset != null || targetLufs != null || ceilingDbtp != null) {
                throw usage("--platforms gives each master its preset's target: leave out --preset, --target and --ceiling");
            }
            if (outDir == null) {
                throw usage("--platforms needs --out-dir DIR, where the masters go");
            }
            if (!Files.isDirectory(outDir)) {
                throw usage("--out-dir '" + outDir + "' is not a directory");
            }
            String base = in.getFileName().toString().replaceFirst("(?i)\\.(wav|rf64|w64)$", "");
            List<Master.Output> list = new ArrayList<>();
            for (String name : platforms) {
                Preset p = preset(name.trim());
                Path file = outDir.resolve(base + "-" + p.id() + ".wav");
                String problem = AudioFiles.outputProblem("--out-dir", file, in);
                if (problem != null) {
                    throw usage(problem);
                }
                if (list.stream().anyMatch(o -> o.name().equals(p.id()))) {
                    throw usage("--platforms names " + p.id() + " twice");
                }
                list.add(Master.Output.of(p, file));
            }
            return list;
        }
        if (outDir != null) {
            throw usage("--out-dir goes with --platforms; for one master give OUT");
        }
        if (out == null) {
            throw usage("missing OUT: give the file to write, or --platforms with --out-dir");
        }
        String problem = AudioFiles.outputProblem("OUT", out, in);
        if (problem != null) {
            throw usage(problem);
        }
        return List.of(target(out));
    }

    private Preset preset(String name) {
        try {
            return Preset.of(name);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** One paragraph per master: where, how loud, what it took, and what each platform will do. */
    private static void print(PrintWriter out, PrintWriter err, List<MasterResult> results) {
        for (MasterResult r : results) {
            out.printf(Locale.ROOT, "%s: %s%n", r.name(), r.file());
            out.printf(Locale.ROOT, "  %.2f LUFS, %.2f dBTP (target %s); gain %+.2f dB, limiter up to %.1f dB; %d passes%n",
                    r.output().integratedLufs(), r.output().truePeakDbtp(), r.target(), r.gainDb(),
                    r.limiter().maxReductionDb(), r.passes());
            List<String> playback = new ArrayList<>();
            for (PlatformCheck c : r.platforms()) {
                playback.add(c.playback());
            }
            out.println("  " + String.join("; ", playback));
            for (String w : r.warnings()) {
                err.println("warning: " + r.name() + ": " + w);
            }
        }
        out.flush();
    }
}
