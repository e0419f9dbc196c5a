package io.github.mixwright.cli;

import io.github.mixwright.io.AtomicFiles;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterException;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.MixReport;
import io.github.mixwright.mix.MixStream;
import io.github.mixwright.mix.Render;
import io.github.mixwright.mix.RenderFailure;
import io.github.mixwright.mix.RenderSink;
import io.github.mixwright.mix.Session;
import io.github.mixwright.mix.SessionException;
import io.github.mixwright.mix.WavSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mixwright mix SESSION OUT [--master-out M.wav]}: renders a session file. */
@Command(name = "mix",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Renders the mix a session file describes: its tracks, buses and master inserts, to a "
                + "stereo file; with --master-out, also its master, at the session's master.target.",
                "docs/mix.md describes the session file."},
        footerHeading = "%nExamples:%n",
        footer = {"  mixwright mix song.json mix.wav",
                "  mixwright mix song.json mix.wav --master-out master.wav"})
final class MixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session file (JSON).")
    Path session;

    @Parameters(index = "1", paramLabel = "OUT", description = "The mix, a WAV file.")
    Path out;

    @Option(names = "--master-out", paramLabel = "FILE",
            description = "Also master the mix to the session's master.target, into FILE (24-bit).")
    Path masterOut;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the mix report (JSON) to FILE: each track's, bus's and the master's peak, RMS, "
                    + "loudness, clipped samples and 1/3-octave spectrum, and where tracks mask each other.")
    Path report;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write the mix report's pictures into DIR: "
            + "mix-spectra.png, mix-loudness.png and mix-masking.png.")
    Path plots;

    @Option(names = "--encoding", paramLabel = "ENCODING", converter = EncodingConverter.class,
            description = "The mix's sample encoding (default float32, which keeps what goes over full scale).")
    SampleEncoding encoding;

    @Override
    public Integer call() throws Exception {
        for (Path p : masterOut == null ? new Path[] {out} : new Path[] {out, masterOut}) {
            String problem = AudioFiles.outputProblem(p == out ? "OUT" : "--master-out", p, session);
            if (problem != null) {
                throw new ParameterException(spec.commandLine(), problem);
            }
        }
        if (masterOut != null && masterOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--master-out is OUT; give the master its own file");
        }
        Session s;
        try {
            s = Session.load(session);
        } catch (SessionException e) {
            throw new CliFailure(ExitCodes.BAD_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw CliFailure.input(session, e);
        }
        if (masterOut != null && s.target() == null) {
            throw new ParameterException(spec.commandLine(), "--master-out: " + session
                    + " has no master.target; add one (a preset name or {\"lufs\": -14, \"ceilingDbtp\": -1})");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = cores > 1 ? Executors.newFixedThreadPool(cores - 1, r -> {
            Thread t = new Thread(r, "mixwright-mix");
            t.setDaemon(true);
            return t;
        }) : null;
        Mix mix = pool == null ? s.mix() : s.mix().withThreads(pool, cores);
        PrintWriter o = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.forStderr("mixing");
        try {
            WavSink sink = RenderSink.wav(out, encoding == null ? SampleEncoding.FLOAT32 : encoding,
                    WriteOptions.defaults().withWriteBehind(false));
            MixStream stream = report == null && plots == null ? null : mix.openMeasured();
            Render.Result r;
            // closing the stream stops the mix's own thread, after a failure or a cancellation too
            try (io.github.mixwright.core.AudioSource source = stream == null ? mix.open() : stream) {
                Render render = Render.of(source).withThreads(WorkerPool.io());
                if (progress != null) {
                    render = render.onProgress(p -> progress.update(1, p));
                }
                r = render.run(sink);
            }
            o.printf(Locale.ROOT, "mix: %s, %d tracks, %d buses, %.2f s%n", out, mix.tracks().size(),
                    mix.buses().size(), r.outputFrames() / mix.sampleRate());
            Warnings.clipped(spec.commandLine().getErr(), out, sink.clippedSamples());
            if (stream != null) {
                MixReport rep = stream.report();
                if (report != null) {
                    byte[] bytes = rep.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    try {
                        AtomicFiles.write(report, w -> w.write(bytes));
                    } catch (IOException e) {
                        throw CliFailure.output(report, e);
                    }
                }
                if (plots != null) {
                    try {
                        java.nio.file.Files.createDirectories(plots);
                        for (Path p : io.github.mixwright.mix.plot.MixPlots.write(rep, plots)) {
                            o.println("plot: " + p);
                        }
                    } catch (IOException e) {
                        throw CliFailure.output(plots, e);
                    }
                }
                for (io.github.mixwright.mix.Masking m : rep.masking().subList(0, Math.min(3, rep.masking().size()))) {
                    o.println("masking: " + m.text() + "; " + m.suggestion());
                }
            }
        } catch (RenderFailure f) {
            throw f.side() == RenderFailure.Side.INPUT ? CliFailure.input(session, f.getCause())
                    : CliFailure.output(out, f.getCause());
        } catch (IOException e) {
            throw CliFailure.input(session, e);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        if (masterOut != null) {
            TerminalProgress mp = TerminalProgress.forStderr("mastering");
            try {
                Master m = s.preset() != null ? Master.of(mix).withPreset(s.preset())
                        : Master.of(mix).withTarget(s.target());
                m = m.withThreads(WorkerPool.io());
                if (pool != null) {
                    m = m.withWorkers(pool);
                }
                if (mp != null) {
                    m = m.onProgress(mp::update);
                }
                MasterResult r = m.render(masterOut);
                o.printf(Locale.ROOT, "master: %s, %.2f LUFS, %.2f dBTP (target %s)%n", masterOut,
                        r.output().integratedLufs(), r.output().truePeakDbtp(), s.target());
            } catch (MasterException e) {
                throw new CliFailure(e.reason() == MasterException.Reason.TARGET_NOT_REACHED
                        ? ExitCodes.TARGET_NOT_REACHED : ExitCodes.BAD_INPUT, session + ": " + e.getMessage(), e);
            } catch (RenderFailure f) {
                throw f.side() == RenderFailure.Side.INPUT ? CliFailure.input(session, f.getCause())
                        : CliFailure.output(masterOut, f.getCause());
            } catch (IOException e) {
                throw CliFailure.output(masterOut, e);
            } finally {
                if (mp != null) {
                    mp.done();
                }
            }
        }
        if (pool != null) {
            pool.shutdown();
        }
        return ExitCodes.OK;
    }
}
